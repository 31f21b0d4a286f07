import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadConfig, trustProxyConfig } from './config.ts';
import { productionProblems } from './config-check.ts';
import { READY_PRODUCTION_ENV, REFUSED_DEMO_DEFAULTS } from './test/production-env.ts';

const READY = READY_PRODUCTION_ENV;

const problemsOf = (env: Record<string, string | undefined>) =>
  productionProblems(loadConfig(env as NodeJS.ProcessEnv));
const variables = (lines: string[]) => lines.map((l) => l.split(':')[0]);

describe('production readiness (config-check.ts)', () => {
  it('a ready configuration has no problem', () => {
    expect(problemsOf(READY)).toEqual([]);
  });

  it("the demo's defaults name every unsafe setting, one line each", () => {
    const lines = problemsOf({ MOTCUA_ENV: 'production' });
    expect(variables(lines)).toEqual(REFUSED_DEMO_DEFAULTS);
    for (const line of lines) expect(line).not.toContain('\n');
  });

  it.each([
    ['MOTCUA_SEED', { MOTCUA_SEED: 'demo' }],
    ['MOTCUA_ADMIN_PASSWORD', { MOTCUA_ADMIN_PASSWORD: undefined }],
    ['MOTCUA_ADMIN_PASSWORD', { MOTCUA_ADMIN_PASSWORD: 'short-pass1' }],
    ['MOTCUA_ADMIN_PASSWORD', { MOTCUA_ADMIN_PASSWORD: DEMO_PASSWORD }],
    ['MOTCUA_PAYMENT_GATEWAY', { MOTCUA_PAYMENT_GATEWAY: 'sandbox' }],
    ['MOTCUA_VNPAY_URL', { MOTCUA_VNPAY_URL: 'https://sandbox.vnpayment.vn/paymentv2/vpcpay.html' }],
    ['MOTCUA_VNPAY_HASH_SECRET', { MOTCUA_VNPAY_HASH_SECRET: 'motcua-sandbox-secret-not-for-production' }],
    ['MOTCUA_POSTAL_CARRIER', { MOTCUA_POSTAL_CARRIER: 'sandbox' }],
    ['MOTCUA_POSTAL_SECRET', { MOTCUA_POSTAL_SECRET: 'sandbox-postal-secret' }],
    ['MOTCUA_SMTP_URL', { MOTCUA_SMTP_URL: undefined }],
    ['MOTCUA_SMS_URL', { MOTCUA_SMS_URL: 'http://sms.example.vn/send' }],
    ['MOTCUA_ZALO_URL', { MOTCUA_ZALO: undefined }],
    ['MOTCUA_AUDIT_KEY', { MOTCUA_AUDIT_KEY: undefined }],
    ['MOTCUA_AUDIT_KEY', { MOTCUA_AUDIT_KEY: 'too-short' }],
    ['MOTCUA_DATA_KEY', { MOTCUA_DATA_KEY: undefined }],
    ['MOTCUA_DATA_KEY', { MOTCUA_DATA_KEY: '' }],
    ['MOTCUA_DATA_KEY', { MOTCUA_DATA_KEY: 'motcua-demo-data-key-not-for-production' }],
    ['MOTCUA_DATA_KEY', { MOTCUA_DATA_KEY: 'too-short' }],
    ['MOTCUA_PUBLIC_URL', { MOTCUA_PUBLIC_URL: 'http://dichvucong.example.vn' }],
    ['MOTCUA_TRUST_PROXY', { MOTCUA_TRUST_PROXY: 'true' }],
  ])('refuses %s when %o', (variable, change) => {
    const lines = problemsOf({ ...READY, ...change });
    expect(variables(lines)).toEqual([variable]);
  });

  it('a channel may be switched off, and an off channel is no problem', () => {
    expect(problemsOf({ ...READY, MOTCUA_EMAIL: 'off', MOTCUA_SMS: 'off' })).toEqual([]);
    expect(loadConfig({ MOTCUA_SMS: 'off', MOTCUA_SMS_URL: 'https://x' }).channels.sms).toEqual({
      kind: 'off',
    });
  });

  it('MOTCUA_ENV accepts only demo and production', () => {
    expect(loadConfig({}).mode).toBe('demo');
    expect(() => loadConfig({ MOTCUA_ENV: 'prod' })).toThrow(/MOTCUA_ENV/);
  });
});

describe('MOTCUA_TRUST_PROXY', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['false', false],
    ['true', true],
    ['2', 2],
    ['10.0.0.1', ['10.0.0.1']],
    ['10.0.0.1, 10.0.1.0/24,::1', ['10.0.0.1', '10.0.1.0/24', '::1']],
  ])('%s → %o', (raw, expected) => {
    expect(trustProxyConfig(raw)).toEqual(expected);
  });

  it('rejects what is neither a count nor an address', () => {
    expect(() => trustProxyConfig('proxy.example.vn')).toThrow(/MOTCUA_TRUST_PROXY/);
  });
});
