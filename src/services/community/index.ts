/** The community context's door: what other contexts, routes, jobs and the CLI may use. */
export * from './digital-teams.ts';
