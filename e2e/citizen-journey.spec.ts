import { type APIRequestContext, expect, test } from '@playwright/test';
import { seriousViolations } from './helpers';

// The citizen's whole journey on a phone (360 px): register, find a procedure without diacritics,
// fill its e-form, attach scans (an oversized one is refused), pay in the sandbox gateway, get the
// code, hand in what the office asks for, download the result, rate the service, send feedback
// that an officer answers. The office's side goes through the API as its staff would.

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

async function latestMessage(request: APIRequestContext, recipient: string, match: RegExp) {
  let found: { subject: string; body: string } | undefined;
  await expect
    .poll(
      async () => {
        const res = await request.get(`/api/v1/sandbox/messages?recipient=${encodeURIComponent(recipient)}`);
        const items = (await res.json()).items as { subject: string; body: string }[];
        found = items.find((m) => match.test(m.subject));
        return Boolean(found);
      },
      { timeout: 90_000, intervals: [1000, 2000, 5000] },
    )
    // Notices wait in the outbox for the dispatcher, which runs every minute.
    .toBe(true);
  return found!;
}

/** A staff member's API session (the office works in its own screens; here only the outcome matters). */
async function staff(request: APIRequestContext, username: string) {
  const res = await request.post('/api/v1/auth/login', { data: { username, password: 'motcua2026' } });
  expect(res.status()).toBe(200);
  const headers = { authorization: `Bearer ${(await res.json()).token}` };
  const act = async (code: string, body: Record<string, unknown>) => {
    const view = await (await request.get(`/api/v1/dossiers/${code}`, { headers })).json();
    const done = await request.post(`/api/v1/dossiers/${code}/actions`, {
      headers,
      data: { expectedVersion: view.version, ...body },
    });
    expect(done.status(), await done.text()).toBe(200);
  };
  return { headers, act };
}

