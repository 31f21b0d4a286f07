import type { Role } from '../../domain/access.ts';
import type { UnitInput } from '../../services/access/index.ts';

/**
 * The demo jurisdiction: one province (two-tier local government since 1 July 2025) with its public
 * administration service centre, two agencies behind it for multi-agency (liên thông) procedures,
 * and three communes/wards, each with a one-stop counter. Names are real places; the data is a demo.
 */
export const DEMO_ROOT_CODE = 'AG';

export const DEMO_UNITS: UnitInput[] = [
  {
    code: 'AG',
    name: 'UBND tỉnh An Giang',
    level: 'province',
    address: 'Số 1 Tôn Đức Thắng, Rạch Giá, An Giang',
    phone: '0296 3852 999',
    hotline: '1022',
  },
  {
    code: 'AG.TTPVHCC',
    name: 'Trung tâm Phục vụ hành chính công tỉnh An Giang',
    level: 'agency',
    parentCode: 'AG',
    hasCounter: true,
    address: 'Số 80A Trần Phú, Rạch Giá, An Giang',
    phone: '0296 3953 888',
    hotline: '1022',
  },
  {
    code: 'AG.VPDKDD',
    name: 'Văn phòng Đăng ký đất đai tỉnh An Giang',
    level: 'agency',
    parentCode: 'AG',
    phone: '0296 3854 321',
  },
  { code: 'AG.THUE', name: 'Thuế tỉnh An Giang', level: 'agency', parentCode: 'AG', phone: '0296 3841 234' },
  {
    code: 'AG.LONGXUYEN',
    name: 'UBND phường Long Xuyên',
    level: 'commune',
    parentCode: 'AG',
    hasCounter: true,
    address: '45 Lê Lợi, phường Long Xuyên, An Giang',
    phone: '0296 3841 555',
  },
  {
    code: 'AG.CHAUPHU',
    name: 'UBND xã Châu Phú',
    level: 'commune',
    parentCode: 'AG',
    hasCounter: true,
    address: 'Quốc lộ 91, xã Châu Phú, An Giang',
    phone: '0296 3688 123',
  },
  {
    code: 'AG.MYHOAHUNG',
    name: 'UBND xã Mỹ Hòa Hưng',
    level: 'commune',
    parentCode: 'AG',
    hasCounter: true,
    address: 'Ấp Mỹ Thạnh, xã Mỹ Hòa Hưng, An Giang',
    phone: '0296 3830 456',
  },
];

export interface DemoAccount {
  username: string;
  fullName: string;
  roles: { role: Role; unitCode: string; includeDescendants?: boolean }[];
  description: string;
}

/** Demo staff; every one's password is DEMO_PASSWORD (see the README). */
export const DEMO_STAFF: DemoAccount[] = [
  {
    username: 'quantri.tinh',
    fullName: 'Trần Thị Quản',
    roles: [{ role: 'unit_admin', unitCode: 'AG', includeDescendants: true }],
    description: 'Province unit administrator (catalog, calendar, accounts of the whole province)',
  },
  {
    username: 'quantri.longxuyen',
    fullName: 'Lê Văn Trị',
    roles: [{ role: 'unit_admin', unitCode: 'AG.LONGXUYEN' }],
    description: 'Unit administrator of Long Xuyên ward',
  },
  {
    username: 'tiepnhan.longxuyen',
    fullName: 'Nguyễn Thị Lan',
    roles: [{ role: 'receptionist', unitCode: 'AG.LONGXUYEN' }],
    description: 'One-stop receptionist, Long Xuyên ward',
  },
  {
    username: 'hotro.longxuyen',
    fullName: 'Đoàn Thanh Niên',
    roles: [{ role: 'assistant', unitCode: 'AG.LONGXUYEN' }],
    description: 'Community digital team member (khóm Đông Thịnh 1): submits online for citizens',
  },
  {
    username: 'chuyenvien.longxuyen',
    fullName: 'Phạm Minh Tuấn',
    roles: [{ role: 'officer', unitCode: 'AG.LONGXUYEN' }],
    description: 'Processing officer (tư pháp – hộ tịch), Long Xuyên ward',
  },
  {
    username: 'lanhdao.longxuyen',
    fullName: 'Võ Thanh Hải',
    roles: [{ role: 'leader', unitCode: 'AG.LONGXUYEN' }],
    description: 'Leader who signs, Long Xuyên ward',
  },
  {
    username: 'tiepnhan.chauphu',
    fullName: 'Huỳnh Thị Mai',
    roles: [{ role: 'receptionist', unitCode: 'AG.CHAUPHU' }],
    description: 'One-stop receptionist, Châu Phú commune',
  },
  {
    username: 'tiepnhan.tinh',
    fullName: 'Đặng Quốc Bảo',
    roles: [{ role: 'receptionist', unitCode: 'AG.TTPVHCC' }],
    description: 'Receptionist at the provincial service centre',
  },
  {
    username: 'chuyenvien.datdai',
    fullName: 'Lý Văn Đất',
    roles: [{ role: 'officer', unitCode: 'AG.VPDKDD' }],
    description: 'Officer of the land registration office',
  },
  {
    username: 'chuyenvien.thue',
    fullName: 'Trương Thị Thuế',
    roles: [{ role: 'officer', unitCode: 'AG.THUE' }],
    description: 'Officer of the provincial tax office (land liên thông)',
  },
  {
    username: 'lanhdao.datdai',
    fullName: 'Nguyễn Hữu Địa',
    roles: [{ role: 'leader', unitCode: 'AG.VPDKDD' }],
    description: 'Leader of the land registration office',
  },
  {
    username: 'thanhtra',
    fullName: 'Mai Thị Kiểm',
    roles: [{ role: 'auditor', unitCode: 'AG', includeDescendants: true }],
    description: 'Read-only auditor of the whole province',
  },
];

export const DEMO_CITIZEN = {
  phone: '0912345678',
  fullName: 'Nguyễn Văn An',
  description: 'Citizen account (logs in with the phone number)',
};

/** The demo's community digital team (issue 7 §6), with hotro.longxuyen as its member. */
export const DEMO_DIGITAL_TEAM = {
  unitCode: 'AG.LONGXUYEN',
  name: 'Tổ công nghệ số cộng đồng khóm Đông Thịnh 1',
  village: 'Khóm Đông Thịnh 1',
  members: ['hotro.longxuyen'],
};

/** Long Xuyên's service days: every Wednesday no-appointment, every Thursday no-writing. */
export const DEMO_SERVICE_WEEKDAYS = { no_appointment: 3, no_writing: 4 } as const;
