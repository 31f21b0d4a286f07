/**
 * The identity context's operations: logging in and out, the signed-in user and what they may do,
 * citizen registration and password reset, the citizen's profile, the staff second factor (TOTP),
 * and staff accounts.
 */
import { z } from 'zod';
import { ROLES, type Role, STAFF_ROLES } from '../domain/access.ts';
import { idNumberSchema, phoneSchema } from '../domain/reception/intake.ts';
import { problemSchema, staffSecurity } from './common.ts';
import { defineContract, operation } from './operation.ts';

/**
 * What the office screens offer, each decided on the server from the roles the operations behind
 * it require (src/http/capabilities.ts). The web app shows a menu entry or a button when the
 * signed-in user has the capability, and never copies the role lists.
 */
export const CAPABILITIES = [
  /** Administer units, staff accounts, the calendar, the catalogue. */
  'admin',
  /** Read the catalogue's administration list. */
  'catalogRead',
  /** Receive dossiers at the counter and online applications. */
  'reception',
  /** Read the dossiers of one's units (logbook, feedback). */
  'dossiers',
  /** The leader's work: refunds, overview. */
  'leader',
  /** Book postal pick-ups and returns. */
  'postal',
  /** Register and schedule home pick-ups and returns. */
  'homeService',
  /** Submit online for citizens as a member of a community digital team. */
  'assist',
  /** Set a unit's queue services and counters. */
  'queueSetup',
  /** Log hotline calls. */
  'hotline',
  /** Schedule service days and manage community digital teams. */
  'community',
  /** Take part in the weekly evaluation (officers report, leaders grade). */
  'evaluation',
  /** Work a counter of the hall queue. */
  'queue',
  /** Read the reports and the dashboard. */
  'reports',
  /** Read the daily payment reconciliation. */
  'payments',
] as const;
export type Capability = (typeof CAPABILITIES)[number];
export const capabilitySchema = z.enum(CAPABILITIES);

export const roleGrantViewSchema = z.object({
  role: z.enum(ROLES),
  unitCode: z.string(),
  unitName: z.string(),
  includeDescendants: z.boolean(),
});

export const userViewSchema = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  kind: z.enum(['staff', 'citizen']),
  roles: z.array(roleGrantViewSchema),
  totpEnabled: z.boolean().describe('The account’s second factor (TOTP) is on'),
});

/** The caller's own view: also whether a second factor is required of the account (production administrators). */
export const ownUserViewSchema = userViewSchema.extend({
  totpRequired: z
    .boolean()
    .describe('A second factor is required of this account (system and unit administrators in production)'),
});

/** GET /me: the caller's own view with what each grant, and the account as a whole, may do. */
export const meSchema = ownUserViewSchema.extend({
  roles: z.array(
    roleGrantViewSchema.extend({
      capabilities: z.array(capabilitySchema).describe('What this grant allows, at its unit'),
    }),
  ),
  capabilities: z
    .array(capabilitySchema)
    .describe('What the account may do somewhere: the office menu shows these, the server decides them'),
});

export const adminUserSchema = userViewSchema.extend({ disabled: z.boolean(), createdAt: z.string() });

const username = z.string().min(3).max(200);
const sixDigitCode = z.string().regex(/^\d{6}$/, 'Mã gồm 6 chữ số');
const newPassword = z.string().min(8, 'Mật khẩu cần ít nhất 8 ký tự').max(200);

export const registerCitizenSchema = z
  .object({
    fullName: z.string().trim().min(2).max(200),
    phone: z
      .string()
      .trim()
      .regex(/^(\+84|0)[0-9]{9,10}$/, 'Số điện thoại không hợp lệ')
      .optional(),
    email: z.email('Địa chỉ e-mail không hợp lệ').optional(),
    password: newPassword,
  })
  .refine((v) => v.phone || v.email, { message: 'Cần số điện thoại hoặc e-mail', path: ['phone'] });
export type RegisterCitizenInput = z.output<typeof registerCitizenSchema>;

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** An optional text field; blank ("" or spaces) counts as not given. */
const optional = <T extends z.ZodType<unknown, string>>(schema: T) =>
  z
    .string()
    .transform((v) => (v.trim() === '' ? undefined : v))
    .pipe(schema.optional())
    .optional();

export const profileApplicantSchema = z.object({
  fullName: z.string().trim().min(2, 'Cần họ và tên').max(200),
  idNumber: optional(idNumberSchema),
  phone: optional(phoneSchema),
  email: optional(z.email('E-mail không hợp lệ').max(200)),
  address: optional(z.string().trim().max(500)),
});
export type ProfileApplicant = z.output<typeof profileApplicantSchema>;

