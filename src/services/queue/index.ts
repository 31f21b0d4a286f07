/** The queue context's door: what other contexts, routes, jobs and the CLI may use. */
export * from './display.ts';
export * from './queue.ts';
export * from './setup.ts';
export * from './statistics.ts';
