/**
 * RFC 9457 problem documents. Every error leaves the server as application/problem+json with a
 * stable machine `code`; titles follow the caller's Accept-Language (Vietnamese by default).
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError, z } from 'zod';
import { AppError, type FieldError } from '../domain/errors.ts';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  errors?: FieldError[];
}

// Field messages are Vietnamese by default (zod's "vi" locale); English callers get them re-rendered below.
z.config(z.locales.vi());
const englishMessages = z.locales.en().localeError;

/** Renders a validation issue in English from its code and parameters (custom messages are kept in Vietnamese). */
function englishMessage(keyword: string, params: Record<string, unknown>, fallback: string): string {
  try {
    const out = englishMessages?.({ code: keyword, ...params } as never);
    return typeof out === 'string' ? out : (out?.message ?? fallback);
  } catch {
    return fallback;
  }
}

const TITLES: Record<string, { vi: string; en: string }> = {
  validation_failed: { vi: 'Dữ liệu không hợp lệ', en: 'Invalid input' },
  malformed_json: { vi: 'JSON không đọc được', en: 'Malformed JSON' },
  payload_too_large: { vi: 'Dữ liệu gửi lên quá lớn', en: 'Payload too large' },
  unsupported_media_type: { vi: 'Kiểu dữ liệu không được hỗ trợ', en: 'Unsupported media type' },
  not_found: { vi: 'Không tìm thấy', en: 'Not found' },
  method_not_allowed: { vi: 'Phương thức không được hỗ trợ', en: 'Method not allowed' },
  unauthenticated: { vi: 'Cần đăng nhập', en: 'Authentication required' },
  invalid_credentials: { vi: 'Sai thông tin đăng nhập', en: 'Invalid credentials' },
  forbidden: { vi: 'Không có quyền', en: 'Forbidden' },
  too_many_attempts: { vi: 'Quá nhiều lần thử', en: 'Too many attempts' },
  rate_limited: { vi: 'Quá nhiều yêu cầu', en: 'Too many requests' },
  username_taken: { vi: 'Tên đăng nhập đã được dùng', en: 'Username taken' },
  procedure_exists: { vi: 'Thủ tục đã có', en: 'Procedure already exists' },
  procedure_not_found: { vi: 'Không tìm thấy thủ tục', en: 'Procedure not found' },
  unit_not_found: { vi: 'Không tìm thấy đơn vị', en: 'Unit not found' },
  internal_error: { vi: 'Lỗi hệ thống', en: 'Internal server error' },
  totp_required: { vi: 'Cần mã xác thực', en: 'Authentication code required' },
  invalid_totp: { vi: 'Mã xác thực không đúng', en: 'Invalid authentication code' },
  totp_enrolment_required: { vi: 'Cần bật xác thực hai lớp', en: 'Two-step verification required' },
  totp_required_for_role: { vi: 'Không thể tắt xác thực hai lớp', en: 'Two-step verification must stay on' },
  totp_already_enabled: { vi: 'Xác thực hai lớp đã bật', en: 'Two-step verification already on' },
  totp_not_enrolling: { vi: 'Chưa bắt đầu đăng ký', en: 'No enrolment started' },
  totp_not_enabled: { vi: 'Xác thực hai lớp chưa bật', en: 'Two-step verification is off' },
  staff_only: { vi: 'Chỉ dành cho cán bộ', en: 'Staff only' },
};

/** English details for the generic problems (service messages are Vietnamese; screens translate by code). */
const DETAILS_EN: Record<string, string> = {
  invalid_credentials: 'Wrong username or password',
  unauthenticated: 'Please log in first',
  forbidden: 'You are not allowed to do this',
  too_many_attempts: 'Too many failed logins. Please try again later.',
  not_found: 'No such resource',
  internal_error: 'Something went wrong on our side. Please try again.',
  totp_required: 'Enter the 6-digit code from your authenticator app (or a recovery code)',
  invalid_totp: 'The code is wrong, expired or already used',
  totp_enrolment_required:
    'Administrators must turn on two-step verification before continuing (Account security)',
  totp_required_for_role: 'Administrators must keep two-step verification on',
  totp_already_enabled: 'Two-step verification is already on; turn it off before enrolling again',
  totp_not_enrolling: 'No enrolment is waiting for a code: start it first',
  totp_not_enabled: 'Two-step verification is not on',
};

export function prefersEnglish(request: FastifyRequest): boolean {
  const header = request.headers['accept-language'];
  return typeof header === 'string' && /^\s*en\b/i.test(header);
}

export function problemOf(
  request: FastifyRequest,
  status: number,
  code: string,
  detail: string,
  errors?: FieldError[],
): Problem {
  const en = prefersEnglish(request);
  const title = TITLES[code] ?? { vi: 'Lỗi', en: 'Error' };
  return {
    type: `https://motcua.dev/problems/${code}`,
    title: en ? title.en : title.vi,
    status,
    detail: en ? (DETAILS_EN[code] ?? detail) : detail,
    code,
    instance: request.url.split('?')[0],
    ...(errors ? { errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, problem: Problem) {
  return reply.status(problem.status).type('application/problem+json').send(problem);
}

function zodErrors(error: ZodError, prefix: string): FieldError[] {
  return error.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'),
    message: i.message,
  }));
}

/** Maps anything thrown in a handler to a problem; never leaks a stack trace. */
export function toProblem(request: FastifyRequest, error: FastifyError | Error): Problem {
  if (error instanceof AppError)
    return problemOf(request, error.status, error.code, error.message, error.errors);
  if (error instanceof ZodError) {
    const errors = zodErrors(error, '');
    return problemOf(request, 400, 'validation_failed', summarise(errors), errors);
  }
  const fe = error as FastifyError & { validationContext?: string };
  if (hasZodFastifySchemaValidationErrors(fe)) {
    // Body fields are named by their path ("fees.0.amount"); other parts by where they are ("querystring.level").
    const where = fe.validationContext && fe.validationContext !== 'body' ? fe.validationContext : '';
    const en = prefersEnglish(request);
    const errors = fe.validation.map((v) => ({
      path: [where, ...v.instancePath.split('/').filter(Boolean)].filter(Boolean).join('.'),
      message: en
        ? englishMessage(v.keyword, v.params, v.message ?? 'invalid')
        : (v.message ?? 'không hợp lệ'),
    }));
    return problemOf(request, 400, 'validation_failed', summarise(errors), errors);
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problemOf(request, 400, 'malformed_json', 'Nội dung JSON không hợp lệ');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problemOf(request, 413, 'payload_too_large', 'Dữ liệu gửi lên vượt quá giới hạn cho phép');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problemOf(request, 415, 'unsupported_media_type', 'Kiểu nội dung không được hỗ trợ');
  }
  if (error instanceof SyntaxError && fe.statusCode === 400)
    return problemOf(request, 400, 'malformed_json', 'Nội dung JSON không hợp lệ');
  if (fe.statusCode === 429)
    return problemOf(request, 429, 'rate_limited', 'Bạn gửi quá nhiều yêu cầu, vui lòng thử lại sau');
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500)
    return problemOf(request, fe.statusCode, 'bad_request', fe.message);
  return problemOf(request, 500, 'internal_error', 'Đã có lỗi hệ thống, vui lòng thử lại');
}

function summarise(errors: FieldError[]): string {
  return errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; ');
}