export const profileInputSchema = z.object({
  applicant: profileApplicantSchema,
  zaloOptIn: z.boolean().default(false),
  /** Where Zalo messages go; empty = the account's phone. */
  zaloPhone: optional(phoneSchema).nullable(),
  locale: z.enum(LOCALES).default('vi'),
});
export type ProfileInput = z.output<typeof profileInputSchema>;

export const profileViewSchema = z.object({
  applicant: z.object({
    fullName: z.string(),
    idNumber: z.string().optional(),
    phone: z.string().optional(),
    email: z.string().optional(),
    address: z.string().optional(),
  }),
  zaloOptIn: z.boolean(),
  zaloPhone: z.string().nullable(),
  locale: z.enum(LOCALES),
  account: z.object({
    username: z.string(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    verified: z.boolean(),
  }),
});

export const roleGrantInputSchema = z.object({
  role: z.enum(STAFF_ROLES as [Role, ...Role[]]),
  unitCode: z.string().trim().min(1),
  includeDescendants: z.boolean().default(false),
});
export type RoleGrantInput = z.output<typeof roleGrantInputSchema>;

export const createUserSchema = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9._-]{3,50}$/, 'Tên đăng nhập 3–50 ký tự: chữ thường không dấu, số, dấu chấm, gạch'),
  password: newPassword,
  fullName: z.string().trim().min(2).max(200),
  roles: z.array(roleGrantInputSchema).max(50).default([]),
  email: z.email().optional(),
  phone: z.string().trim().max(20).optional(),
});
export type CreateUserInput = z.output<typeof createUserSchema>;

export const updateUserSchema = z.object({
  fullName: z.string().trim().min(2).max(200).optional(),
  password: newPassword.optional(),
  disabled: z.boolean().optional(),
  roles: z.array(roleGrantInputSchema).max(50).optional(),
});
export type UpdateUserInput = z.output<typeof updateUserSchema>;

/** How many single-use recovery codes a confirmed enrolment answers. */
export const RECOVERY_CODE_COUNT = 10;

const totpCodeBody = z.object({
  code: z
    .string()
    .trim()
    .min(6)
    .max(20)
    .describe('A 6-digit code from the app (or, to turn off, a recovery code)'),
});
const userParams = z.object({ id: z.uuid() });

