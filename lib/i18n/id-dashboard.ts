import type { DashboardKey } from './en-dashboard';

export const dashboardId: Record<DashboardKey, string> = {
  'open.dashboard': 'Dasbor',
  'dash.title': 'Dasbor pipeline',
  'dash.nav': 'Bagian dasbor',
  'dash.skip': 'Langsung ke papan',
  'dash.section.board': 'Papan',
  'dash.section.people': 'Orang & deal',
  'dash.section.metrics': 'Metrik',
  'dash.section.calculator': 'Kalkulator ukuran',
  'dash.section.data': 'Impor & ekspor',
  'dash.loading': 'Memuat…',
  'dash.empty.title': 'Pipeline Anda akan tampil di sini',
  'dash.empty.body':
    'Setiap deal yang Anda tambahkan dari Gmail atau LinkedIn muncul di papan ini menurut tahapnya. Metrik di bawah (jumlah prospek, tingkat penutupan, nilai deal, siklus penjualan, kecepatan pipeline dan trennya) dihitung dari riwayat Anda sendiri, dan kalkulator menunjukkan seberapa besar pipeline yang Anda perlukan untuk mencapai target.',
  'dash.data.placeholder': 'Cadangan, pemulihan, serta impor dan ekspor CSV akan ada di sini.',
};
