import type {
  Applicant,
  ApologyData,
  ControlSheetData,
  LogbookData,
  LogbookEntry,
  ProcedureRef,
  ReceiptData,
  RefusalData,
  SupplementData,
  Unit,
} from './model.ts';

/** Sample data for the document tests: a birth registration at a ward of An Giang. */

/** An instant from a Vietnam wall-clock time. */
export const vn = (local: string): Date => new Date(`${local}+07:00`);

export const CODE = 'AG.LONGXUYEN-260305-0007';
export const TRACKING_URL = `http://localhost:3000/track/${CODE}`;

export const unit: Unit = {
  parentName: 'UBND phường Long Xuyên',
  name: 'Bộ phận Một cửa',
  address: 'Số 01 Lê Triệu Kiết, phường Long Xuyên, tỉnh An Giang',
  phone: '0296 3841 234',
  hotline: '1900 6868',
  email: 'motcua.longxuyen@angiang.gov.vn',
  feedbackUrl: 'http://localhost:3000/phan-anh-kien-nghi',
  province: 'An Giang',
};

export const applicant: Applicant = {
  fullName: 'Nguyễn Thị Thu Hương',
  idNumber: '089190012345',
  address: 'Số 12/3 đường Trần Hưng Đạo, khóm Đông Thịnh 5, phường Long Xuyên, tỉnh An Giang',
  phone: '0918 123 456',
  email: 'huong.nguyen@gmail.com',
};

export const birthRegistration: ProcedureRef = { code: '1.001193', name: 'Thủ tục đăng ký khai sinh' };

export function receipt(overrides: Partial<ReceiptData> = {}): ReceiptData {
  return {
    unit,
    number: '0007/GTN',
    issuedAt: vn('2026-03-05T09:00:00'),
    dossierCode: CODE,
    trackingUrl: TRACKING_URL,
    applicant,
    procedure: birthRegistration,
    documents: [
      { name: 'Tờ khai đăng ký khai sinh (theo mẫu)', form: 'original', copies: 1 },
      { name: 'Giấy chứng sinh do Bệnh viện Đa khoa trung tâm An Giang cấp', form: 'original', copies: 1 },
      { name: 'Giấy chứng nhận kết hôn của cha, mẹ', form: 'certified_copy', copies: 1 },
    ],
    sets: 1,
    timeLimit: 'Trong ngày (tiếp nhận trước 15 giờ)',
    receivedAt: vn('2026-03-05T09:00:00'),
    dueAt: vn('2026-03-05T16:00:00'),
    returnMethod: 'post',
    fees: [
      { name: 'Lệ phí đăng ký khai sinh', amount: 0, note: 'miễn khi đăng ký đúng hạn' },
      { name: 'Phí cấp bản sao Trích lục khai sinh (02 bản)', amount: 16000 },
    ],
    logbook: { book: '01/2026', entry: 7 },
    receiver: { fullName: 'Trần Văn Minh', title: 'Công chức Tư pháp - Hộ tịch' },
    copyNote: 'Liên 1: Giao người nộp hồ sơ',
    ...overrides,
  };
}

export function supplement(overrides: Partial<SupplementData> = {}): SupplementData {
  return {
    unit,
    number: '0003/PBS',
    issuedAt: vn('2026-03-05T09:00:00'),
    applicant,
    procedure: birthRegistration,
    items: [
      {
        document: 'Giấy chứng sinh (bản đã nộp bị tẩy xóa tên người mẹ)',
        form: 'original',
        note: 'Đề nghị cơ sở y tế cấp lại',
      },
      { document: 'Giấy chứng nhận kết hôn của cha, mẹ', form: 'certified_copy' },
      { document: 'Văn bản ủy quyền đăng ký khai sinh', form: 'photocopy' },
    ],
    reason: 'Giấy chứng sinh có dấu hiệu tẩy xóa, sửa chữa nội dung họ, chữ đệm, tên của người mẹ.',
    contact: { fullName: 'Trần Văn Minh', phone: '0296 3841 234' },
    guide: { fullName: 'Trần Văn Minh' },
    ...overrides,
  };
}

export function refusal(overrides: Partial<RefusalData> = {}): RefusalData {
  return {
    unit,
    number: '0001/PTC',
    issuedAt: vn('2026-03-05T09:00:00'),
    applicant,
    procedure: { code: '1.000656', name: 'Thủ tục đăng ký khai tử' },
    reason:
      'Người chết có nơi cư trú cuối cùng tại xã Mỹ Hòa Hưng; việc đăng ký khai tử thuộc thẩm quyền của Ủy ban nhân dân xã Mỹ Hòa Hưng.',
    signer: { fullName: 'Trần Văn Minh' },
    ...overrides,
  };
}

