import { expect, test } from '@playwright/test';
import { receiveAtCounter } from './helpers';

// The public pages come from the server ready to read (src/http/ssr.ts): the app's code is fetched
// on the first touch and adopts the page (web/src/main.tsx, web/src/lib/prerender.ts).

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the catalogue, a procedure and a dossier can be read, and the catalogue searched', async ({
    page,
    request,
  }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Thủ tục hành chính' })).toBeVisible();
    await expect(page.getByTestId('procedure-result-link').first()).toBeVisible();

    // The search box is a plain form: Enter asks the server for the results.
    await page.getByTestId('catalog-search').fill('chung thuc');
    await page.getByTestId('catalog-search').press('Enter');
    await expect(page).toHaveURL(/[?&]q=chung\+thuc/);
    await expect(page.getByTestId('procedure-result-link').first()).toContainText(/Chứng thực/);

    await page.goto('/procedures/1.001193');
    await expect(page.getByRole('heading', { level: 1, name: 'Đăng ký khai sinh' })).toBeVisible();
    await expect(page.getByText(/Tờ khai đăng ký khai sinh/).first()).toBeVisible();

    const unknown = await page.goto('/procedures/9.999999');
    expect(unknown?.status()).toBe(404);

    const code = await receiveAtCounter(request, {
      procedureCode: '1.001193',
      fullName: 'Nguyễn Văn Tĩnh',
      idNumber: '089301006666',
      phone: '0912000666',
    });
    await page.goto(`/track/${encodeURIComponent(code)}`);
    await expect(page.getByText(code).first()).toBeVisible();
    await expect(page.getByTestId('track-applicant')).toContainText('N*** V** T');
  });
});

test.describe('a citizen’s own pages without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('are pre-rendered for the signed-in citizen, and only the app shell for anybody else', async ({
    page,
  }) => {
    await page.goto('/me');
    await expect(page.locator('#root')).toBeEmpty();

    const login = await page.request.post('/api/v1/auth/login', {
      data: { username: '0912345678', password: 'motcua2026' },
    });
    expect(login.status()).toBe(200);
    await page.goto('/me');
    await expect(page.getByRole('heading', { level: 1, name: 'Hồ sơ của tôi' })).toBeVisible();
    await page.goto('/me/profile');
    await expect(page.getByLabel(/Họ và tên/)).toHaveValue('Nguyễn Văn An');
  });
});

test('the app arrives on the first touch, keeps what was typed and pressed, and the language sticks', async ({
  page,
  isMobile,
}) => {
  test.skip(isMobile, 'hover and keyboard on the desktop');
  const problems: string[] = [];
  page.on('console', (message) => {
    if (/hydrat|error #4\d\d/i.test(message.text())) problems.push(message.text());
  });
  const scripts = () =>
    page.evaluate(
      () => performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.js')).length,
    );

  await page.goto('/procedures/1.001193');
  await page.waitForLoadState('networkidle');
  // Only the first script so far: the page was drawn by the server.
  expect(await scripts()).toBe(1);

  // Pressed before the app is there: held, then pressed again once it is.
  await page.getByTestId('language-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('link', { name: 'Track a dossier' }).first()).toBeVisible();
  expect(await scripts()).toBeGreaterThan(1);

  // The server now renders in English too.
  await page.goto('/');
  await expect(page.locator('#root')).toHaveAttribute('data-lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'Administrative procedures' })).toBeVisible();
  await page.getByTestId('language-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');

  // Typed while the code is on its way: the search still sees every letter.
  await page.goto('/');
  await page.getByTestId('catalog-search').pressSequentially('chung thuc');
  await expect(page).toHaveURL(/[?&]q=chung\+thuc/);
  await expect(page.getByTestId('catalog-search')).toHaveValue('chung thuc');
  await expect(page.getByTestId('procedure-result-link').first()).toContainText(/Chứng thực/);
  expect(problems).toEqual([]);
});

test.describe('public results without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a unit’s figures this month and this year are public, and another unit can be chosen', async ({
    page,
  }) => {
    await page.goto('/statistics');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Công khai kết quả giải quyết hồ sơ' }),
    ).toBeVisible();
    await expect(page.getByTestId('statistics-month')).toContainText('Phải giải quyết');
    await expect(page.getByTestId('statistics-year')).toContainText('Tỷ lệ hài lòng');
    await page.goto('/statistics?unit=AG.LONGXUYEN');
    await expect(page.getByTestId('statistics-unit')).toHaveValue('AG.LONGXUYEN');
    await expect(page.getByTestId('statistics-year-total')).toHaveText(/^\d+$/);
  });
});
