import { expect, test } from '@playwright/test';
import { loginAs, seriousViolations, tokenOf } from './helpers';

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

test('a community digital team member submits for a citizen with consent; the dossier and the report show it', async ({
  page,
  request,
}) => {
  // The assistant lands on their page, picks the procedure and records the citizen's consent.
  await loginAs(page, 'hotro.longxuyen');
  await expect(page).toHaveURL(/\/office\/assist$/);
  await expect(page.getByRole('heading', { name: 'Nộp hồ sơ thay người dân', level: 1 })).toBeVisible();
  const procedure = page.getByRole('combobox', { name: 'Thủ tục cần nộp' });
  await procedure.fill('khai sinh');
  await page.getByRole('option', { name: /^Đăng ký khai sinh \(1\.001193\)/ }).click();
  // Other tests may have put her in a second team: this submission is for the demo team.
  if (await page.getByTestId('assist-team').isVisible())
    await page
      .getByTestId('assist-team')
      .selectOption({ label: 'Tổ công nghệ số cộng đồng khóm Đông Thịnh 1 (Khóm Đông Thịnh 1)' });
  await page.getByTestId('assist-fullName').fill('Huỳnh Thị Bảy');
  await page.getByTestId('assist-idNumber').fill('089301005555');
  await page.getByTestId('assist-phone').fill('0912005555');
  await page.getByLabel('Người dân ký giấy đồng ý cho nộp thay').check();
  await expect(page.getByTestId('assist-start')).toBeDisabled();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByTestId('assist-consent').check();
  await page.getByTestId('assist-start').click();

  // The application is the citizen's: the form starts with her details, the banner says so.
  await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('assisted-banner')).toContainText(
    'Nộp thay cho Huỳnh Thị Bảy (CCCD 089301005555)',
  );
  const id = page.url().split('/').pop()!;

  // The rest of the form as a citizen fills it (the citizen journey test covers the wizard itself).
  const token = await tokenOf(request, 'hotro.longxuyen');
  const headers = { authorization: `Bearer ${token}` };
  const fileIds: string[] = [];
  for (let i = 0; i < 3; i++) {
    const up = await request.post('/api/v1/files', {
      headers,
      multipart: {
        purpose: 'application',
        applicationId: id,
        file: { name: `giay-${i}.pdf`, mimeType: 'application/pdf', buffer: PDF },
      },
    });
    expect(up.status(), await up.text()).toBe(201);
    fileIds.push((await up.json()).id);
  }
  const draft = await (await request.get(`/api/v1/me/applications/${id}`, { headers })).json();
  const saved = await request.put(`/api/v1/me/applications/${id}`, {
    headers,
    data: {
      revision: draft.revision,
      answers: {
        applicant: {
          ...draft.answers.applicant,
          address: { province: 'AG', commune: 'Phường Long Xuyên', street: 'Khóm Đông Thịnh 1' },
          relationship: 'mother',
        },
        child: {
          fullName: 'Trần Huỳnh Gia Hân',
          birthDate: '2026-11-28',
          sex: 'F',
          ethnicity: 'Kinh',
          nationality: 'Việt Nam',
          birthPlace: { province: 'AG', commune: 'Phường Long Xuyên', street: 'Bệnh viện Đa khoa tỉnh' },
          hometown: 'An Giang',
        },
      },
      unitCode: 'AG.LONGXUYEN',
      resultDelivery: 'counter',
      feeIndexes: [0],
      documents: [
        { index: 0, fileIds: [fileIds[0]] },
        { index: 1, fileIds: [fileIds[1]] },
        { index: 5, fileIds: [fileIds[2]] },
      ],
    },
  });
  expect(saved.status(), await saved.text()).toBe(200);
  const submitted = await request.post(`/api/v1/me/applications/${id}/submit`, {
    headers,
    data: { revision: (await saved.json()).revision },
  });
  expect(submitted.status(), await submitted.text()).toBe(200);
  const code = (await submitted.json()).code as string;

  // Her list shows the citizen it was for (a fresh load: the form was sent through the API).
  await page.goto('/office/assist');
  await expect(page.getByTestId('assist-mine')).toContainText('Huỳnh Thị Bảy');

  // The receptionist's inbox marks it as submitted by the digital team.
  await page.context().clearCookies();
  await loginAs(page, 'tiepnhan.longxuyen');
  await page.goto('/office/applications');
  await expect(page.locator('tr', { hasText: code }).getByTestId('inbox-assisted')).toHaveText(
    'Tổ CNS nộp thay',
  );

  // The receptionist accepts it; the dossier shows who assisted and how the citizen agreed.
  const reception = await tokenOf(request, 'tiepnhan.longxuyen');
  const accepted = await request.post(`/api/v1/applications/${id}/accept`, {
    headers: { authorization: `Bearer ${reception}` },
  });
  expect(accepted.status(), await accepted.text()).toBe(200);
  await page.context().clearCookies();
  await loginAs(page, 'chuyenvien.longxuyen');
  await page.goto(`/office/dossiers/${encodeURIComponent(code)}`);
  const facts = page.getByTestId('assisted-facts');
  await expect(facts).toContainText(
    'Đoàn Thanh Niên — Tổ công nghệ số cộng đồng khóm Đông Thịnh 1 (Khóm Đông Thịnh 1)',
  );
  await expect(facts).toContainText('Người dân Huỳnh Thị Bảy đồng ý: Người dân ký giấy đồng ý cho nộp thay');

  // The leader's report counts it for the team.
  await page.context().clearCookies();
  await loginAs(page, 'lanhdao.longxuyen');
  await page.goto('/office/reports?view=assisted');
  const row = page.getByTestId('table-report').locator('tbody tr', { hasText: 'khóm Đông Thịnh 1' });
  await expect(row).toBeVisible();
  await expect(row).toContainText('1');
  expect(await seriousViolations(page)).toEqual([]);
});
