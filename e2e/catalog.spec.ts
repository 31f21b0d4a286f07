import { expect, test } from '@playwright/test';

test('a citizen searches the catalog without diacritics and opens the procedure', async ({ page }) => {
  await page.goto('/');
  const search = page.getByLabel('Tìm thủ tục');
  await expect(search).toBeVisible();
  await search.fill('dang ky khai sinh');
  const first = page.getByTestId('procedure-result-link').first();
  await expect(first).toHaveText(/Đăng ký khai sinh/);
  await expect(page).toHaveURL(/q=dang/);
  await first.click();
  await expect(page).toHaveURL(/\/procedures\/1\.001193$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Đăng ký khai sinh/);
  // Documents, fees and the legal basis are on the page.
  await expect(page.getByText(/Tờ khai đăng ký khai sinh/).first()).toBeVisible();
  await expect(page.getByText(/Luật Hộ tịch/).first()).toBeVisible();
});

test('filters by field and switches to English', async ({ page }) => {
  await page.goto('/?field=CT');
  await expect(page.getByTestId('procedure-result').first()).toBeVisible();
  const count = await page.getByTestId('procedure-result').count();
  expect(count).toBeGreaterThan(0);
  await page.getByTestId('language-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('searchbox', { name: 'Search procedures' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Administrative procedures');
});

test('an unknown page shows a 404 page and the API answers problems', async ({ page, request }) => {
  await page.goto('/khong-co-trang-nay');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const res = await request.get('/api/v1/khong-co');
  expect(res.status()).toBe(404);
  expect(res.headers()['content-type']).toContain('application/problem+json');
});
