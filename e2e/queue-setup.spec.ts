import { expect, test } from '@playwright/test';
import { loginAs, seriousViolations } from './helpers';

test('a unit administrator adds a queue service and a counter; the kiosk offers it', async ({ page }) => {
  await loginAs(page, 'quantri.longxuyen');
  await page.getByRole('link', { name: 'Cấu hình quầy, dịch vụ xếp hàng' }).first().click();
  await expect(
    page.getByRole('heading', { name: 'Cấu hình quầy, dịch vụ xếp hàng', level: 1 }),
  ).toBeVisible();
  const services = page.getByTestId('setup-services');
  await expect(services.locator('tbody tr').first()).toBeVisible();
  const before = await services.locator('tbody tr').count();
  expect(await seriousViolations(page)).toEqual([]);

  // A new service whose prefix clashes with the first one's is refused on that field.
  const firstPrefix = await services.getByLabel('Tiền tố số 1').inputValue();
  await page.getByRole('button', { name: 'Thêm dịch vụ' }).click();
  const n = before + 1;
  // Unique per run: the desktop and phone runs share one server.
  const prefixes = await Promise.all(
    Array.from({ length: before }, (_, i) => services.getByLabel(`Tiền tố số ${i + 1}`).inputValue()),
  );
  const prefix = ['7', '8', '9', 'X', 'Y', 'Z'].find((p) => !prefixes.includes(p))!;
  const name = `Chứng thực ${prefix}`;
  await services.getByLabel(`Mã dịch vụ ${n}`).fill(`CHUNG_THUC_${prefix}`);
  await services.getByLabel(`Tiền tố số ${n}`).fill(firstPrefix);
  await services.getByLabel(`Tên ${n}`).fill(name);
  await page.getByTestId('setup-save').click();
  await expect(services.getByText('Tiền tố trùng: hai dịch vụ sẽ cùng số')).toBeVisible();

  // With its own prefix, and a counter that serves it, it saves.
  await services.getByLabel(`Tiền tố số ${n}`).fill(prefix);
  await page.getByRole('button', { name: 'Thêm quầy' }).click();
  const counters = page.getByTestId('setup-counters');
  const last = counters.locator('tbody tr').last();
  await last.getByRole('checkbox', { name: `${prefix} — ${name}` }).check();
  await page.getByTestId('setup-save').click();
  await expect(page.getByText('Đã lưu cấu hình quầy')).toBeVisible();

  await page.goto('/kiosk/AG.LONGXUYEN');
  await expect(page.getByRole('button', { name: new RegExp(name) })).toBeVisible();
});
