/**
 * Login with the national single sign-on (VNeID-style OpenID Connect), offered only when
 * MOTCUA_OIDC_ISSUER / _CLIENT_ID / _CLIENT_SECRET are set. The login and the callback answer with
 * redirects; only the configuration is read by the web app.
 */
import { z } from 'zod';
import { problemSchema } from './common.ts';
import { defineContract, operation } from './operation.ts';

export const oidcContract = defineContract('oidc', {
  config: operation('GET /auth/oidc/config', {
    summary: 'Whether login with the national single sign-on (VNeID) is offered',
    response: { 200: z.object({ enabled: z.boolean(), name: z.string() }) },
  }),
  login: operation('GET /auth/oidc/login', {
    summary: 'Start a national single sign-on login (302 to the provider)',
    description:
      'Authorization-code flow with PKCE (S256); state, nonce and the verifier go in a signed httpOnly cookie valid 10 minutes. 404 `oidc_disabled` when not configured, 502 `oidc_unavailable` when the provider cannot be reached.',
    response: { 302: z.null(), 404: problemSchema, 502: problemSchema },
  }),
  callback: operation('GET /auth/oidc/callback', {
    summary: 'Where the provider sends the browser back (302 to /me, or to /login?oidc=failed)',
    description:
      'Checks the state against the cookie, exchanges the code (client_secret_post + PKCE verifier), verifies the ID token (RS256 with the provider’s JWKS; iss, aud, exp, nonce), finds or creates the citizen account `oidc:<sub>` and opens a session like a password login. Every failure is logged and audited (`auth.oidc_failed`) and sends the browser to /login?oidc=failed.',
    querystring: z.object({
      code: z.string().max(4000).optional(),
      state: z.string().max(500).optional(),
      error: z.string().max(200).optional(),
      error_description: z.string().max(1000).optional(),
    }),
    response: { 302: z.null(), 404: problemSchema },
  }),
});
