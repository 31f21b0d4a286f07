/** The rollups context's door: what other contexts, routes, jobs and the CLI may use. */
export * from './report-activity.ts';
export * from './report-rollups.ts';
