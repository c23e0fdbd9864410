// The dashboard's strings (dashboard.html), kept apart from the sidebar's so the two grow without colliding.
// Spread into en.ts; id-dashboard.ts holds the same keys in Indonesian.
export const dashboardEn = {
  'open.dashboard': 'Dashboard',
  'dash.title': 'Pipeline dashboard',
  'dash.nav': 'Dashboard sections',
  'dash.skip': 'Skip to the board',
  'dash.section.board': 'Board',
  'dash.section.people': 'People & deals',
  'dash.section.metrics': 'Metrics',
  'dash.section.calculator': 'Size calculator',
  'dash.section.data': 'Import & export',
  'dash.loading': 'Loading…',
  'dash.empty.title': 'Your pipeline will appear here',
  'dash.empty.body':
    'Every deal you add from Gmail or LinkedIn shows up on this board by stage. The metrics below (leads, close rate, deal size, sales cycle, pipeline velocity and its trend) are computed from your own history, and the calculator tells you how big your pipeline must be to hit a target.',
  'dash.data.placeholder': 'Backup, restore and CSV import and export will live here.',
} as const;

export type DashboardKey = keyof typeof dashboardEn;
