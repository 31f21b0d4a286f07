import { expect, test } from '@playwright/test';
import { seriousViolations } from './helpers';

for (const path of ['/', '/procedures/1.001193', '/login', '/track', '/statistics']) {
  test(`axe finds no serious issue on ${path}`, async ({ page }) => {
    await page.goto(path);
    await expect(page.locator('main')).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test('axe finds no serious issue on the admin calendar', async ({ page, isMobile }) => {
  test.skip(isMobile, 'desktop only');
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').fill('admin');
  await page.getByLabel('Mật khẩu').fill('motcua2026');
  await page.getByRole('button', { name: 'Đăng nhập' }).last().click();
  await expect(page).toHaveURL(/\/office/);
  await page.goto('/office/admin/calendar');
  await expect(page.locator('[data-date="2026-01-01"]')).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(await seriousViolations(page)).toEqual([]);
});

test('the catalog is usable with the keyboard alone', async ({ page, isMobile }) => {
  test.skip(isMobile, 'keyboard test on desktop');
  await page.goto('/');
  // First Tab reaches the skip link, which moves focus to the main content.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: /Bỏ qua|nội dung chính/i })).toBeFocused();
  await page.getByLabel('Tìm thủ tục').focus();
  await page.keyboard.type('chung thuc');
  await expect(page.getByTestId('procedure-result-link').first()).toContainText(/Chứng thực/);
  await page.getByTestId('procedure-result-link').first().focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/procedures\//);
});
