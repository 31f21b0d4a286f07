/** The dossiers context's door: what other contexts, routes, jobs and the CLI may use. */
export * from './deadline-alerts.ts';
export * from './dossier-import.ts';
export * from './dossiers.ts';
export * from './files.ts';
export * from './forms.ts';
export * from './slips.ts';
export * from './tracking.ts';
export * from './ratings.ts';