export const identityContract = defineContract('identity', {
  login: operation('POST /auth/login', {
    summary: 'Log in with username and password',
    description:
      'Returns a bearer token and sets an httpOnly SameSite=Lax session cookie. Unknown user and wrong password give the same 401 `invalid_credentials`; repeated failures give 429 `too_many_attempts` with Retry-After. A staff account with a second factor needs `totp` (a 6-digit code or a recovery code): without it 401 `totp_required`, a wrong or reused one 401 `invalid_totp` (counted like a wrong password).',
    body: z.object({
      username: z.string().min(1).max(200),
      password: z.string().min(1).max(200),
      totp: z.string().trim().max(20).optional(),
    }),
    response: {
      200: z.object({ token: z.string(), expiresAt: z.string(), user: ownUserViewSchema }),
      401: problemSchema,
      429: problemSchema,
    },
  }),
  logout: operation('POST /auth/logout', {
    summary: 'End the current session',
    response: { 204: z.null() },
  }),
  me: operation('GET /me', {
    summary: 'The logged-in user with roles per unit, and what the account may do (capabilities)',
    security: staffSecurity,
    response: { 200: meSchema, 401: problemSchema },
  }),
  register: operation('POST /auth/register', {
    summary: 'Citizen registration with a phone number or e-mail and a password',
    body: registerCitizenSchema,
    response: { 201: userViewSchema, 409: problemSchema },
  }),
  verify: operation('POST /auth/verify', {
    summary: 'Confirm a citizen account with the one-time code sent to its phone or e-mail',
    body: z.object({ username, code: sixDigitCode }),
    response: { 204: z.null(), 400: problemSchema },
  }),
  resendVerification: operation('POST /auth/verify/resend', {
    summary: 'Send a new account-confirmation code (the same answer whether or not one was sent)',
    description:
      'A code goes out only for an unconfirmed citizen account, at most once a minute; the answer is always 202.',
    body: z.object({ username }),
    response: { 202: z.null() },
  }),
  requestPasswordReset: operation('POST /auth/password-reset', {
    summary: 'Send a password-reset code (the same answer whether or not the account exists)',
    body: z.object({ username }),
    response: { 202: z.null() },
  }),
  confirmPasswordReset: operation('POST /auth/password-reset/confirm', {
    summary: 'Set a new password with the reset code',
    body: z.object({ username, code: sixDigitCode, password: newPassword }),
    response: { 204: z.null(), 400: problemSchema },
  }),
  profile: operation('GET /me/profile', {
    summary: 'The citizen’s profile: saved applicant details (defaults from the account), Zalo, language',
    description: 'Citizen accounts only: staff get 403 `citizen_only`.',
    security: staffSecurity,
    response: { 200: profileViewSchema, 401: problemSchema, 403: problemSchema },
  }),
  saveProfile: operation('PUT /me/profile', {
    summary: 'Save the citizen’s profile (the whole of it: fields left out are cleared)',
    description:
      'Blank optional fields count as not given. Invalid fields give 400 `validation_failed` naming them (`applicant.idNumber`, `zaloPhone`, …); opting in to Zalo needs `zaloPhone` unless the account has a phone.',
    security: staffSecurity,
    body: profileInputSchema,
    response: { 200: profileViewSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema },
  }),
  startTotp: operation('POST /me/totp/enrol', {
    summary:
      'Start enrolling a second factor (TOTP, RFC 6238): a new secret as otpauth URI, QR code and text',
    description:
      'Staff only. The secret counts only once `POST /me/totp/confirm` receives a code from it; starting again replaces a pending secret. 409 `totp_already_enabled` when it is on.',
    security: staffSecurity,
    response: {
      200: z.object({ otpauthUri: z.string(), qrDataUrl: z.string(), secret: z.string() }),
      401: problemSchema,
      403: problemSchema,
      409: problemSchema,
    },
  }),
  confirmTotp: operation('POST /me/totp/confirm', {
    summary:
      'Confirm the enrolment with a first code: the second factor is on; the recovery codes are shown once',
    description: `Answers the ${RECOVERY_CODE_COUNT} single-use recovery codes (\`xxxx-xxxx\`), which are never shown again. 400 \`invalid_totp\` for a wrong code (more than 5 in 15 minutes: 429 \`too_many_attempts\`), 409 \`totp_not_enrolling\` without a pending enrolment.`,
    security: staffSecurity,
    body: totpCodeBody,
    response: {
      200: z.object({ recoveryCodes: z.array(z.string()) }),
      400: problemSchema,
      401: problemSchema,
      403: problemSchema,
      409: problemSchema,
      429: problemSchema,
    },
  }),
  disableTotp: operation('DELETE /me/totp', {
    summary: 'Turn the second factor off, proven by a current code or a recovery code',
    description:
      'In production, system and unit administrators cannot (403 `totp_required_for_role`). 400 `invalid_totp` (more than 5 in 15 minutes: 429 `too_many_attempts`), 409 `totp_not_enabled`.',
    security: staffSecurity,
    body: totpCodeBody,
    response: {
      204: z.null(),
      400: problemSchema,
      401: problemSchema,
      403: problemSchema,
      409: problemSchema,
      429: problemSchema,
    },
  }),
  resetTotp: operation('POST /admin/users/:id/totp/reset', {
    summary: 'Reset a staff account’s second factor (lost phone): the user enrols again; audited',
    description: 'System administrators only.',
    security: staffSecurity,
    params: userParams,
    response: { 204: z.null(), 401: problemSchema, 403: problemSchema, 404: problemSchema },
  }),
  users: operation('GET /admin/users', {
    summary: 'Staff accounts in the caller’s scope',
    security: staffSecurity,
    response: {
      200: z.object({ items: z.array(adminUserSchema) }),
      401: problemSchema,
      403: problemSchema,
    },
  }),
  createUser: operation('POST /admin/users', {
    summary: 'Create a staff account with roles per unit',
    security: staffSecurity,
    body: createUserSchema,
    response: { 201: adminUserSchema, 400: problemSchema, 403: problemSchema, 409: problemSchema },
  }),
  updateUser: operation('PATCH /admin/users/:id', {
    summary: 'Change a staff account: name, password, roles, or disable it',
    security: staffSecurity,
    params: userParams,
    body: updateUserSchema,
    response: { 200: adminUserSchema, 400: problemSchema, 403: problemSchema, 404: problemSchema },
  }),
});

export type UserView = z.output<typeof userViewSchema>;
export type AdminUserView = z.output<typeof adminUserSchema>;
export type ProfileView = z.output<typeof profileViewSchema>;
export type Me = z.output<typeof meSchema>;
