import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { receiveAtCounter, loginAs } from './helpers';

// Back-office paths beyond the simple flow, in the browser: a supplement pauses the clock, a
// liên thông dossier crosses the land registration office and the tax office, and a leader
// apologises and re-dates (Mẫu 04). The dossiers are received through the API to keep it short;
// every action is taken on the dossier page.
test.skip(({ isMobile }) => isMobile, 'desktop only');

function receiveByApi(request: APIRequestContext, procedureCode: string, name: string): Promise<string> {
  return receiveAtCounter(request, {
    procedureCode,
    fullName: name,
    idNumber: '089301009999',
    phone: '0912000999',
  });
}

async function act(page: Page, type: string, options: { to?: string; fill?: () => Promise<unknown> } = {}) {
  const dossier = page.getByTestId('dossier-page');
  const before = Number(await dossier.getAttribute('data-version'));
  const selector = options.to
    ? `[data-testid="action-${type}"][data-to="${options.to}"]`
    : `[data-testid="action-${type}"]`;
  await page.locator(selector).first().click();
  await expect(page.getByTestId('action-form')).toBeVisible();
  await options.fill?.();
  await page.getByTestId('action-submit').click();
  await expect(page.getByTestId('action-form')).toBeHidden();
  await expect(dossier).toHaveAttribute('data-version', String(before + 1));
}

test('a supplement request pauses the clock and its receipt resumes it', async ({ page, request }) => {
  const code = await receiveByApi(request, '1.005461', 'Đỗ Thị Bổ Sung');
  await loginAs(page, 'tiepnhan.longxuyen');
  await page.goto(`/office/dossiers/${code}`);
  // This procedure has a fee for some cases; here it is exempt, so straight to the officer.
  await act(page, 'forward', { to: 'xu_ly' });
  await loginAs(page, 'chuyenvien.longxuyen');
  await page.goto(`/office/dossiers/${code}`);
  await act(page, 'request_supplement', {
    fill: async () => {
      await page.getByTestId('supplement-doc').first().check();
      await page.getByTestId('action-reason').fill('Bản sao giấy tờ chưa rõ');
    },
  });
  await expect(page.getByTestId('status-badge')).toHaveAttribute('data-status', 'paused');
  await expect(page.getByTestId('timeliness-badge')).toHaveAttribute('data-value', 'paused');
  // The request to supplement (Mẫu 02) is printable now.
  const form02 = await page.request.get(`/api/v1/dossiers/${code}/forms/02.pdf`);
  expect(form02.headers()['content-type']).toContain('application/pdf');
  await act(page, 'receive_supplement');
  await expect(page.getByTestId('status-badge')).toHaveAttribute('data-status', 'in_progress');
  await act(page, 'forward');
  await loginAs(page, 'lanhdao.longxuyen');
  await page.goto(`/office/dossiers/${code}`);
  await act(page, 'approve');
  await expect(page.getByTestId('timeliness-badge')).toHaveAttribute('data-kind', 'resolved');
  await expect(page.getByTestId('timeliness-badge')).toHaveAttribute('data-value', /early|on_time/);
});

test('a liên thông land dossier crosses the land registration office and the tax office', async ({
  page,
  request,
}) => {
  const code = await receiveByApi(request, '1.012783', 'Võ Văn Đất');
  await loginAs(page, 'tiepnhan.longxuyen');
  await page.goto(`/office/dossiers/${code}`);
  await act(page, 'transfer');
  await expect(page.getByTestId('allowed-actions').getByRole('button')).toHaveCount(0);
  await loginAs(page, 'chuyenvien.datdai');
  await page.goto(`/office/dossiers/${code}`);
  await act(page, 'transfer', { to: 'thue_xu_ly' });
  await loginAs(page, 'chuyenvien.thue');
  await page.goto(`/office/dossiers/${code}`);
  await act(page, 'transfer', { to: 'phe_duyet' });
  await loginAs(page, 'lanhdao.longxuyen');
  await page.goto(`/office/dossiers/${code}`);
  await act(page, 'approve');
  const units = await page.getByTestId('step-row').allTextContents();
  expect(units.join(' ')).toMatch(/đăng ký đất đai/i);
  expect(units.join(' ')).toMatch(/thuế/i);
});

test('a leader apologises and gives a new date; Mẫu 04 is printable', async ({ page, request }) => {
  const code = await receiveByApi(request, '1.005461', 'Phạm Thị Trễ');
  await loginAs(page, 'tiepnhan.longxuyen');
  await page.goto(`/office/dossiers/${code}`);
  await act(page, 'forward', { to: 'xu_ly' });
  await loginAs(page, 'lanhdao.longxuyen');
  await page.goto(`/office/dossiers/${code}`);
  const later = new Date(Date.now() + 30 * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10);
  await act(page, 'extend', {
    fill: async () => {
      await page.getByTestId('action-new-due').fill(`${later}T16:00`);
      await page.getByTestId('action-reason').fill('Cần xác minh thêm với cơ quan khác');
    },
  });
  await expect(page.getByTestId('extended-badge')).toBeVisible();
  const form04 = await page.request.get(`/api/v1/dossiers/${code}/forms/04.pdf`);
  expect(form04.status()).toBe(200);
  expect(form04.headers()['content-type']).toContain('application/pdf');
});
