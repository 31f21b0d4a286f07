/** The dossiers context's door: what other contexts, routes, jobs and the CLI may use. */
export * from './deadline-alerts.ts';
export * from './dossier-import.ts';
export * from './actions.ts';
export * from './due-dates.ts';
export * from './events.ts';
export * from './intake.ts';
export * from './one-dossier.ts';
export * from './views.ts';
export * from './files.ts';
export * from './forms.ts';
export * from './slips.ts';
export * from './tracking.ts';
export * from './ratings.ts';
export * from './dossier-export.ts';
