import { expect, type Page, test } from '@playwright/test';
import { loginAs } from './helpers';

// The back office flow is a desktop task; the phone project checks the public pages.
test.skip(({ isMobile }) => isMobile, 'desktop only');

/** Takes one of the allowed actions through its modal and waits for the new version. */
async function act(page: Page, type: string, options: { to?: string; fill?: () => Promise<unknown> } = {}) {
  const dossier = page.getByTestId('dossier-page');
  const before = Number(await dossier.getAttribute('data-version'));
  const selector = options.to
    ? `[data-testid="action-${type}"][data-to="${options.to}"]`
    : `[data-testid="action-${type}"]`;
  await page.locator(selector).click();
  await expect(page.getByTestId('action-form')).toBeVisible();
  await options.fill?.();
  await page.getByTestId('action-submit').click();
  await expect(page.getByTestId('action-form')).toBeHidden();
  await expect(dossier).toHaveAttribute('data-version', String(before + 1));
}

test('a birth registration goes from the counter through processing and approval to the returned result', async ({
  page,
}) => {
  // 1. The receptionist receives it at the counter of Long Xuyên ward.
  await loginAs(page, 'tiepnhan.longxuyen');
  await page.getByRole('link', { name: 'Tiếp nhận hồ sơ' }).first().click();
  await expect(page).toHaveURL(/\/office\/reception$/);
  const picker = page.getByTestId('procedure-picker');
  await expect(picker).toBeFocused();
  await page.keyboard.type('1.001193');
  await expect(page.getByRole('option', { name: /1\.001193 · Đăng ký khai sinh$/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(picker).toHaveValue(/Đăng ký khai sinh/);

  // Nothing is ticked until the receptionist ticks what was handed in: here, the required documents.
  const rows = page.getByTestId('checklist-row');
  await expect(rows.first()).toBeVisible();
  await expect(page.getByTestId('doc-check').first()).not.toBeChecked();
  const required = page.locator('[data-testid="checklist-row"][data-required="true"]');
  const count = await required.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) await required.nth(i).getByTestId('doc-check').check();

  await page.getByTestId('applicant-name').fill('Nguyễn Thị Thu');
  await page.getByTestId('applicant-id').fill('089301004567');
  await page.getByTestId('applicant-phone').fill('0912 345 678');
  await expect(page.getByTestId('due-preview')).toBeVisible();
  await expect(page.getByTestId('fee-preview')).toContainText('8.000');
  await page.keyboard.press('Control+Enter');

  const codeText = page.getByTestId('dossier-code');
  await expect(codeText).toHaveText(/^AG\.LONGXUYEN-\d{6}-\d{4}$/);
  const code = (await codeText.textContent())?.trim() ?? '';
  await expect(page.getByTestId('print-01')).toBeFocused();

  // The receipt and appointment slip (Mẫu 01) is a PDF.
  const receiptUrl = await page.getByTestId('print-01').getAttribute('href');
  expect(receiptUrl).toBe(`/api/v1/dossiers/${code}/forms/01.pdf`);
  const receipt = await page.request.get(receiptUrl ?? '');
  expect.soft(receipt.status(), 'GET Mẫu 01').toBe(200);
  expect.soft(receipt.headers()['content-type'] ?? '', 'Mẫu 01 content type').toContain('application/pdf');

  // Birth registration is free when on time: the counter sends it straight to the officer.
  await page.getByRole('link', { name: 'Xem hồ sơ' }).click();
  await expect(page.getByTestId('dossier-title')).toHaveText(code);
  await expect(page.getByTestId('status-badge')).toHaveAttribute('data-status', 'in_progress');
  // How the due date was computed, folded under the date until asked for.
  const dueToggle = page.getByTestId('due-explanation-toggle');
  await expect(dueToggle).toHaveAttribute('aria-expanded', 'false');
  await dueToggle.click();
  await expect(dueToggle).toHaveAttribute('aria-expanded', 'true');
  await expect(page.locator('[data-testid="due-explanation-list"] [data-kind="due"]')).toContainText(
    'Hạn giải quyết',
  );
  await act(page, 'forward', { to: 'xu_ly' });

  // 2. The officer finds it in the unit's inbox (nobody is assigned yet, so not under "Của tôi")
  // and forwards it to the leader.
  await loginAs(page, 'chuyenvien.longxuyen');
  await page.goto('/office/dossiers?view=unit');
  await page.getByTestId('inbox-search').fill(code);
  await page.locator(`[data-testid="dossier-row"][data-code="${code}"]`).getByTestId('dossier-link').click();
  await expect(page.getByTestId('dossier-title')).toHaveText(code);
  await act(page, 'forward', {
    to: 'phe_duyet',
    fill: () => page.getByTestId('action-note').fill('Hồ sơ hợp lệ, trình lãnh đạo ký'),
  });
  await expect(page.getByTestId('timeline-event').first()).toContainText('Hồ sơ hợp lệ, trình lãnh đạo ký');

  // 3. The leader sees it awaiting approval and approves it: the dossier is resolved.
  await loginAs(page, 'lanhdao.longxuyen');
  await page.getByRole('link', { name: 'Lãnh đạo' }).first().click();
  const awaiting = page.getByTestId('leader-approval-table');
  await awaiting
    .locator(`[data-testid="dossier-row"][data-code="${code}"]`)
    .getByTestId('dossier-link')
    .click();
  await act(page, 'approve');
  await expect(page.getByTestId('status-badge')).toHaveAttribute('data-status', 'resolved');
  await expect(page.getByTestId('timeliness-badge')).toHaveAttribute('data-kind', 'resolved');

  // 4. At the counter the result is attached and returned to the applicant.
  await loginAs(page, 'tiepnhan.longxuyen');
  await page.goto(`/office/dossiers/${code}`);
  await act(page, 'attach_result', {
    fill: async () => {
      await page.getByTestId('action-result-title').fill('Giấy khai sinh');
      await page.getByTestId('action-result-number').fill('15/2026');
    },
  });
  await act(page, 'return', { fill: () => page.getByTestId('action-method').selectOption('counter') });

  await expect(page.getByTestId('status-badge')).toHaveAttribute('data-status', 'returned');
  const timeliness = page.getByTestId('timeliness-badge');
  await expect(timeliness).toHaveAttribute('data-kind', 'resolved');
  await expect(timeliness).toHaveAttribute('data-value', /^(early|on_time|late)$/);
  await expect(timeliness).toHaveText(/Trước hạn|Đúng hạn|Quá hạn/);
  await expect(page.getByTestId('no-actions')).toBeVisible();
  // Every step is on the record: received, forwarded twice, approved, result attached, returned.
  await expect(page.getByTestId('timeline-event')).toHaveCount(6);
  await expect(page.getByTestId('step-row').last()).toContainText(/Trước hạn|Đúng hạn|Quá hạn/);
});

test('an incomplete dossier is not received: it lists what is missing and issues a Mẫu 02 guidance slip', async ({
  page,
}) => {
  await loginAs(page, 'tiepnhan.longxuyen');
  await page.goto('/office/reception');
  await page.getByTestId('procedure-picker').fill('1.001193');
  await page.getByRole('option', { name: /1\.001193 · Đăng ký khai sinh$/ }).click();
  await page.getByTestId('doc-check').first().check();
  await page.getByTestId('applicant-name').fill('Trần Văn Nam');
  await page.getByTestId('applicant-id').fill('089301007654');
  await page.getByTestId('applicant-phone').fill('0987654321');
  await page.getByTestId('reception-submit').click();
  const incomplete = page.getByTestId('incomplete');
  await expect(incomplete).toBeVisible();
  await expect(incomplete).toBeFocused();
  await expect(page.getByTestId('missing-list').getByRole('listitem')).not.toHaveCount(0);
  await expect(page.getByTestId('missing-list')).toContainText('Giấy chứng sinh');
  await expect(page.getByTestId('dossier-code')).toHaveCount(0);

  // The guidance slip (Mẫu 02) lists the missing documents and the applicant already entered.
  await page.getByTestId('print-02-guidance').click();
  const form = page.getByTestId('slip-form');
  await expect(form).toBeVisible();
  await expect(form).toHaveAttribute('data-kind', 'guidance');
  await expect(page.getByTestId('slip-applicant-name')).toHaveValue('Trần Văn Nam');
  const missingCount = await page.getByTestId('missing-list').getByRole('listitem').count();
  await expect(page.getByTestId('slip-item')).toHaveCount(missingCount);
  await expect(page.getByTestId('slip-item-document').first()).toHaveValue(/Giấy chứng sinh/);
  await expect(page.getByTestId('slip-item-document').first()).not.toHaveValue(/^Thiếu/);
  await page.getByTestId('slip-reason').fill('Hồ sơ còn thiếu giấy tờ bắt buộc; bổ sung đủ rồi nộp lại.');
  // Saving opens the printable slip in a new tab (closed here); the dialog keeps a link to it.
  const popup = page
    .context()
    .waitForEvent('page', { timeout: 5_000 })
    .catch(() => null);
  await page.getByTestId('slip-submit').click();
  const done = page.getByTestId('slip-done');
  await expect(done).toBeVisible();
  await expect(done).toContainText(/\d+\/\d{4}\/PHD/);
  await (await popup)?.close();
  const slipUrl = await page.getByTestId('slip-pdf').getAttribute('href');
  expect(slipUrl).toMatch(/^\/api\/v1\/reception\/slips\/[0-9a-f-]{36}\/pdf$/);
  const slip = await page.request.get(slipUrl ?? '');
  expect(slip.status(), 'GET slip PDF').toBe(200);
  expect(slip.headers()['content-type'] ?? '', 'slip content type').toContain('application/pdf');
  expect((await slip.body()).subarray(0, 5).toString()).toBe('%PDF-');
});

test('a returning applicant: the ID number offers the details of the earlier dossier, filling only empty fields', async ({
  page,
}) => {
  await loginAs(page, 'tiepnhan.longxuyen');
  // An earlier dossier of the same person, received through the API.
  const procedure = await (await page.request.get('/api/v1/public/procedures/1.001193')).json();
  const documents = (procedure.documents as { required: boolean }[]).flatMap((d, index) =>
    d.required ? [{ index, form: 'original', copies: 1 }] : [],
  );
  // With the browser's session cookie: a write names our origin, as the browser's own would (CSRF check).
  const earlier = await page.request.post('/api/v1/dossiers', {
    headers: { origin: new URL(page.url()).origin },
    data: {
      procedureCode: '1.001193',
      unitCode: 'AG.LONGXUYEN',
      channel: 'counter',
      applicant: {
        fullName: 'Phạm Văn Tư',
        idNumber: '089301001111',
        phone: '0905111222',
        address: 'Mỹ Bình',
      },
      formData: {},
      documents,
      resultDelivery: 'counter',
      sets: 1,
    },
  });
  expect(earlier.status(), 'POST /dossiers').toBe(201);

  await page.goto('/office/reception');
  await page.getByTestId('procedure-picker').fill('1.001193');
  await page.getByRole('option', { name: /1\.001193 · Đăng ký khai sinh$/ }).click();
  const idInput = page.getByTestId('applicant-id');
  await idInput.click();
  await page.keyboard.type('089301001111');
  const suggestion = page.getByTestId('use-saved-applicant');
  await expect(suggestion).toHaveText('Dùng thông tin đã có: Phạm Văn Tư, 0905111222');
  // It does not take the focus; Tab reaches it and Enter uses it, then the keyboard carries on.
  await expect(idInput).toBeFocused();
  await page.getByTestId('applicant-phone').fill('0988777666');
  await idInput.focus();
  await page.keyboard.press('Tab');
  await expect(suggestion).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('applicant-name')).toHaveValue('Phạm Văn Tư');
  await expect(page.getByTestId('applicant-address')).toHaveValue('Mỹ Bình');
  // What was typed is kept.
  await expect(page.getByTestId('applicant-phone')).toHaveValue('0988777666');
  await expect(page.getByTestId('applicant-phone')).toBeFocused();
  await expect(suggestion).toHaveCount(0);
});
