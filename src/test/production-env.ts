/**
 * A production configuration a province could run: every provider real, every secret its own.
 * What `motcua doctor` passes; tests change one variable at a time to see each refusal.
 */
export const READY_PRODUCTION_ENV: Readonly<Record<string, string>> = {
  MOTCUA_ENV: 'production',
  MOTCUA_SEED: 'none',
  MOTCUA_ADMIN_PASSWORD: 'a-long-admin-passphrase',
  MOTCUA_PAYMENT_GATEWAY: 'vnpay',
  MOTCUA_VNPAY_URL: 'https://pay.vnpay.vn/vpcpay.html',
  MOTCUA_VNPAY_TMN_CODE: 'TINHABC1',
  MOTCUA_VNPAY_HASH_SECRET: 'merchant-secret-from-vnpay',
  MOTCUA_POSTAL_CARRIER: 'http',
  MOTCUA_POSTAL_URL: 'https://buudien.example.vn/bookings',
  MOTCUA_POSTAL_SECRET: 'postal-webhook-secret',
  MOTCUA_SMTP_URL: 'smtps://user:pass@smtp.example.vn:465',
  MOTCUA_SMS_URL: 'https://sms.example.vn/send',
  MOTCUA_ZALO: 'off',
  MOTCUA_AUDIT_KEY: 'k'.repeat(40),
  MOTCUA_DATA_KEY: 'd'.repeat(40),
  MOTCUA_PUBLIC_URL: 'https://dichvucong.example.vn',
  MOTCUA_TRUST_PROXY: '1',
};

/** What production refuses in the demo's defaults (MOTCUA_ENV=production and nothing else), in order. */
export const REFUSED_DEMO_DEFAULTS = [
  'MOTCUA_SEED',
  'MOTCUA_ADMIN_PASSWORD',
  'MOTCUA_PAYMENT_GATEWAY',
  'MOTCUA_POSTAL_CARRIER',
  'MOTCUA_SMTP_URL',
  'MOTCUA_SMS_URL',
  'MOTCUA_ZALO_URL',
  'MOTCUA_AUDIT_KEY',
  'MOTCUA_DATA_KEY',
  'MOTCUA_PUBLIC_URL',
];
