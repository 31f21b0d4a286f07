import { expect, test } from '@playwright/test';

// The year view is a desktop task; the phone project checks the public pages.
test.skip(({ isMobile }) => isMobile, 'desktop only');

test('an admin adds a holiday and sees the due-date preview move, then removes it', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').fill('admin');
  await page.getByLabel('Mật khẩu').fill('motcua2026');
  await page.getByRole('button', { name: 'Đăng nhập' }).last().click();
  await expect(page).toHaveURL(/\/office/);

  await page.goto('/office/admin/calendar');
  const preview = page.getByTestId('due-at');
  await page.getByTestId('due-from').fill('2026-12-07T09:00');
  await page.getByTestId('due-value').fill('3');
  await expect(preview).toContainText('10/12/2026');

  await page.locator('[data-date="2026-12-08"]').click();
  await page.getByTestId('day-name').fill('Nghỉ thử nghiệm');
  await page.getByTestId('day-save').click();
  await expect(preview).toContainText('11/12/2026');

  await page.locator('[data-date="2026-12-08"]').click();
  await page.getByTestId('day-remove').click();
  await expect(preview).toContainText('10/12/2026');
});
