/** The calendar context's door: what other contexts, routes, jobs and the CLI may use. */
export * from './calendar.ts';
export * from './service-days.ts';
