/**
 * Issue 14 §4: a staff member turns on the second factor on the security page (QR code, the key as
 * text, a first code, the recovery codes shown once), logs out, and logs in with a code.
 */
import {
  type APIRequestContext,
  expect,
  type Page,
  request as playwrightRequest,
  test,
} from '@playwright/test';
import { generateSync } from 'otplib';
import { expectNoSideways, loginAs, seriousViolations, tokenOf } from './helpers';

/** The code an authenticator app shows `aheadSeconds` from now (the server accepts one step ahead). */
const codeFor = (secret: string, aheadSeconds = 0) =>
  generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + aheadSeconds });

// One account per project (desktop, phone): both run against the same server.
const userOf = (projectName: string) => (projectName === 'phone' ? 'tiepnhan.chauphu' : 'tiepnhan.tinh');

async function openOfficeMenu(page: Page, isMobile: boolean) {
  if (isMobile) await page.getByRole('button', { name: 'Mở menu' }).click();
}

/**
 * A request context of its own: a login through the API leaves a session cookie in its context,
 * and a later cookie-authenticated POST without an Origin would be refused as cross-site.
 */
async function withApi<T>(baseURL: string | undefined, work: (api: APIRequestContext) => Promise<T>) {
  const api = await playwrightRequest.newContext({ baseURL });
  try {
    return await work(api);
  } finally {
    await api.dispose();
  }
}

test.afterEach(async ({ baseURL }, testInfo) =>
  // Leave the account as the other specs expect it: a system administrator resets the second factor.
  withApi(baseURL, async (request) => {
    const admin = await tokenOf(request, 'admin');
    const headers = { authorization: `Bearer ${admin}` };
    const users = (await (await request.get('/api/v1/admin/users', { headers })).json()).items as {
      id: string;
      username: string;
    }[];
    const user = users.find((u) => u.username === userOf(testInfo.project.name));
    if (user) await request.post(`/api/v1/admin/users/${user.id}/totp/reset`, { headers });
  }),
);

test('a staff member enrols on the security page, logs out, and logs in with the code', async ({
  page,
  isMobile,
}, testInfo) => {
  const username = userOf(testInfo.project.name);
  await page.context().clearCookies();
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill('motcua2026');
  await page.getByRole('button', { name: 'Đăng nhập' }).last().click();
  await expect(page).toHaveURL(/\/office/);

  // The security page is in the office menu.
  await openOfficeMenu(page, isMobile);
  const menuLink = page.getByRole('link', { name: 'Bảo mật tài khoản' }).first();
  // By keyboard: on a phone the demo strip, fixed at the window's bottom, covers the menu's last item.
  await menuLink.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/office\/security$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Bảo mật tài khoản' })).toBeVisible();
  await expect(page.getByTestId('totp-status')).toHaveText('Xác thực hai lớp đang tắt');

  await page.getByRole('button', { name: 'Bật xác thực hai lớp' }).click();
  await expect(page.getByRole('img', { name: /Mã QR chứa khóa bí mật/ })).toBeVisible();
  // The key as text, for typing into an app by hand (shown in groups of four).
  const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.waitForLoadState('networkidle');
  expect(await seriousViolations(page)).toEqual([]);
  if (isMobile) await expectNoSideways(page);

  // A wrong code is refused, the right one turns it on.
  const field = page.getByLabel('Mã xác thực (6 số)');
  await field.fill('000000');
  await page.getByRole('button', { name: 'Xác nhận và bật' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /không đúng/ })).toBeVisible();
  await field.fill(codeFor(secret));
  await page.keyboard.press('Enter');

  // The recovery codes, shown once, with the hint to print or copy them.
  const codes = page.getByRole('list', { name: 'Các mã khôi phục' }).getByRole('listitem');
  await expect(codes).toHaveCount(10);
  await expect(codes.first()).toHaveText(/^[a-z2-9]{4}-[a-z2-9]{4}$/);
  await expect(page.getByText(/in ra hoặc sao chép/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'In các mã' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Tôi đã lưu các mã' }).click();
  await expect(page.getByTestId('totp-status')).toHaveText('Xác thực hai lớp đang bật');
  await expect(codes).toHaveCount(0);

  // Log out.
  if (isMobile) {
    await openOfficeMenu(page, isMobile);
    await page.getByRole('button', { name: 'Đăng xuất' }).focus();
    await page.keyboard.press('Enter');
  } else {
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
  }
  await expect(page).toHaveURL(/\/$/);

  // Log in again: the password first, then the code the server asks for.
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill('motcua2026');
  await page.getByRole('button', { name: 'Đăng nhập' }).last().click();
  const codeField = page.getByLabel('Mã xác thực (6 số)');
  await expect(codeField).toBeVisible();
  await expect(codeField).toBeFocused();
  await expect(page.getByTestId('login-totp-asked')).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
  expect(await seriousViolations(page)).toEqual([]);
  // The confirming code's time step is used up: the app's next code (one step ahead is accepted).
  await codeField.fill(codeFor(secret, 30));
  await page.getByRole('button', { name: 'Đăng nhập' }).last().click();
  await expect(page).toHaveURL(/\/office/);
});

test('a system administrator resets a staff member’s second factor from the users screen', async ({
  page,
  baseURL,
  isMobile,
}, testInfo) => {
  test.skip(isMobile, 'the administration screens are checked on desktop');
  const username = userOf(testInfo.project.name);
  // The staff member has a second factor (enrolled through the API).
  await withApi(baseURL, async (request) => {
    const headers = { authorization: `Bearer ${await tokenOf(request, username)}` };
    const enrolment = await (await request.post('/api/v1/me/totp/enrol', { headers })).json();
    const confirmed = await request.post('/api/v1/me/totp/confirm', {
      headers,
      data: { code: codeFor(enrolment.secret) },
    });
    expect(confirmed.status()).toBe(200);
  });

  await loginAs(page, 'admin');
  await page.goto('/office/admin/users');
  const row = page.locator(`[data-testid="user-row"][data-username="${username}"]`);
  await expect(row.getByTestId('user-totp-on')).toBeVisible();
  await row.getByRole('button', { name: `Đặt lại xác thực hai lớp của ${username}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Đặt lại xác thực hai lớp' });
  await expect(dialog).toContainText(username);
  await dialog.getByRole('button', { name: 'Đặt lại xác thực hai lớp' }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByTestId('user-totp-on')).toHaveCount(0);
  // The password alone logs in again; the user enrols anew from the security page.
  await withApi(baseURL, async (request) => {
    const login = await request.post('/api/v1/auth/login', { data: { username, password: 'motcua2026' } });
    expect(login.status()).toBe(200);
  });
});
