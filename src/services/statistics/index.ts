/** The statistics context's door: what other contexts, routes, jobs and the CLI may use. */
export * from './public-statistics.ts';
export * from './report-dashboard.ts';
export * from './report-exports.ts';
export * from './reports.ts';
export * from './service-index.ts';
export * from './table-reports.ts';
