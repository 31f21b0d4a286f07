import { type APIRequestContext, expect, type Locator, type Page, test } from '@playwright/test';
import { seriousViolations } from './helpers';

// Phản ánh, kiến nghị: the citizen's form and the published answers on /feedback (desktop and
// phone), and the staff side on /office/feedback (desktop only).

async function loginAs(page: Page, username: string) {
  await page.context().clearCookies();
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill('motcua2026');
  await page.getByRole('button', { name: 'Đăng nhập' }).last().click();
  await expect(page).toHaveURL(/\/office/);
}

/** Opens a staff feedback item (its accordion button) unless it is open already. */
async function expand(item: Locator) {
  const control = item.locator('button[aria-expanded]').first();
  if ((await control.getAttribute('aria-expanded')) !== 'true') await control.click();
  await expect(control).toHaveAttribute('aria-expanded', 'true');
  // Wait for the panel's opening animation to end: a click while it moves may be lost.
  await expect(item.getByRole('region')).not.toHaveAttribute('style', /height/);
}

/** Sends feedback through the form, with publication agreed; returns when the receipt shows. */
async function submitFeedback(page: Page, text: string) {
  await page.goto('/feedback');
  await expect(page.getByRole('heading', { level: 1, name: 'Phản ánh, kiến nghị' })).toBeVisible();
  // Nothing filled in: the errors show next to the fields.
  await page.getByTestId('feedback-submit').click();
  await expect(page.getByText('Chọn cơ quan, đơn vị nhận phản ánh', { exact: true })).toBeVisible();
  await expect(
    page.getByText('Cần số điện thoại hoặc e-mail để nhận trả lời', { exact: true }),
  ).toBeVisible();

  await page.getByLabel('Cơ quan, đơn vị nhận phản ánh').selectOption('AG.LONGXUYEN');
  await page.getByLabel('Loại phản ánh').selectOption('delay');
  await page.getByTestId('feedback-text').fill(text);
  await page.getByLabel('Họ và tên').fill('Trần Thị Phản Ánh');
  await page.getByLabel('Số điện thoại').fill('0912345678');
  await page.getByLabel('Đồng ý công khai nội dung và câu trả lời (không kèm thông tin liên hệ)').check();
  await page.getByTestId('feedback-submit').click();
  const sent = page.getByTestId('feedback-sent');
  await expect(sent).toBeVisible();
  await expect(sent.getByRole('heading', { name: 'Đã gửi phản ánh' })).toBeFocused();
  await expect(page.getByTestId('feedback-due')).toContainText(/\d{2}\/\d{2}\/\d{4}/);
}

async function answerByApi(request: APIRequestContext, text: string, answer: string) {
  const login = await request.post('/api/v1/auth/login', {
    data: { username: 'lanhdao.longxuyen', password: 'motcua2026' },
  });
  expect(login.status(), await login.text()).toBe(200);
  const headers = { authorization: `Bearer ${(await login.json()).token}` };
  const list = await (await request.get('/api/v1/feedback?status=open', { headers })).json();
  const item = (list.items as { id: string; text: string }[]).find((i) => i.text === text);
  expect(item).toBeTruthy();
  const res = await request.post(`/api/v1/feedback/${item?.id}/answer`, { headers, data: { answer } });
  expect(res.status(), await res.text()).toBe(200);
}

test('a citizen sends feedback from the phone or the desktop and reads the published answer', async ({
  page,
  request,
}, testInfo) => {
  const text = `Hồ sơ bị chậm mà không có thông báo (${testInfo.project.name}).`;
  await submitFeedback(page, text);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);

  const answer = `Đơn vị xin lỗi, hồ sơ đã được xử lý (${testInfo.project.name}).`;
  await answerByApi(request, text, answer);
  await page.reload();
  const item = page.getByTestId('feedback-published-item').filter({ hasText: text });
  await expect(item).toBeVisible();
  await expect(item).toContainText('Chậm trễ giải quyết hồ sơ');
  await expect(item).toContainText(answer);
  await expect(item).not.toContainText('0912345678');
});

test('staff answer feedback on /office/feedback and the answer is published', async ({ page, isMobile }) => {
  test.skip(isMobile, 'desktop only');
  const text = 'Cán bộ tiếp nhận hẹn ngày trả kết quả nhưng không gọi điện báo.';
  await submitFeedback(page, text);

  await loginAs(page, 'lanhdao.longxuyen');
  await page
    .getByRole('navigation', { name: 'Menu khu vực cán bộ' })
    .getByRole('link', { name: 'Phản ánh, kiến nghị' })
    .click();
  await expect(page).toHaveURL(/\/office\/feedback$/);
  await page.getByLabel('Trạng thái').selectOption('open');
  const item = page.getByTestId('office-feedback-item').filter({ hasText: text });
  await expand(item);
  await expect(item).toContainText('0912345678');
  await item.getByRole('button', { name: 'Đang xử lý', exact: true }).click();
  // No longer new: it leaves the "Mới" list and shows under "Đang xử lý".
  await expect(item).toHaveCount(0);
  await page.getByLabel('Trạng thái').selectOption('in_progress');
  await expect(item).toHaveAttribute('data-status', 'in_progress');

  await page.getByLabel('Trạng thái').selectOption('');
  await expand(item);
  const answer = 'Đơn vị đã nhắc nhở cán bộ và sẽ gọi điện trước ngày hẹn.';
  await item.getByLabel('Nội dung trả lời').fill(answer);
  await item.getByRole('button', { name: 'Trả lời', exact: true }).click();
  await expect(item).toHaveAttribute('data-status', 'answered');
  await expect(item.getByTestId('office-feedback-answer')).toHaveText(answer);

  await page.goto('/feedback');
  const published = page.getByTestId('feedback-published-item').filter({ hasText: text });
  await expect(published).toContainText(answer);
  await expect(published).toContainText('UBND phường Long Xuyên');
});

test('axe finds no serious issue on /feedback', async ({ page }) => {
  await page.goto('/feedback');
  await expect(page.getByTestId('feedback-form')).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(await seriousViolations(page)).toEqual([]);
  // With the errors shown too.
  await page.getByTestId('feedback-submit').click();
  await expect(page.getByText('Chọn loại phản ánh', { exact: true })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
