/**
 * The OpenAPI tags: one per context, as the contracts name them (defineContract('calendar', …) tags
 * its operations 'calendar' and names them 'calendar.due'). src/http/contracts.test.ts checks that
 * every tag used is declared here and every tag declared is used.
 */
export function openApiTags(mode: 'demo' | 'production'): { name: string; description: string }[] {
  return [
    { name: 'system', description: 'Health, version and the audit chain' },
    {
      name: 'identity',
      description:
        'Login, sessions, the current user and what they may do, citizen accounts, staff accounts, TOTP',
    },
    { name: 'oidc', description: 'National sign-on (OpenID Connect): start, callback, configuration' },
    { name: 'access', description: 'Units and their hierarchy, the personal-data access log' },
    {
      name: 'catalog',
      description: 'Procedures (public catalogue and administration), fields, process definitions',
    },
    { name: 'calendar', description: 'Working-time calendar, holidays and make-up days, due dates' },
    {
      name: 'dossiers',
      description: 'Reception, processing, forms, import and export, public tracking of dossiers',
    },
    {
      name: 'applications',
      description: 'Online submission: drafts, submission, acceptance by the receiving unit, supplements',
    },
    {
      name: 'payments',
      description: 'Fee payments: gateway (VNPay-style), counter, receipts, reconciliation',
    },
    { name: 'files', description: 'Uploads (PDF, JPEG, PNG checked by content) and downloads' },
    { name: 'notifications', description: 'Messages to applicants (outbox) and the demo mailbox' },
    {
      name: 'postal',
      description:
        'Public postal service (BCCI) and home service: pick-ups, returns, visits, carrier webhooks',
    },
    {
      name: 'queue',
      description: 'The hall queue: services, counters, tickets, calls, the display, counter ratings',
    },
    { name: 'feedback', description: 'Feedback and complaints (phản ánh, kiến nghị), ratings, API keys' },
    { name: 'open311', description: 'Open311 GeoReport v2 over the feedback data' },
    { name: 'staff', description: 'The hotline’s call log and the weekly staff evaluation' },
    {
      name: 'community',
      description: 'Community digital technology teams, service days and the public page of a unit',
    },
    {
      name: 'statistics',
      description: 'Reports (form 06 and others), dashboards, the service index, exports',
    },
    ...(mode === 'demo' ? [{ name: 'sandbox', description: 'Demo only: the stand-in payment gateway' }] : []),
  ];
}