test('a citizen applies online from a phone and follows the dossier to its result', async ({
  page,
  request,
  isMobile,
}) => {
  test.skip(!isMobile, 'the journey is the phone one');
  test.setTimeout(300_000);
  const phone = `08${String(Date.now() % 100_000_000).padStart(8, '0')}`;

  // 1. Register with the phone number; the code arrives in the sandbox mailbox.
  await page.goto('/register');
  await page.getByLabel('Họ và tên').fill('Lê Thị Hồng Nhung');
  await page.getByLabel('Số điện thoại hoặc e-mail').fill(phone);
  await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill('matkhau-2026');
  await page.getByLabel('Nhập lại mật khẩu').fill('matkhau-2026');
  await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
  const otp = await latestMessage(request, phone, /xác nhận tài khoản/);
  await page.getByLabel('Mã xác nhận').fill(/(\d{6})/.exec(otp.subject)![1]!);
  await page.getByLabel('Mã xác nhận').press('Enter');
  await expect(page).toHaveURL(/\/me$/);

  // 2. Search without diacritics, open the procedure, apply online.
  await page.goto('/');
  await page.getByLabel('Tìm thủ tục').fill('dang ky khai sinh');
  await page
    .getByTestId('procedure-result-link')
    .filter({ hasText: /^Đăng ký khai sinh$/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đăng ký khai sinh');
  await page.getByRole('button', { name: 'Nộp hồ sơ trực tuyến' }).click();
  await expect(page).toHaveURL(/\/applications\/[0-9a-f-]+$/);

  // 3. The e-form, one group per page. Continuing with a blank required field is refused.
  await expect(page.getByText('Bước 1/8')).toBeVisible();
  await expect(page.getByLabel('Họ và tên')).toHaveValue('Lê Thị Hồng Nhung');
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await expect(page.getByLabel('Số định danh cá nhân (CCCD)')).toBeFocused();
  await expect(page.getByText('Không được để trống').first()).toBeVisible();
  await page.getByLabel('Số định danh cá nhân (CCCD)').fill('089123456789');
  await page.getByLabel('Tỉnh, thành phố').selectOption('AG');
  await page.getByLabel('Xã, phường, đặc khu').selectOption('Phường Long Xuyên');
  await page.getByLabel('Số nhà, đường, thôn/ấp').fill('12 Trần Hưng Đạo');
  await page.getByLabel('Quan hệ với người được khai sinh').selectOption('mother');
  await page.getByRole('button', { name: 'Tiếp tục' }).click();

  await expect(page.getByText('Bước 2/8')).toBeVisible();
  await page.getByLabel('Họ, chữ đệm, tên').fill('Nguyễn Lê Minh Khang');
  await page.getByRole('textbox', { name: 'Ngày, tháng, năm sinh', exact: true }).fill('2026-11-02');
  await page.getByLabel('Giới tính').selectOption('M');
  await page.getByLabel('Dân tộc').fill('Kinh');
  await page.getByLabel('Quốc tịch').fill('Việt Nam');
  await page.getByLabel('Tỉnh, thành phố').selectOption('AG');
  await page.getByLabel('Xã, phường, đặc khu').selectOption('Phường Long Xuyên');
  await page.getByLabel('Số nhà, đường, thôn/ấp').fill('Bệnh viện Đa khoa tỉnh');
  await page.getByLabel('Quê quán').fill('An Giang');
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  for (const step of [3, 4, 5]) {
    await expect(page.getByText(`Bước ${step}/8`)).toBeVisible();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
  }

  // 4. Attachments: a scan per required document; an oversized file gets a clear message.
  await expect(page.getByText('Bước 6/8')).toBeVisible();
  const inputs = page.locator('input[type="file"]');
  await inputs.nth(0).setInputFiles({ name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(page.getByText('to-khai.pdf').first()).toBeVisible();
  await inputs.nth(1).setInputFiles({
    name: 'giay-chung-sinh-qua-lon.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.concat([PDF, Buffer.alloc(11 * 1024 * 1024, 0x20)]),
  });
  await expect(page.getByRole('alert').filter({ hasText: /vượt quá dung lượng/ })).toBeVisible();
  await inputs
    .nth(1)
    .setInputFiles({ name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(page.getByText('giay-chung-sinh.pdf').first()).toBeVisible();
  await inputs.nth(5).setInputFiles({ name: 'cccd.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(page.getByText('cccd.pdf').first()).toBeVisible();
  await page.getByRole('button', { name: 'Tiếp tục' }).click();

  // 5. Office, delivery and the fee (a copy of the birth certificate: 8.000 đồng).
  await expect(page.getByText('Bước 7/8')).toBeVisible();
  await page.getByLabel('Nơi nộp hồ sơ').selectOption('AG.LONGXUYEN');
  await page.getByLabel('Nhận bản điện tử trên Cổng (tải về)').check();
  await page.getByLabel(/Phí cấp bản sao Giấy khai sinh/).check();
  await page.getByRole('button', { name: 'Tiếp tục' }).click();

  // 6. Check your answers, submit: the code, and the fee to pay.
  await expect(page.getByText('Bước 8/8')).toBeVisible();
  await expect(page.getByTestId('fee-total')).toHaveText(/8\.000/);
  await expect(page.getByText('Nguyễn Lê Minh Khang')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
  const code = (await page.getByTestId('dossier-code').textContent())!.trim();
  expect(code).toMatch(/^AG\.LONGXUYEN-\d{6}-\d{4}$/);
  await expect(page.getByTestId('application-status')).toHaveText('Chờ tiếp nhận');

  // 7. Pay in the sandbox gateway (a VNPay-style signed redirect and IPN); back with a receipt.
  await page.getByRole('button', { name: /Thanh toán trực tuyến/ }).click();
  await expect(page).toHaveURL(/\/sandbox\/vnpay\/pay\?/);
  await page.getByRole('button', { name: 'Thanh toán thành công' }).click();
  await expect(page).toHaveURL(/\/applications\/[0-9a-f-]+\?payment=/);
  await expect(page.getByTestId('paid')).toBeVisible();
  await expect(page.getByTestId('dossier-code')).toHaveText(code);

  // 8. The office accepts, forwards, and asks for a clearer birth certificate.
  const reception = await staff(request, 'tiepnhan.longxuyen');
  const inbox = await (await request.get('/api/v1/applications', { headers: reception.headers })).json();
  const pending = inbox.items.find((i: { code: string }) => i.code === code);
  expect(pending.paid).toBe(true);
  const accepted = await request.post(`/api/v1/applications/${pending.id}/accept`, {
    headers: reception.headers,
  });
  expect(accepted.status()).toBe(200);
  await reception.act(code, { action: 'forward', toStep: 'xu_ly' });
  const officer = await staff(request, 'chuyenvien.longxuyen');
  await officer.act(code, {
    action: 'request_supplement',
    reason: 'Ảnh chụp giấy chứng sinh bị mờ',
    items: [{ document: 'Giấy chứng sinh (bản chụp rõ nét)' }],
  });
  const notice = await latestMessage(request, phone, /cần bổ sung/);
  expect(notice.subject).toContain(code);

  // 9. The citizen hands it in.
  await page.reload();
  await expect(page.getByText('Cần bổ sung, hoàn thiện hồ sơ')).toBeVisible();
  await expect(page.getByText('Giấy chứng sinh (bản chụp rõ nét)')).toBeVisible();
  await page
    .locator('input[type="file"]')
    .first()
    .setInputFiles({ name: 'giay-chung-sinh-ro.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(page.getByText('giay-chung-sinh-ro.pdf').first()).toBeVisible();
  await page.getByRole('button', { name: 'Gửi bổ sung' }).click();
  await expect(page.getByText(/Đã gửi bổ sung/)).toBeVisible();

  // 10. The office resumes, approves and attaches the signed extract; the citizen downloads it.
  await officer.act(code, { action: 'receive_supplement' });
  await officer.act(code, { action: 'forward', toStep: 'phe_duyet' });
  const leader = await staff(request, 'lanhdao.longxuyen');
  await leader.act(code, { action: 'approve' });
  const result = await request.post('/api/v1/files', {
    headers: reception.headers,
    multipart: {
      purpose: 'result',
      dossierCode: code,
      file: { name: 'trich-luc-khai-sinh.pdf', mimeType: 'application/pdf', buffer: PDF },
    },
  });
  expect(result.status(), await result.text()).toBe(201);
  await reception.act(code, {
    action: 'attach_result',
    title: 'Trích lục khai sinh',
    fileId: (await result.json()).id,
  });
  await latestMessage(request, phone, /đã có kết quả/);
  await page.reload();
  await expect(page.getByText('Kết quả giải quyết')).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: /Tải về trich-luc-khai-sinh\.pdf/ }).click();
  expect((await download).suggestedFilename()).toBe('trich-luc-khai-sinh.pdf');

  // 11. Returned online; the citizen rates it on the tracking page.
  await reception.act(code, { action: 'return', method: 'online' });
  await page.goto(`/track/${code}`);
  await page.getByTestId('track-verify').fill(phone);
  await page.getByRole('button', { name: 'Xem chi tiết' }).click();
  await expect(page.getByTestId('track-status')).toHaveText('Đã trả kết quả');
  const card = page.getByTestId('rating-card');
  await card
    .getByRole('group', { name: /Mức độ hài lòng chung/ })
    .getByRole('radio', { name: 'Rất hài lòng', exact: true })
    .check();
  await card.getByLabel(/Góp ý thêm/).fill('Nộp trực tuyến nhanh, không phải đi lại.');
  await card.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await expect(page.getByTestId('rating-thanks')).toContainText('Cảm ơn Ông/Bà đã đánh giá');

  // 12. Feedback, answered by the unit and published with the citizen's consent.
  const text = `Đề nghị niêm yết thêm hướng dẫn nộp trực tuyến (${phone})`;
  await page.goto('/feedback');
  await page.getByLabel('Cơ quan, đơn vị nhận phản ánh').selectOption('AG.LONGXUYEN');
  await page.getByLabel('Loại phản ánh').selectOption('procedure');
  await page.getByTestId('feedback-text').fill(text);
  await page.getByLabel('Họ và tên').fill('Lê Thị Hồng Nhung');
  await page.getByLabel('Số điện thoại').fill(phone);
  await page.getByLabel('Đồng ý công khai nội dung và câu trả lời (không kèm thông tin liên hệ)').check();
  await page.getByTestId('feedback-submit').click();
  await expect(page.getByTestId('feedback-sent')).toBeVisible();
  const items = await (await request.get('/api/v1/feedback', { headers: reception.headers })).json();
  const mine = items.items.find((i: { text: string }) => i.text === text);
  const answered = await request.post(`/api/v1/feedback/${mine.id}/answer`, {
    headers: reception.headers,
    data: { answer: 'Bộ phận một cửa đã niêm yết hướng dẫn tại quầy và trên Cổng. Cảm ơn bà.' },
  });
  expect(answered.status(), await answered.text()).toBe(200);
  await page.reload();
  await expect(page.getByTestId('feedback-published-item').filter({ hasText: text })).toContainText(
    'đã niêm yết hướng dẫn',
  );
});
