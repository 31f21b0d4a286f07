/**
 * The demo halls' queues: the provincial centre with 12 counters and five services, each commune
 * with three counters and three services. Ticket prefixes are digits, so a call reads "Mời số 1025".
 */
export interface QueueServiceSeed {
  code: string;
  name: string;
  prefix: string;
  fieldCodes: string[];
}
export interface QueueCounterSeed {
  number: number;
  name: string;
  serviceCodes: string[];
}

const CENTRE_SERVICES: QueueServiceSeed[] = [
  {
    code: 'HT',
    name: 'Hộ tịch, chứng thực, nuôi con nuôi',
    prefix: '1',
    fieldCodes: ['HT', 'CT', 'NCN', 'LLTP'],
  },
  { code: 'DD', name: 'Đất đai, xây dựng', prefix: '2', fieldCodes: ['DD', 'XD'] },
  { code: 'KD', name: 'Hộ kinh doanh, doanh nghiệp', prefix: '3', fieldCodes: ['HKD'] },
  { code: 'XH', name: 'Lao động, bảo trợ xã hội, người có công', prefix: '4', fieldCodes: ['BTXH', 'NCC'] },
  { code: 'KH', name: 'Các lĩnh vực khác', prefix: '5', fieldCodes: ['CUTRU', 'VHCS', 'HGCS', 'NN', 'GDDT'] },
];

const CENTRE_COUNTERS: QueueCounterSeed[] = [
  ...[1, 2, 3].map((n) => ({ number: n, name: `Quầy ${n} — Hộ tịch, chứng thực`, serviceCodes: ['HT'] })),
  ...[4, 5, 6].map((n) => ({ number: n, name: `Quầy ${n} — Đất đai, xây dựng`, serviceCodes: ['DD'] })),
  ...[7, 8].map((n) => ({ number: n, name: `Quầy ${n} — Kinh doanh`, serviceCodes: ['KD'] })),
  ...[9, 10].map((n) => ({ number: n, name: `Quầy ${n} — Lao động, xã hội`, serviceCodes: ['XH'] })),
  { number: 11, name: 'Quầy 11 — Lĩnh vực khác', serviceCodes: ['KH'] },
  { number: 12, name: 'Quầy 12 — Ưu tiên, hỗ trợ', serviceCodes: ['HT', 'KH', 'XH'] },
];

const COMMUNE_SERVICES: QueueServiceSeed[] = [
  { code: 'HT', name: 'Hộ tịch, chứng thực', prefix: '1', fieldCodes: ['HT', 'CT', 'NCN'] },
  { code: 'DD', name: 'Đất đai, xây dựng, kinh doanh', prefix: '2', fieldCodes: ['DD', 'XD', 'HKD'] },
  {
    code: 'KH',
    name: 'Các lĩnh vực khác',
    prefix: '3',
    fieldCodes: ['BTXH', 'NCC', 'CUTRU', 'VHCS', 'GDDT'],
  },
];

const COMMUNE_COUNTERS: QueueCounterSeed[] = [
  { number: 1, name: 'Quầy 1 — Hộ tịch, chứng thực', serviceCodes: ['HT', 'KH'] },
  { number: 2, name: 'Quầy 2 — Đất đai, kinh doanh', serviceCodes: ['DD', 'KH'] },
  { number: 3, name: 'Quầy 3 — Tổng hợp', serviceCodes: ['HT', 'DD', 'KH'] },
];

export const DEMO_QUEUES: Record<string, { services: QueueServiceSeed[]; counters: QueueCounterSeed[] }> = {
  'AG.TTPVHCC': { services: CENTRE_SERVICES, counters: CENTRE_COUNTERS },
  'AG.LONGXUYEN': { services: COMMUNE_SERVICES, counters: COMMUNE_COUNTERS },
  'AG.CHAUPHU': { services: COMMUNE_SERVICES, counters: COMMUNE_COUNTERS },
  'AG.MYHOAHUNG': { services: COMMUNE_SERVICES, counters: COMMUNE_COUNTERS },
};
