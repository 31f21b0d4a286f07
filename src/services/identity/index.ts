/** The identity context's door: what other contexts, routes, jobs and the CLI may use. */
export * from './auth.ts';
export * from './otp.ts';
export * from './password.ts';
export * from './profile.ts';
export * from './totp.ts';
export * from './users.ts';
export * from './oidc.ts';
