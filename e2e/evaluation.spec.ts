import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { loginAs, seriousViolations } from './helpers';

// A weekly round at Long Xuyên: the hotline logs a report on an officer's attitude, the officer
// reports the week, the leader sees the report and the measured facts, grades it and exports the
// summary; the officer sees the grade.
test.skip(({ isMobile }) => isMobile, 'office screens: desktop');

test('hotline report on attitude, officer’s weekly report, leader’s grade and summary export', async ({
  page,
}) => {
  await loginAs(page, 'tiepnhan.longxuyen');
  await page.goto('/office/hotline');
  await expect(page.getByRole('heading', { level: 1, name: 'Đường dây nóng' })).toBeVisible();
  await page.getByLabel('Nội dung cuộc gọi').selectOption('attitude');
  await page.getByLabel('Cán bộ bị phản ánh (tài khoản)').fill('chuyenvien.longxuyen');
  await page.getByLabel('Tóm tắt').fill('Người dân phản ánh cán bộ chưa nhiệt tình');
  await page.getByRole('button', { name: 'Lưu cuộc gọi' }).click();
  await expect(page.getByTestId('hotline-summary')).toContainText('Phản ánh thái độ cán bộ: 1');
  expect(await seriousViolations(page)).toEqual([]);

  await loginAs(page, 'chuyenvien.longxuyen');
  await page.goto('/office/evaluation');
  await page
    .getByLabel('Công việc đã làm trong tuần')
    .fill('Thẩm định 12 hồ sơ hộ tịch; hướng dẫn công dân tại quầy');
  await page.getByRole('button', { name: 'Gửi báo cáo tuần' }).click();
  await expect(page.getByTestId('my-evaluations')).toContainText('Thẩm định 12 hồ sơ');
  expect(await seriousViolations(page)).toEqual([]);

  await loginAs(page, 'lanhdao.longxuyen');
  await page.goto('/office/evaluation');
  const row = page.getByTestId('evaluation-week').locator('tbody tr', { hasText: 'chuyenvien.longxuyen' });
  await expect(row).toContainText('Thẩm định 12 hồ sơ');
  await expect(row).toContainText('Phản ánh thái độ 1');
  await row.getByLabel('Xếp loại Phạm Minh Tuấn').selectOption('B');
  await row.getByLabel('Nhận xét Phạm Minh Tuấn').fill('Hoàn thành tốt, chú ý thái độ');
  await row.getByRole('button', { name: 'Lưu xếp loại' }).click();
  await expect(row).toContainText('Võ Thanh Hải');
  expect(await seriousViolations(page)).toEqual([]);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Tải Excel tổng hợp' }).click();
  const file = await download;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await file.path());
  const ws = wb.getWorksheet('Xếp loại')!;
  const tuan = ws.getRows(5, ws.rowCount - 4)!.find((r) => r.getCell(3).value === 'chuyenvien.longxuyen')!;
  expect(tuan.getCell(6).value).toBe(1); // one week at B

  await loginAs(page, 'chuyenvien.longxuyen');
  await page.goto('/office/evaluation');
  await expect(page.getByTestId('my-evaluations')).toContainText('B — Hoàn thành tốt');
});
