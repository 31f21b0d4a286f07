/** The postal context's door: what other contexts, routes, jobs and the CLI may use. */
export * from './home-service.ts';
export * from './home-service-summary.ts';
export * from './postal.ts';
