import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { loginAs, receiveAtCounter, seriousViolations } from './helpers';

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
  await expect(
    page.getByRole('heading', { level: 1, name: 'Báo cáo tình hình giải quyết TTHC' }),
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
