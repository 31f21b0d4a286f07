/** The feedback context's door: what other contexts, routes, jobs and the CLI may use. */
export * from './counter-ratings.ts';
export * from './feedback.ts';
export * from './open311.ts';
