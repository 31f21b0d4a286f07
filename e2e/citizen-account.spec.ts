import { type APIRequestContext, expect, test } from '@playwright/test';
import { seriousViolations, expectNoSideways } from './helpers';

// Citizen accounts on the desktop and the phone (360 px): register with a phone number and the
// code from the demo mailbox, log out, reset the password with a code, log in, save the profile.

/** The six-digit code in the newest message to `recipient` whose subject mentions `purpose`. */
async function latestCode(request: APIRequestContext, recipient: string, purpose: string): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(
      async () => {
        const res = await request.get(`/api/v1/sandbox/messages?recipient=${encodeURIComponent(recipient)}`);
        const items = (await res.json()).items as { subject: string }[];
        const message = items.find((m) => m.subject.includes(purpose));
        code = message ? /(\d{6})/.exec(message.subject)?.[1] : undefined;
        return code;
        // The message leaves through the outbox worker, which polls: on a busy CI machine it took over 10 s.
      },
      { timeout: 30_000 },
    )
    .toBeTruthy();
  return code!;
}

/** A phone number no other run has used (the two projects share one server). */
function newPhone(): string {
  return `09${String(Date.now() % 100_000_000).padStart(8, '0')}`;
}

test('a citizen registers by phone, confirms with the code, resets the password and keeps a profile', async ({
  page,
  request,
}) => {
  const phone = newPhone();
  await page.goto('/login');
  await page.getByRole('link', { name: 'Đăng ký tài khoản' }).click();
  await expect(page).toHaveURL(/\/register$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Đăng ký tài khoản' })).toBeVisible();
  await expectNoSideways(page);

  // Nothing filled in: the errors show next to the fields, the first one has the focus.
  await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
  await expect(page.getByText('Vui lòng nhập họ và tên (ít nhất 2 ký tự).')).toBeVisible();
  await expect(page.getByLabel('Họ và tên')).toBeFocused();
  await expect(page.getByLabel('Họ và tên')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Họ và tên').fill('Nguyễn Thị Công Dân');
  await page.getByLabel('Số điện thoại hoặc e-mail').fill(phone);
  // By the accessible name, as a screen reader announces it: getByLabel compares the label's text,
  // which includes the required field's visual asterisk ("Mật khẩu *", aria-hidden).
  await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill('matkhau-2026');
  await page.getByLabel('Nhập lại mật khẩu').fill('matkhau-khac');
  await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
  await expect(page.getByText('Hai lần nhập mật khẩu không khớp.')).toBeVisible();
  await page.getByLabel('Nhập lại mật khẩu').fill('matkhau-2026');
  await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();

  // The code step: its heading takes the focus; "Gửi lại mã" waits a minute.
  await expect(page.getByRole('heading', { name: 'Nhập mã xác nhận' })).toBeFocused();
  await expect(page.getByTestId('code-resend')).toBeDisabled();
  const code = await latestCode(request, phone, 'xác nhận tài khoản');
  await page.getByLabel('Mã xác nhận').fill(code === '000000' ? '111111' : '000000');
  await page.getByLabel('Mã xác nhận').press('Enter');
  await expect(page.getByText('Mã không đúng hoặc đã hết hạn')).toBeVisible();
  await page.getByLabel('Mã xác nhận').fill(code);
  await page.getByLabel('Mã xác nhận').press('Enter');
  // Confirmed and logged in: the citizen's own pages.
  await expect(page).toHaveURL(/\/me(\/|$)/);

  // Log out, then forget the password.
  // A cookie-authenticated POST must name our origin (CSRF check), as the browser's own would.
  const logout = await page.request.post('/api/v1/auth/logout', {
    headers: { origin: new URL(page.url()).origin },
  });
  expect(logout.status()).toBe(204);
  await page.goto('/login');
  await page.getByRole('link', { name: 'Quên mật khẩu?' }).click();
  await expect(page).toHaveURL(/\/reset-password$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Đặt lại mật khẩu' })).toBeVisible();
  await expectNoSideways(page);
  await page.getByLabel('Số điện thoại hoặc e-mail').fill(phone);
  await page.getByRole('button', { name: 'Gửi mã' }).click();
  await expect(page.getByRole('heading', { name: 'Nhập mã và mật khẩu mới' })).toBeFocused();
  const resetCode = await latestCode(request, phone, 'đặt lại mật khẩu');
  await page.getByLabel('Mã xác nhận').fill(resetCode);
  await page.getByLabel('Mật khẩu mới').fill('matkhau-moi-2026');
  await page.getByLabel('Nhập lại mật khẩu').fill('matkhau-moi-2026');
  await page.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();

  // Back on the login page with the username filled in and a success message.
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByTestId('login-notice')).toHaveText('Đã đặt mật khẩu mới. Mời bạn đăng nhập.');
  await expect(page.getByLabel('Tên đăng nhập')).toHaveValue(phone);
  await page.waitForLoadState('networkidle');
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByLabel('Mật khẩu').fill('matkhau-moi-2026');
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).last().click();
  await expect(page).toHaveURL(/\/me(\/|$)/);

  // The profile starts from the account; what is saved stays after a reload.
  await page.goto('/me/profile');
  await expect(page.getByRole('heading', { level: 1, name: 'Hồ sơ cá nhân' })).toBeVisible();
  await expect(page.getByLabel('Họ và tên')).toHaveValue('Nguyễn Thị Công Dân');
  await expect(page.getByLabel('Số điện thoại', { exact: true })).toHaveValue(phone);
  await expect(page.getByTestId('profile-username')).toHaveText(phone);
  await expectNoSideways(page);

  await page.getByLabel('Số CCCD / định danh cá nhân').fill('0891');
  await page.getByRole('button', { name: 'Lưu hồ sơ' }).click();
  await expect(page.getByText('Số CCCD gồm 12 chữ số (CMND cũ: 9 chữ số).')).toBeVisible();
  await expect(page.getByLabel('Số CCCD / định danh cá nhân')).toBeFocused();
  await page.getByLabel('Số CCCD / định danh cá nhân').fill('089123456789');
  await page.getByLabel('Địa chỉ thường trú').fill('12 Trần Hưng Đạo, phường Long Xuyên, An Giang');
  const zalo = page.getByRole('switch', { name: 'Nhận thông báo về hồ sơ qua Zalo' });
  await zalo.focus();
  await page.keyboard.press('Space');
  await expect(zalo).toBeChecked();
  await page.getByLabel('Số điện thoại dùng Zalo').fill('0977 000 111');
  await page.getByRole('button', { name: 'Lưu hồ sơ' }).click();
  await expect(page.getByTestId('profile-saved')).toBeVisible();

  await page.reload();
  await expect(page.getByLabel('Số CCCD / định danh cá nhân')).toHaveValue('089123456789');
  await expect(page.getByLabel('Địa chỉ thường trú')).toHaveValue(
    '12 Trần Hưng Đạo, phường Long Xuyên, An Giang',
  );
  await expect(page.getByRole('switch', { name: 'Nhận thông báo về hồ sơ qua Zalo' })).toBeChecked();
  await expect(page.getByLabel('Số điện thoại dùng Zalo')).toHaveValue('0977000111');

  await page.waitForLoadState('networkidle');
  expect(await seriousViolations(page)).toEqual([]);
});

test('axe finds no serious issue on /register, /reset-password and /login, with errors shown too', async ({
  page,
}) => {
  for (const path of ['/register', '/reset-password', '/login']) {
    await page.goto(path);
    await expect(page.locator('main')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('form button[type="submit"]').click();
    await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  }
});

test('staff opening /me/profile are told it is for citizens', async ({ page, isMobile }) => {
  test.skip(isMobile, 'desktop only');
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').fill('tiepnhan.longxuyen');
  await page.getByLabel('Mật khẩu').fill('motcua2026');
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).last().click();
  await expect(page).toHaveURL(/\/office/);
  await page.goto('/me/profile');
  await expect(page.getByTestId('profile-citizen-only')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
