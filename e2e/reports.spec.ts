import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { loginAs, receiveAtCounter, seriousViolations, tokenOf } from './helpers';

// A leader reads the processing report of the commune for this month and downloads it as Excel.
test.skip(({ isMobile }) => isMobile, 'desktop only');

test('a leader reads this month’s processing report and downloads it in the layout of form 06', async ({
  page,
  request,
}) => {
  for (const n of [1, 2]) {
    await receiveAtCounter(request, {
      procedureCode: '1.001193',
      fullName: `Người Báo Cáo ${n}`,
      idNumber: `08930100${7700 + n}`,
      phone: `091200${7700 + n}`,
    });
  }
  await loginAs(page, 'lanhdao.longxuyen');
  await page.getByRole('link', { name: 'Báo cáo, thống kê' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Báo cáo, thống kê' })).toBeVisible();
  await expect(
    page.getByRole('heading', { level: 2, name: 'Báo cáo tình hình giải quyết TTHC' }),
  ).toBeVisible();
  const total = Number(await page.getByTestId('report-total').textContent());
  expect(total).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('report-table')).toContainText('Tổng cộng');

  await page.getByTestId('report-group').selectOption('procedure');
  await expect(page.getByTestId('report-table')).toContainText('1.001193 — Đăng ký khai sinh');
  expect(await seriousViolations(page)).toEqual([]);

  const download = page.waitForEvent('download');
  await page.getByTestId('report-xlsx').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^bao-cao-AG\.LONGXUYEN-\d{4}-\d{2}-01-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await file.path());
  const ws = wb.getWorksheet('Mẫu 06')!;
  expect(ws.getCell('A1').value).toBe('TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
  expect(ws.getCell('D6').value).toBe('Tổng số hồ sơ phải giải quyết (3)');
  const last = ws.getRow(ws.rowCount);
  expect(last.getCell(3).value).toBe('Tổng cộng');
  expect(last.getCell(4).value).toBe(total);
  const birth = ws.getRows(7, ws.rowCount - 7)!.find((r) => r.getCell(2).value === '1.001193')!;
  expect(Number(birth.getCell(4).value)).toBeGreaterThanOrEqual(2);
});

test('the reports besides form 06: satisfaction by officer, officers’ work, the overdue list, an Excel table', async ({
  page,
  request,
}) => {
  // A dossier taken through to its result, returned by post and rated by its applicant.
  const phone = '0912007790';
  const code = await receiveAtCounter(request, {
    procedureCode: '1.001193',
    fullName: 'Người Đánh Giá',
    idNumber: '089301007790',
    phone,
  });
  const act = async (user: string, body: Record<string, unknown>) => {
    const token = await tokenOf(request, user);
    const headers = { authorization: `Bearer ${token}` };
    const view = await (await request.get(`/api/v1/dossiers/${code}`, { headers })).json();
    const res = await request.post(`/api/v1/dossiers/${code}/actions`, {
      headers,
      data: { expectedVersion: view.version, ...body },
    });
    expect(res.status(), await res.text()).toBe(200);
  };
  await act('tiepnhan.longxuyen', { action: 'forward', toStep: 'xu_ly' });
  await act('chuyenvien.longxuyen', { action: 'forward', toStep: 'phe_duyet' });
  await act('lanhdao.longxuyen', { action: 'approve' });
  await act('tiepnhan.longxuyen', { action: 'return', method: 'postal', trackingNumber: 'EB000777999VN' });
  const rated = await request.post(`/api/v1/public/track/${encodeURIComponent(code)}/rating`, {
    data: { phone, level: 'very_satisfied' },
  });
  expect(rated.status(), await rated.text()).toBe(201);

  await loginAs(page, 'lanhdao.longxuyen');
  await page.getByRole('link', { name: 'Báo cáo, thống kê' }).first().click();
  await page.getByRole('tab', { name: 'Mức độ hài lòng' }).click();
  await expect(page).toHaveURL(/view=ratings/);
  await page.getByTestId('report-group').selectOption('officer');
  const table = page.getByTestId('table-report');
  // The applicant met the receptionist: the rating is hers. Other tests (the counter tablet)
  // may have rated her too, all satisfied, so the rate is n/n whatever n is.
  const row = table.locator('tbody tr', { hasText: 'tiepnhan.longxuyen' });
  await expect(row).toContainText('100%');
  await expect(row).toContainText(/\b(\d+)\/\1\b/);
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('tab', { name: 'Theo cán bộ' }).click();
  const leader = page.getByTestId('table-report').locator('tbody tr', { hasText: 'lanhdao.longxuyen' });
  await expect(leader).toBeVisible();
  await expect(page.getByText('* Hồ sơ đang giao cho cán bộ')).toBeVisible();

  await page.getByRole('tab', { name: 'Bưu chính công ích' }).click();
  await expect(page.getByTestId('table-report').locator('tfoot')).toContainText('Tổng cộng');
  const download = page.waitForEvent('download');
  await page.getByTestId('table-report-xlsx').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(
    /^bao-cao-postal-AG\.LONGXUYEN-\d{4}-\d{2}-01-\d{4}-\d{2}-\d{2}\.xlsx$/,
  );
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await file.path());
  const ws = wb.worksheets[0]!;
  expect(ws.getCell('A1').value).toBe('DỊCH VỤ BƯU CHÍNH CÔNG ÍCH');
  expect(ws.getCell('H5').value).toBe('Trả kết quả qua BCCI');
  const total = ws.getRows(6, ws.rowCount - 5)!.find((r) => r.getCell(3).value === 'Tổng cộng')!;
  expect(Number(total.getCell(8).value)).toBeGreaterThanOrEqual(1);

  await page.getByRole('tab', { name: 'Hồ sơ quá hạn' }).click();
  await expect(page.getByTestId('drill-title')).toContainText('Đang giải quyết quá hạn');
});
