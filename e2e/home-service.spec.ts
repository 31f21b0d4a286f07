import { expect, test } from '@playwright/test';
import { expectNoSideways, loginAs, seriousViolations } from './helpers';

// A home pick-up registered at the counter, scheduled with an officer of the unit, done; the
// request's history shows the three steps. Also on a 360 px phone (the phone project).
test('home service: registered, scheduled with an officer, done, with its history', async ({
  page,
  isMobile,
}) => {
  await loginAs(page, 'tiepnhan.longxuyen');
  await page.goto('/office/home-service');
  await expect(page.getByRole('heading', { level: 1, name: 'Thu nhận, trả kết quả tại nhà' })).toBeVisible();
  const name = `Cụ Lê Văn Nhà ${Date.now() % 100_000}`;
  await page.getByLabel('Loại yêu cầu').selectOption('pickup');
  await page.getByLabel('Kênh tiếp nhận').selectOption({ label: 'Đường dây nóng' });
  await page.getByLabel('Lý do').selectOption({ label: 'Người cao tuổi' });
  await page.getByLabel('Họ và tên người yêu cầu').fill(name);
  await page.getByLabel('Số điện thoại').fill('0912008899');
  await page.getByLabel('Địa chỉ đến').fill('25 Nguyễn Trãi, phường Long Xuyên');
  await page.getByLabel('Ghi chú').fill('Cụ 85 tuổi, đi lại khó khăn');
  await page.getByRole('button', { name: 'Đăng ký yêu cầu', exact: true }).click();

  const row = page.getByTestId('home-service-table').locator('tbody tr', { hasText: name });
  await expect(row).toContainText('Chờ hẹn lịch');
  await expect(row).toContainText(/TN-\d{8}-\d{3}/);
  expect(await seriousViolations(page)).toEqual([]);
  if (isMobile) await expectNoSideways(page);

  await row.getByRole('button', { name: /Xử lý yêu cầu TN-/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Thời điểm hẹn')).not.toHaveValue('');
  const officer = dialog.getByLabel('Cán bộ đến nhà');
  await expect(officer.locator('option')).not.toHaveCount(1);
  await officer.selectOption({ index: 1 });
  const officerName = (await officer.locator('option:checked').textContent())!.trim();
  await dialog.getByRole('button', { name: 'Lưu lịch hẹn' }).click();
  await expect(dialog.getByRole('button', { name: 'Đã thực hiện' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await dialog.getByRole('button', { name: 'Đã thực hiện' }).click();
  await expect(dialog.getByText('Yêu cầu đã kết thúc.')).toBeVisible();
  const history = dialog.getByTestId('home-service-history').locator('li');
  await expect(history).toHaveCount(3);
  await expect(history.nth(0)).toContainText('Chờ hẹn lịch');
  await expect(history.nth(0)).toContainText('Cụ 85 tuổi');
  await expect(history.nth(1)).toContainText('Đã hẹn lịch');
  await expect(history.nth(1)).toContainText(officerName);
  await expect(history.nth(2)).toContainText('Đã thực hiện');
  if (isMobile) await expectNoSideways(page);

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(row).toContainText('Đã thực hiện');
  await expect(row).toContainText(officerName);
});
