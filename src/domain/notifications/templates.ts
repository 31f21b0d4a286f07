/**
 * Messages to applicants, in Vietnamese and English. Pure: the caller formats nothing, passes data.
 * SMS bodies stay short (one or two segments); e-mail bodies add the tracking link and the unit.
 */
export const TEMPLATES = [
  'received',
  'supplement_requested',
  'apology',
  'result_ready',
  'returned',
  'refused',
  // Online applications, before a dossier exists.
  'submitted',
  'intake_refused',
  'payment_due',
] as const;
export type TemplateName = (typeof TEMPLATES)[number];
export type Locale = 'vi' | 'en';

export interface TemplateData {
  code: string;
  procedureName: string;
  unitName: string;
  trackingUrl: string;
  dueAt?: Date;
  newDueAt?: Date;
  reason?: string;
  items?: string[];
  /** Fee owed, VND. */
  amount?: number;
}

function vnd(amount: number | undefined): string {
  return `${(amount ?? 0).toLocaleString('vi-VN')} đồng`;
}

function vnDateTime(d: Date): string {
  const l = new Date(d.getTime() + 7 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(l.getUTCHours())}:${p(l.getUTCMinutes())} ${p(l.getUTCDate())}/${p(l.getUTCMonth() + 1)}/${l.getUTCFullYear()}`;
}

export function renderTemplate(
  name: TemplateName,
  locale: Locale,
  d: TemplateData,
): { subject: string; body: string } {
  const due = d.dueAt ? vnDateTime(d.dueAt) : '';
  const newDue = d.newDueAt ? vnDateTime(d.newDueAt) : '';
  const items = (d.items ?? []).map((i) => `- ${i}`).join('\n');
  const vi: Record<TemplateName, { subject: string; body: string }> = {
    received: {
      subject: `Hồ sơ ${d.code} đã được tiếp nhận`,
      body: `${d.unitName} đã tiếp nhận hồ sơ ${d.code} (${d.procedureName}). Hẹn trả kết quả: ${due}. Tra cứu: ${d.trackingUrl}`,
    },
    supplement_requested: {
      subject: `Hồ sơ ${d.code} cần bổ sung`,
      body: `Hồ sơ ${d.code} cần bổ sung, hoàn thiện. Lý do: ${d.reason ?? ''}.${items ? `\nGiấy tờ cần bổ sung:\n${items}` : ''}\nTra cứu: ${d.trackingUrl}`,
    },
    apology: {
      subject: `Xin lỗi: hồ sơ ${d.code} trả kết quả chậm`,
      body: `${d.unitName} xin lỗi vì hồ sơ ${d.code} chưa giải quyết đúng hẹn. Lý do: ${d.reason ?? ''}. Hẹn lại ngày trả kết quả: ${newDue}. Tra cứu: ${d.trackingUrl}`,
    },
    result_ready: {
      subject: `Hồ sơ ${d.code} đã có kết quả`,
      body: `Hồ sơ ${d.code} (${d.procedureName}) đã có kết quả. Mời Ông/Bà nhận kết quả theo hình thức đã đăng ký. Tra cứu: ${d.trackingUrl}`,
    },
    returned: {
      subject: `Hồ sơ ${d.code} đã trả kết quả`,
      body: `Hồ sơ ${d.code} đã được trả kết quả. Cảm ơn Ông/Bà; mời đánh giá mức độ hài lòng: ${d.trackingUrl}`,
    },
    refused: {
      subject: `Hồ sơ ${d.code} không được giải quyết`,
      body: `Hồ sơ ${d.code} không được giải quyết. Lý do: ${d.reason ?? ''}. Tra cứu: ${d.trackingUrl}`,
    },
    submitted: {
      subject: `Đã nhận hồ sơ trực tuyến ${d.code}`,
      body: `${d.unitName} đã nhận hồ sơ trực tuyến ${d.code} (${d.procedureName}) và sẽ kiểm tra để tiếp nhận. Thời hạn giải quyết tính từ khi hồ sơ được tiếp nhận. Tra cứu: ${d.trackingUrl}`,
    },
    intake_refused: {
      subject: `Hồ sơ ${d.code} không được tiếp nhận`,
      body: `${d.unitName} từ chối tiếp nhận hồ sơ trực tuyến ${d.code} (${d.procedureName}). Lý do: ${d.reason ?? ''}. Tra cứu: ${d.trackingUrl}`,
    },
    payment_due: {
      subject: `Hồ sơ ${d.code}: chờ nộp phí, lệ phí ${vnd(d.amount)}`,
      body: `Hồ sơ ${d.code} (${d.procedureName}) cần nộp phí, lệ phí ${vnd(d.amount)}. Ông/Bà có thể thanh toán trực tuyến tại mục "Hồ sơ của tôi". Tra cứu: ${d.trackingUrl}`,
    },
  };
  const en: Record<TemplateName, { subject: string; body: string }> = {
    received: {
      subject: `Dossier ${d.code} received`,
      body: `${d.unitName} received dossier ${d.code} (${d.procedureName}). Result due: ${due}. Track: ${d.trackingUrl}`,
    },
    supplement_requested: {
      subject: `Dossier ${d.code} needs more documents`,
      body: `Dossier ${d.code} needs to be completed. Reason: ${d.reason ?? ''}.${items ? `\nDocuments to add:\n${items}` : ''}\nTrack: ${d.trackingUrl}`,
    },
    apology: {
      subject: `Apology: dossier ${d.code} is late`,
      body: `${d.unitName} apologises: dossier ${d.code} was not resolved on time. Reason: ${d.reason ?? ''}. New date: ${newDue}. Track: ${d.trackingUrl}`,
    },
    result_ready: {
      subject: `Dossier ${d.code}: result ready`,
      body: `The result of dossier ${d.code} (${d.procedureName}) is ready. Please collect it as you chose. Track: ${d.trackingUrl}`,
    },
    returned: {
      subject: `Dossier ${d.code}: result returned`,
      body: `The result of dossier ${d.code} was returned. Thank you; please rate the service: ${d.trackingUrl}`,
    },
    refused: {
      subject: `Dossier ${d.code} refused`,
      body: `Dossier ${d.code} cannot be resolved. Reason: ${d.reason ?? ''}. Track: ${d.trackingUrl}`,
    },
    submitted: {
      subject: `Online dossier ${d.code} submitted`,
      body: `${d.unitName} has your online dossier ${d.code} (${d.procedureName}) and will check it for acceptance. The time limit runs from acceptance. Track: ${d.trackingUrl}`,
    },
    intake_refused: {
      subject: `Dossier ${d.code} not accepted`,
      body: `${d.unitName} did not accept online dossier ${d.code} (${d.procedureName}). Reason: ${d.reason ?? ''}. Track: ${d.trackingUrl}`,
    },
    payment_due: {
      subject: `Dossier ${d.code}: fee due ${(d.amount ?? 0).toLocaleString('en-US')} VND`,
      body: `Dossier ${d.code} (${d.procedureName}) has a fee of ${(d.amount ?? 0).toLocaleString('en-US')} VND to pay. You can pay online under "My dossiers". Track: ${d.trackingUrl}`,
    },
  };
  return (locale === 'en' ? en : vi)[name];
}

/** Which event tells the applicant what. */
export const TEMPLATE_OF_EVENT: Partial<Record<string, TemplateName>> = {
  receive: 'received',
  request_supplement: 'supplement_requested',
  extend: 'apology',
  approve: 'result_ready',
  return: 'returned',
  refuse: 'refused',
};

/** Retry delay after `attempts` failed deliveries: 1, 2, 4, 8, 16 minutes, then give up. */
export const MAX_ATTEMPTS = 6;
export function retryDelayMs(attempts: number): number {
  return 60_000 * 2 ** Math.max(0, attempts - 1);
}
