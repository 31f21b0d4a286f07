/**
 * Catalog search benchmark: 10,000 generated procedures in the embedded database (PGlite),
 * then realistic queries (with and without diacritics, partial words, codes, filters).
 * Prints one JSON line. Target: p95 < 5 ms. Run: npx tsx bench/search.ts
 */
import { performance } from 'node:perf_hooks';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase } from '../src/db/client.ts';
import { fields, procedures, procedureVersions } from '../src/db/schema.ts';
import { migrate } from '../src/db/migrate.ts';
import { searchProcedures } from '../src/services/catalog/index.ts';
import { foldVietnamese } from '../src/domain/text.ts';

const COUNT = Number(process.env.BENCH_PROCEDURES ?? 10_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 2_000);

// Deterministic pseudo-random numbers so runs are comparable.
let seed = 42;
const rand = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const VERBS = [
  'Đăng ký',
  'Cấp',
  'Cấp lại',
  'Cấp đổi',
  'Điều chỉnh',
  'Gia hạn',
  'Thu hồi',
  'Xác nhận',
  'Chứng thực',
  'Thẩm định',
  'Giải quyết',
  'Công nhận',
];
const OBJECTS = [
  'khai sinh',
  'kết hôn',
  'khai tử',
  'giấy phép xây dựng',
  'hộ kinh doanh',
  'quyền sử dụng đất',
  'trợ cấp xã hội',
  'chữ ký',
  'bản sao từ bản chính',
  'giám hộ',
  'nhận cha mẹ con',
  'thay đổi hộ tịch',
  'giấy chứng nhận đủ điều kiện',
  'chế độ người có công',
  'hỗ trợ mai táng phí',
  'biến động đất đai',
  'tình trạng hôn nhân',
  'thường trú',
  'giấy phép kinh doanh rượu',
  'nhà ở riêng lẻ',
];
const QUALIFIERS = [
  '',
  '',
  'có yếu tố nước ngoài',
  'cho người đã có hồ sơ',
  'lưu động',
  'trong trường hợp đặc biệt',
  'cấp xã',
  'cấp tỉnh',
  'lần đầu',
  'do bị mất, hỏng',
];
const FIELD_CODES = ['HT', 'CT', 'DD', 'BTXH', 'HKD', 'XD', 'NCC', 'TP', 'GD', 'YT', 'MT', 'VH'];

const database = await openDatabase({ memory: true });
await migrate(database);
const db = database.db;

const fieldIds = new Map<string, string>();
for (const [i, code] of FIELD_CODES.entries()) {
  const id = uuidv7();
  fieldIds.set(code, id);
  await db.insert(fields).values({ id, code, name: `Lĩnh vực ${code}`, sort: i });
}

const names: string[] = [];
const t0 = performance.now();
for (let batch = 0; batch < COUNT; batch += 500) {
  const procRows = [];
  const versionRows = [];
  for (let i = batch; i < Math.min(COUNT, batch + 500); i++) {
    const name = [pick(VERBS), pick(OBJECTS), pick(QUALIFIERS)].filter(Boolean).join(' ');
    names.push(name);
    const code = `${1 + (i % 3)}.${String(100_000 + i).padStart(6, '0')}`;
    const fieldCode = pick(FIELD_CODES);
    const id = uuidv7();
    const content = {
      name,
      fieldCode,
      levels: [rand() < 0.6 ? 'commune' : 'province'],
      unitCodes: [],
      processingTime: { kind: 'workingDays', value: 1 + Math.floor(rand() * 20) },
      fees: [],
      documents: [],
      onlineLevel: pick(['full', 'partial', 'counter']),
    };
    procRows.push({
      id,
      code,
      fieldId: fieldIds.get(fieldCode)!,
      name,
      searchName: foldVietnamese(name),
      searchText: foldVietnamese(`${code} ${name} Lĩnh vực ${fieldCode}`),
      levels: content.levels,
      onlineLevel: content.onlineLevel,
      processingTime: content.processingTime,
      feeFrom: null,
      currentVersion: 1,
    });
    versionRows.push({
      id: uuidv7(),
      procedureId: id,
      number: 1,
      effectiveFrom: '2025-07-01',
      data: content,
    });
  }
  await db.insert(procedures).values(procRows);
  await db.insert(procedureVersions).values(versionRows);
}
await database.raw.query('analyze');
const loadSeconds = (performance.now() - t0) / 1000;

// What citizens type: whole names without accents, partial phrases, accented words, a code, a typo.
function randomQuery(): { q?: string; field?: string; level?: string } {
  const r = rand();
  const name = pick(names);
  if (r < 0.3) return { q: foldVietnamese(name) };
  if (r < 0.55) return { q: foldVietnamese(name).split(' ').slice(0, 3).join(' ') };
  if (r < 0.7) return { q: pick(OBJECTS) };
  if (r < 0.8) return { q: pick(OBJECTS).split(' ')[0]!, field: pick(FIELD_CODES) };
  if (r < 0.9)
    return {
      q: `${1 + Math.floor(rand() * 3)}.${String(100_000 + Math.floor(rand() * COUNT)).padStart(6, '0')}`,
    };
  return { q: foldVietnamese(pick(OBJECTS)).replace('a', 'e'), level: 'commune' };
}

const queries = Array.from({ length: QUERIES }, randomQuery);
for (const q of queries.slice(0, 200)) await searchProcedures(db, { ...q, page: 1, pageSize: 20 }); // warm-up
const times: number[] = [];
for (const q of queries) {
  const start = performance.now();
  await searchProcedures(db, { ...q, page: 1, pageSize: 20 });
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const pct = (p: number) =>
  Number(times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!.toFixed(3));
const result = {
  benchmark: 'catalog.search',
  database: database.kind,
  procedures: COUNT,
  queries: QUERIES,
  loadSeconds: Number(loadSeconds.toFixed(2)),
  p50Ms: pct(50),
  p95Ms: pct(95),
  p99Ms: pct(99),
  maxMs: Number(times[times.length - 1]!.toFixed(3)),
  targetP95Ms: 5,
  met: pct(95) < 5,
};
console.log(JSON.stringify(result));
await database.close();
