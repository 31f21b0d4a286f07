import { expect, test } from '@playwright/test';
import { seriousViolations } from './helpers';

test('from a unit’s public page a citizen asks the post to collect a dossier, or an officer to come home, and follows both', async ({
  page,
}) => {
  await page.goto('/units/AG.LONGXUYEN');
  const section = page.getByRole('region', { name: 'Yêu cầu nhận, trả hồ sơ tại nhà' });
  await expect(section).toBeVisible();

  // The post collects the paper dossier: a tracking number to follow.
  await section.getByLabel('Họ và tên').fill('Lý Thị Mười');
  await section.getByLabel('Số điện thoại').first().fill('0912001010');
  await section.getByLabel('Địa chỉ').fill('25 Lý Thái Tổ, phường Long Xuyên');
  await section.getByLabel('Ghi chú (thủ tục, thời gian thuận tiện…)').fill('Đăng ký kết hôn, sau 17 giờ');
  await section.getByTestId('unit-request-send').click();
  const done = section.getByTestId('unit-request-done');
  await expect(done).toContainText(/Số theo dõi: [A-Z]{2}\d{9}VN/);
  const tracking = (await done.textContent())!.match(/[A-Z]{2}\d{9}VN/)![0];
  await section.getByTestId('unit-follow-code').fill(tracking);
  await section.getByTestId('unit-follow-send').click();
  await expect(section.getByTestId('unit-follow-result')).toContainText(`${tracking}: Đã đặt`);
  expect(await seriousViolations(page)).toEqual([]);

  // An officer comes home for someone who cannot travel: a TN- code, waiting for an appointment.
  await section.getByText('Cán bộ đến nhà').click();
  await section.getByLabel('Lý do').selectOption('disabled');
  await section.getByLabel('Họ và tên').fill('Trần Văn Mười Một');
  await section.getByLabel('Số điện thoại').first().fill('0912001011');
  await section.getByLabel('Địa chỉ').fill('8 Hùng Vương, phường Long Xuyên');
  await section.getByTestId('unit-request-send').click();
  await expect(done).toContainText(/Số theo dõi: TN-\d{8}-\d{3}/);
  const code = (await done.textContent())!.match(/TN-\d{8}-\d{3}/)![0];
  await section.getByTestId('unit-follow-code').fill(code);
  await section.getByTestId('unit-follow-send').click();
  await expect(section.getByTestId('unit-follow-result')).toContainText(`${code}: Chờ hẹn lịch`);
  // A wrong phone finds nothing (the same answer as an unknown code).
  await section.getByLabel('Số điện thoại').last().fill('0912000000');
  await section.getByTestId('unit-follow-send').click();
  await expect(section.getByRole('alert')).toBeVisible();
});
