import type { LiveKey } from './en-live';

export const liveId: Record<LiveKey, string> = {
  'live.stageMoved': 'Tahap dipindah ke {stage}.',
  'live.dealWon': 'Deal ditandai menang.',
  'live.dealLost': 'Deal ditandai kalah.',
  'live.nudgeDone': 'Tindak lanjut selesai: {nudge}.',
  'live.suggestionAccepted': 'Saran diterima.',
  'live.importDone': 'Impor selesai: {created} dibuat, {merged} digabung, {skipped} dilewati, {errors} dengan galat.',
  'live.importRefused': 'Impor ditolak: tidak ada yang diubah.',
};
