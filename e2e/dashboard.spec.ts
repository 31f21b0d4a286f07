import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { randomHistories } from '../src/db/seed/history-generator';
import { loginAs, seriousViolations, tokenOf } from './helpers';

// The province's administrator opens the dashboard on a year of history imported from another system,
// drills down from a figure to its dossiers and downloads the list as Excel.
test.skip(({ isMobile }) => isMobile, 'desktop only');

test('the dashboard shows an imported year, drills down to the dossiers and exports them to Excel', async ({
  page,
  request,
}) => {
  // 2025 at Mỹ Hòa Hưng, from a file as another system would write it. A fixed seed and codes: a
  // retry imports nothing new (the import skips codes it has), so the figures stay the same.
  const history = [
    ...randomHistories({
      seed: 2025,
      count: 240,
      unitCodes: ['AG.MYHOAHUNG'],
      procedureCodes: ['1.001193', '1.000894', '1.003583'],
      from: new Date('2025-01-01T00:00:00+07:00'),
      to: new Date('2025-12-20T00:00:00+07:00'),
      now: new Date(),
      codePrefix: 'E2E-DASH',
    }),
  ];
  const imported = await request.post('/api/v1/admin/import/dossiers', {
    headers: {
      authorization: `Bearer ${await tokenOf(request, 'admin')}`,
      'content-type': 'application/x-ndjson',
    },
    data: `${history.map((d) => JSON.stringify(d)).join('\n')}\n`,
  });
  expect(imported.status(), await imported.text()).toBe(200);
  expect((await imported.json()).invalid).toBe(0);
  const endOf2025 = Date.parse('2026-01-01T00:00:00+07:00');
  const resolvedIn2025 = history.filter(
    (d) => d.outcome?.kind === 'resolved' && Date.parse(d.outcome.at) < endOf2025,
  ).length;

  await loginAs(page, 'quantri.tinh');
  await page.getByRole('link', { name: 'Bảng điều khiển' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bảng điều khiển lãnh đạo' })).toBeVisible();
  await page.getByTestId('report-from').fill('2025-01-01');
  await page.getByTestId('report-to').fill('2025-12-31');
  // Nothing else happened in 2025 on this fresh system: the figures are the file's.
  await expect(page.getByTestId('dashboard-received')).toHaveText(String(history.length));
  await expect(page.getByTestId('dashboard-resolved')).toHaveText(String(resolvedIn2025));
  await expect(page.getByText('Hồ sơ tiếp nhận theo tháng và kênh')).toBeVisible();
  await expect(page.locator('.recharts-bar-rectangle').first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // The 766 index: system indicators scored, manual ones waiting (never a silent zero); one entered.
  const index = page.getByTestId('service-index');
  await expect(index).toContainText('Chỉ số chất lượng phục vụ (Quyết định 766/QĐ-TTg)');
  await expect(page.getByTestId('service-index-total')).toContainText('/100 điểm');
  await expect(index).toContainText('chưa nhập');
  await page.getByRole('button', { name: 'Nhập số liệu CK1' }).click();
  await page.getByLabel('Tử số').fill('45');
  await page.getByLabel('Mẫu số').fill('47');
  await page.getByLabel('Nguồn số liệu').fill('Quyết định công bố số 12/QĐ-UBND');
  await page.getByRole('button', { name: 'Lưu' }).click();
  await expect(index).toContainText('Nhập tay bởi');
  await expect(index).toContainText('45/47');

  // Drill down from the figure: the list has exactly as many dossiers, 20 to a page.
  await page.getByRole('button', { name: 'Xem danh sách hồ sơ: Đã giải quyết' }).click();
  await expect(page.getByTestId('drill-title')).toHaveText(`Đã giải quyết: ${resolvedIn2025} hồ sơ`);
  await expect(page.getByTestId('drill-title')).toBeFocused();
  await expect(page.getByTestId('drill-table').locator('tbody tr')).toHaveCount(Math.min(20, resolvedIn2025));
  await expect(page.getByTestId('drill-table')).toContainText('E2E-DASH-2025-');

  const download = page.waitForEvent('download');
  await page.getByTestId('drill-xlsx').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('ho-so-resolved-AG-2025-01-01-2025-12-31.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await file.path());
  const ws = wb.getWorksheet('Danh sách')!;
  expect(ws.getCell('A1').value).toBe('HỒ SƠ ĐÃ GIẢI QUYẾT');
  expect(String(ws.getCell('A2').value)).toContain(`${resolvedIn2025} hồ sơ`);
  expect(ws.getCell('B4').value).toBe('Mã hồ sơ');
  expect(ws.rowCount).toBe(4 + resolvedIn2025);
  const codes = ws.getColumn(2).values.slice(5) as string[];
  const expected = history
    .filter((d) => d.outcome?.kind === 'resolved' && Date.parse(d.outcome.at) < endOf2025)
    .map((d) => d.code)
    .sort();
  expect([...codes].sort()).toEqual(expected);

  // The overdue of one unit, from the table by unit (keyboard-reachable buttons).
  await page
    .getByRole('button', { name: /Xem danh sách hồ sơ: Giải quyết quá hạn — UBND xã Mỹ Hòa Hưng/ })
    .click();
  await expect(page.getByTestId('drill-title')).toContainText('Giải quyết quá hạn:');
  await expect(page.getByTestId('drill-table')).toContainText('UBND xã Mỹ Hòa Hưng');
});
