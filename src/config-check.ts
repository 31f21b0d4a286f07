/**
 * Is this configuration safe to serve real citizens? `productionProblems` lists, one line each,
 * every setting that a production deployment must not run with. The server refuses to start in
 * MOTCUA_ENV=production while the list is not empty (exit 2, before it migrates or listens), and
 * `npx motcua doctor` prints the same lines (exit 1). The demo is a mode, never an accident.
 * SECURITY.md keeps the checklist for operators; keep both in step.
 */
import {
  type Config,
  DEMO_AUDIT_KEY,
  DEMO_DATA_KEY,
  DEMO_PASSWORD,
  SANDBOX_HASH_SECRET,
  SANDBOX_POSTAL_SECRET,
} from './config.ts';

/** Shortest administrator password accepted in production (ASVS 2.1.1 asks for at least 12). */
export const MIN_ADMIN_PASSWORD = 12;

/** VNPay's public test gateway: real merchants are given another address. */
const VNPAY_SANDBOX_HOST = 'sandbox.vnpayment.vn';

export function productionProblems(config: Config): string[] {
  const problems: string[] = [];
  const problem = (variable: string, text: string) => problems.push(`${variable}: ${text}`);

  if (config.seed === 'demo')
    problem('MOTCUA_SEED', 'is "demo" (the demo jurisdiction and its accounts); set MOTCUA_SEED=none');

  const password = config.adminPassword;
  if (!password) problem('MOTCUA_ADMIN_PASSWORD', 'is not set');
  else if (password === DEMO_PASSWORD) problem('MOTCUA_ADMIN_PASSWORD', 'is the demo password');
  else if ([...password].length < MIN_ADMIN_PASSWORD)
    problem('MOTCUA_ADMIN_PASSWORD', `is shorter than ${MIN_ADMIN_PASSWORD} characters`);

  if (config.payment.gateway === 'sandbox')
    problem('MOTCUA_PAYMENT_GATEWAY', 'is the sandbox; set "vnpay" with the merchant code and secret');
  else {
    if (!config.payment.hashSecret || config.payment.hashSecret === SANDBOX_HASH_SECRET)
      problem('MOTCUA_VNPAY_HASH_SECRET', 'is empty or the sandbox secret');
    if (safeHost(config.payment.url) === VNPAY_SANDBOX_HOST)
      problem('MOTCUA_VNPAY_URL', "is VNPay's test gateway; set the merchant's production URL");
  }

  if (config.postal.carrier === 'sandbox')
    problem(
      'MOTCUA_POSTAL_CARRIER',
      'is the sandbox; set "http" with MOTCUA_POSTAL_URL and MOTCUA_POSTAL_SECRET',
    );
  else if (!config.postal.webhookSecret || config.postal.webhookSecret === SANDBOX_POSTAL_SECRET)
    problem('MOTCUA_POSTAL_SECRET', 'is empty or the sandbox secret');

  const channelVariables = { email: 'MOTCUA_SMTP_URL', sms: 'MOTCUA_SMS_URL', zalo: 'MOTCUA_ZALO_URL' };
  const offVariables = { email: 'MOTCUA_EMAIL', sms: 'MOTCUA_SMS', zalo: 'MOTCUA_ZALO' };
  for (const channel of ['email', 'sms', 'zalo'] as const) {
    const c = config.channels[channel];
    if (c.kind === 'sandbox')
      problem(
        channelVariables[channel],
        `is not set: ${channel} would go to the demo mailbox; configure a provider or set ${offVariables[channel]}=off`,
      );
    if (c.kind === 'http' && c.url.startsWith('http://') && !isLoopback(c.url))
      problem(channelVariables[channel], 'sends personal data over plain http; use https');
  }

  if (!config.auditKey || config.auditKey === DEMO_AUDIT_KEY)
    problem('MOTCUA_AUDIT_KEY', 'is empty or the demo key; set a random secret of at least 32 characters');
  else if (config.auditKey.length < 32) problem('MOTCUA_AUDIT_KEY', 'is shorter than 32 characters');

  if (!config.dataKey || config.dataKey === DEMO_DATA_KEY)
    problem('MOTCUA_DATA_KEY', 'is empty or the demo key; set a random secret of at least 32 characters');
  else if (config.dataKey.length < 32) problem('MOTCUA_DATA_KEY', 'is shorter than 32 characters');

  if (config.oidc && !config.oidc.clientSecret) problem('MOTCUA_OIDC_CLIENT_SECRET', 'is empty');
  if (config.storage.kind === 's3' && !config.storage.secretAccessKey)
    problem('MOTCUA_S3_SECRET_ACCESS_KEY', 'is empty');

  if (!config.publicUrl.startsWith('https://'))
    problem(
      'MOTCUA_PUBLIC_URL',
      `must be an https:// address (cookies, links in messages); got "${config.publicUrl}"`,
    );
  if (config.trustProxy === true)
    problem(
      'MOTCUA_TRUST_PROXY',
      'is "true" (anyone could forge X-Forwarded-For); give the hop count or the proxies\' addresses',
    );
  return problems;
}

function safeHost(url: string): string | null {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}

function isLoopback(url: string): boolean {
  const host = safeHost(url);
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}
