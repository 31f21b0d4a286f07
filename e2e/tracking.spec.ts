import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { expectNoSideways, receiveAtCounter, seriousViolations, tokenOf } from './helpers';

// Public tracking (no login), as reached from the QR code on the receipt (Mẫu 01). The dossiers
// are received and handled through the API; the citizen's side is in the browser, on both the
// desktop and the phone projects.

const PHONE = '0912000888';
const ID_NUMBER = '089301008888';

function receiveByApi(request: APIRequestContext, procedureCode: string, name: string): Promise<string> {
  return receiveAtCounter(request, { procedureCode, fullName: name, idNumber: ID_NUMBER, phone: PHONE });
}

async function actByApi(
  request: APIRequestContext,
  username: string,
  code: string,
  body: Record<string, unknown>,
) {
  const token = await tokenOf(request, username);
  const headers = { authorization: `Bearer ${token}` };
  const current = await (
    await request.get(`/api/v1/dossiers/${encodeURIComponent(code)}`, { headers })
  ).json();
  const res = await request.post(`/api/v1/dossiers/${encodeURIComponent(code)}/actions`, {
    headers,
    data: { expectedVersion: current.version, ...body },
  });
  expect(res.status(), await res.text()).toBe(200);
}

test('a dossier received at the counter is found by its code, with the masked name and status', async ({
  page,
  request,
}) => {
  const code = await receiveByApi(request, '1.005461', 'Nguyễn Văn Tra Cứu');
  expect(code).toContain('.');
  // From the tracking form, as a citizen who typed the code from the receipt.
  await page.goto('/track');
  await page.getByLabel('Mã hồ sơ').fill(code);
  await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/track/${code.replace(/\./g, '\\.')}$`));
  const result = page.getByTestId('track-result');
  await expect(result).toHaveAttribute('aria-live', 'polite');
  await expect(page.getByTestId('track-found')).toHaveAttribute('data-verified', 'false');
  await expect(page.getByTestId('track-result-code')).toHaveText(code);
  await expect(page.getByTestId('track-applicant')).toContainText('N*** V** T** C');
  await expect(result).not.toContainText('Nguyễn Văn Tra Cứu');
  await expect(page.getByTestId('track-status')).toHaveText('Đang giải quyết');
  await expect(page.getByTestId('track-procedure')).toContainText('1.005461');
  await expect(page.getByTestId('track-receiving-unit')).toContainText('Long Xuyên');
  await expect(page.getByTestId('track-step').first()).toContainText(/Tiếp nhận/);
  // Without the second factor nothing is said about supplements.
  await expect(page.getByTestId('track-supplements')).toHaveCount(0);
  await expectNoSideways(page);
  // The second factor never goes into the page address.
  await page.getByTestId('track-verify').fill(PHONE);
  await page.getByRole('button', { name: 'Xem chi tiết' }).click();
  await expect(page.getByTestId('track-found')).toHaveAttribute('data-verified', 'true');
  await expect(page.getByTestId('track-no-supplement')).toBeVisible();
  expect(page.url()).not.toContain(PHONE);
});

test('a wrong phone number gives the same not-found message as an unknown code', async ({
  page,
  request,
}) => {
  const code = await receiveByApi(request, '1.005461', 'Trần Thị Sai Số');
  await page.goto('/track');
  await page.getByLabel('Mã hồ sơ').fill(code);
  await page.getByLabel(/Số điện thoại hoặc số CCCD/).fill('0987654321');
  await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
  await expect(page.getByTestId('track-not-found')).toContainText(
    'Không tìm thấy hồ sơ với mã và thông tin đã nhập',
  );
  await expect(page.getByTestId('track-found')).toHaveCount(0);
  expect(page.url()).not.toContain('0987654321');
  // An unknown code reads the same.
  await page.goto('/track/AG.LONGXUYEN-000101-9999');
  await expect(page.getByTestId('track-not-found')).toContainText(
    'Không tìm thấy hồ sơ với mã và thông tin đã nhập',
  );
});

test('with the right phone number the documents requested for supplement are listed', async ({
  page,
  request,
}) => {
  const code = await receiveByApi(request, '1.005461', 'Lê Văn Bổ Sung');
  await actByApi(request, 'tiepnhan.longxuyen', code, { action: 'forward', toStep: 'xu_ly' });
  await actByApi(request, 'chuyenvien.longxuyen', code, {
    action: 'request_supplement',
    reason: 'Bản sao giấy tờ chưa rõ',
    items: [{ document: 'Giấy chứng tử bản sao có chứng thực', form: 'certified_copy' }],
  });
  await page.goto('/track');
  await page.getByLabel('Mã hồ sơ').fill(code);
  await page.getByLabel(/Số điện thoại hoặc số CCCD/).fill('0912 000 888');
  await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
  await expect(page.getByTestId('track-found')).toHaveAttribute('data-verified', 'true');
  await expect(page.getByTestId('track-status')).toHaveText('Chờ bổ sung');
  await expect(page.getByTestId('track-supplement-item')).toHaveText([/Giấy chứng tử bản sao có chứng thực/]);
  await expect(page.getByTestId('track-supplement')).toContainText('Bản sao giấy tờ chưa rõ');
  await expect(page.getByRole('heading', { name: 'Giấy tờ cần bổ sung' })).toBeVisible();
  await expectNoSideways(page);
});

test('axe finds no serious issue on the tracking page', async ({ page, request }) => {
  await page.goto('/track');
  await expect(page.locator('main')).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(await seriousViolations(page)).toEqual([]);

  const code = await receiveByApi(request, '1.005461', 'Phạm Thị Truy Cập');
  await page.goto(`/track/${code}`);
  await expect(page.getByTestId('track-found')).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(await seriousViolations(page)).toEqual([]);
  await expectNoSideways(page);
});

test('a returned dossier is rated once by its applicant, then the rating is shown read-only', async ({
  page,
  context,
  request,
}) => {
  const code = await receiveByApi(request, '1.005461', 'Võ Thị Hài Lòng');
  await actByApi(request, 'tiepnhan.longxuyen', code, { action: 'forward', toStep: 'xu_ly' });
  await actByApi(request, 'chuyenvien.longxuyen', code, { action: 'forward' });
  await actByApi(request, 'lanhdao.longxuyen', code, { action: 'approve' });
  await actByApi(request, 'tiepnhan.longxuyen', code, {
    action: 'attach_result',
    title: 'Trích lục khai tử',
  });
  await actByApi(request, 'tiepnhan.longxuyen', code, { action: 'return', method: 'counter' });

  const openVerified = async (target: Page) => {
    await target.goto(`/track/${code}`);
    await expect(target.getByTestId('track-status')).toHaveText('Đã trả kết quả');
    await target.getByTestId('track-verify').fill(PHONE);
    await target.getByRole('button', { name: 'Xem chi tiết' }).click();
    await expect(target.getByTestId('track-found')).toHaveAttribute('data-verified', 'true');
  };

  // Only the applicant (who gave the phone number) is asked to rate.
  await page.goto(`/track/${code}`);
  await expect(page.getByTestId('track-status')).toHaveText('Đã trả kết quả');
  await expect(page.getByTestId('rating-card')).toHaveCount(0);
  await openVerified(page);
  // A second tab, left open on the form, tries again after the rating is given.
  const other = await context.newPage();
  await openVerified(other);
  await expect(other.getByTestId('rating-form')).toBeVisible();
  await other.waitForLoadState('networkidle');
  expect(await seriousViolations(other)).toEqual([]);

  const card = page.getByTestId('rating-card');
  await expect(card.getByRole('heading', { name: 'Đánh giá mức độ hài lòng' })).toBeVisible();
  // The overall level is required.
  await card.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await expect(page.getByTestId('rating-level')).toContainText('Vui lòng chọn mức độ hài lòng chung.');
  const overall = card.getByRole('group', { name: /Mức độ hài lòng chung/ });
  await expect(overall.getByRole('radio')).toHaveCount(4);
  // Native radios: the arrow keys move the choice.
  await overall.getByRole('radio', { name: 'Hài lòng', exact: true }).check();
  await page.keyboard.press('ArrowLeft');
  await expect(overall.getByRole('radio', { name: 'Rất hài lòng', exact: true })).toBeChecked();
  await expect(page.getByTestId('rating-level')).not.toContainText('Vui lòng chọn');
  await card
    .getByRole('group', { name: /Thái độ của cán bộ/ })
    .getByRole('radio', { name: 'Hài lòng', exact: true })
    .check();
  await card
    .getByRole('group', { name: /Thời gian giải quyết/ })
    .getByRole('radio', { name: 'Bình thường', exact: true })
    .check();
  await card.getByLabel(/Góp ý thêm/).fill('Cán bộ hướng dẫn tận tình.');
  await expectNoSideways(page);
  await card.getByRole('button', { name: 'Gửi đánh giá' }).click();

  await expect(page.getByTestId('rating-thanks')).toContainText('Cảm ơn Ông/Bà đã đánh giá');
  await expect(page.getByTestId('rating-form')).toHaveCount(0);
  await expect(page.getByTestId('rating-view')).toHaveAttribute('data-level', 'very_satisfied');
  await expect(page.getByTestId('rating-view-level')).toContainText('Rất hài lòng');
  await expect(page.getByTestId('rating-view-attitude')).toContainText('Hài lòng');
  await expect(page.getByTestId('rating-view-time')).toContainText('Bình thường');
  await expect(page.getByTestId('rating-view-ease')).toContainText('Không đánh giá');
  await expect(page.getByTestId('rating-view-comment')).toContainText('Cán bộ hướng dẫn tận tình.');
  await expectNoSideways(page);
  await page.waitForLoadState('networkidle');
  expect(await seriousViolations(page)).toEqual([]);

  // Looked up again: without the phone the rating (the applicant's own words) is not shown;
  // with it, read-only, no form and no thanks.
  await page.goto(`/track/${code}`);
  await expect(page.getByTestId('track-status')).toHaveText('Đã trả kết quả');
  await expect(page.getByTestId('rating-view')).toHaveCount(0);
  await openVerified(page);
  await expect(page.getByTestId('rating-view-level')).toContainText('Rất hài lòng');
  await expect(page.getByTestId('rating-form')).toHaveCount(0);
  await expect(page.getByTestId('rating-thanks')).toHaveCount(0);

  // The tab left open: its attempt is refused and the recorded rating shown instead.
  await other
    .getByRole('group', { name: /Mức độ hài lòng chung/ })
    .getByRole('radio', { name: 'Không hài lòng', exact: true })
    .check();
  await other.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await expect(other.getByTestId('rating-error')).toContainText('Hồ sơ này đã được đánh giá');
  await expect(other.getByTestId('rating-view-level')).toContainText('Rất hài lòng');
  await expect(other.getByTestId('rating-form')).toHaveCount(0);
  await other.close();

  // And through the API.
  const again = await request.post(`/api/v1/public/track/${encodeURIComponent(code)}/rating`, {
    data: { phone: PHONE, level: 'neutral' },
  });
  expect(again.status()).toBe(409);
  expect((await again.json()).code).toBe('already_rated');
});