export function apology(overrides: Partial<ApologyData> = {}): ApologyData {
  return {
    unit: { ...unit, parentName: undefined, name: 'Ủy ban nhân dân phường Long Xuyên' },
    number: '12/PXL-UBND',
    issuedAt: vn('2026-03-09T10:00:00'),
    dossierCode: CODE,
    applicant,
    procedure: birthRegistration,
    receivedBy: 'Bộ phận Một cửa UBND phường Long Xuyên',
    receivedAt: vn('2026-03-05T09:00:00'),
    originalDueAt: vn('2026-03-10T16:00:00'),
    reason: 'Cần xác minh thông tin về nơi cư trú của người mẹ với Công an phường Bình Đức.',
    newDueAt: vn('2026-03-13T16:00:00'),
    signer: { fullName: 'Lê Hoàng Phúc', title: 'Chủ tịch', capacity: 'TM. Ủy ban nhân dân' },
    ...overrides,
  };
}

export function controlSheet(overrides: Partial<ControlSheetData> = {}): ControlSheetData {
  return {
    unit,
    issuedAt: vn('2026-03-05T09:00:00'),
    dossierCode: CODE,
    receiptNumber: '0007/GTN',
    applicant,
    procedure: birthRegistration,
    leadAgency: 'Công chức Tư pháp - Hộ tịch, UBND phường Long Xuyên',
    coordinatingAgencies: ['Công an phường Long Xuyên', 'Bảo hiểm xã hội tỉnh An Giang'],
    steps: [
      {
        from: 'Bộ phận Một cửa',
        to: 'Công chức Tư pháp - Hộ tịch',
        handedOverAt: vn('2026-03-05T09:10:00'),
        giver: 'Trần Văn Minh',
        receiver: 'Phạm Thị Lan',
        result: 'on_time',
      },
      {
        from: 'Công chức Tư pháp - Hộ tịch',
        to: 'Lãnh đạo UBND phường',
        handedOverAt: vn('2026-03-05T10:30:00'),
        giver: 'Phạm Thị Lan',
        receiver: 'Lê Hoàng Phúc',
        result: 'early',
        note: 'Trình ký Giấy khai sinh',
      },
      {
        from: 'Lãnh đạo UBND phường',
        to: 'Công an phường Long Xuyên',
        handedOverAt: vn('2026-03-05T14:00:00'),
        giver: 'Lê Hoàng Phúc',
        receiver: 'Võ Minh Tâm',
        result: 'late',
      },
      {
        from: 'Công an phường Long Xuyên',
        to: 'Bộ phận Một cửa',
        handedOverAt: vn('2026-03-05T15:30:00'),
        giver: 'Võ Minh Tâm',
        receiver: 'Trần Văn Minh',
        result: 'in_progress',
      },
    ],
    ...overrides,
  };
}

export function logbookEntries(count: number): LogbookEntry[] {
  return Array.from({ length: count }, (_, i) => {
    const day = 2 + (i % 20);
    const dd = String(day).padStart(2, '0');
    return {
      dossierCode: `AG.LONGXUYEN-2603${dd}-${String(i + 1).padStart(4, '0')}`,
      procedureName: i % 2 === 0 ? 'Thủ tục đăng ký khai sinh' : 'Thủ tục đăng ký kết hôn',
      sets: 1 + (i % 2),
      applicantName: `Người nộp số ${i + 1}`,
      applicantAddress: `Số ${i + 3} đường Hà Hoàng Hổ, phường Long Xuyên, An Giang`,
      applicantPhone: `0918 100 ${String(400 + i)}`,
      leadAgency: 'Công chức Tư pháp - Hộ tịch',
      receivedAt: vn(`2026-03-${dd}T08:30:00`),
      dueAt: vn(`2026-03-${String(day + 1).padStart(2, '0')}T16:00:00`),
      sentToAgencyAt: vn(`2026-03-${dd}T09:30:00`),
      resultFromAgencyAt:
        i % 3 === 2 ? undefined : vn(`2026-03-${String(day + 1).padStart(2, '0')}T14:00:00`),
      returnedAt: i % 3 === 2 ? undefined : vn(`2026-03-${String(day + 1).padStart(2, '0')}T15:00:00`),
      note: i % 3 === 2 ? 'Đang giải quyết' : undefined,
    };
  });
}

export function logbook(count = 40): LogbookData {
  return {
    unit,
    issuedAt: vn('2026-03-31T17:00:00'),
    period: { from: vn('2026-03-01T00:00:00'), to: vn('2026-03-31T00:00:00') },
    book: '01/2026',
    entries: logbookEntries(count),
  };
}
