import { expect, test } from '@playwright/test';
import { expectNoSideways, loginAs, seriousViolations } from './helpers';

// Issue 7 §6 on screen: Long Xuyên's leader schedules a no-appointment day every Tuesday for the
// next month with a note, cancels one, sets up a community digital technology team and adds the
// demo assistant; the unit's public page shows the coming days with the note to anybody. Also on a
// 360 px phone (the phone project).

/** Today's date in Vietnam, YYYY-MM-DD. */
function todayInVietnam(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Ho_Chi_Minh',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

/** "2026-12-08" → "08/12/2026", as the pages show a date in Vietnamese. */
const shown = (date: string) => date.split('-').reverse().join('/');

test('service days and a digital team, shown on the unit’s public page', async ({ page, isMobile }) => {
  const today = todayInVietnam();
  const from = addDays(today, 1);
  const to = addDays(today, 35);
  const tuesdays: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1))
    if (new Date(`${d}T00:00:00Z`).getUTCDay() === 2) tuesdays.push(d);
  const suffix = String(Date.now() % 100_000);
  const note = `Giải quyết ngay các thủ tục trong ngày (${suffix})`;

  await loginAs(page, 'lanhdao.longxuyen');
  await page.goto('/office/community');
  await expect(page.getByRole('heading', { level: 1, name: 'Ngày phục vụ, tổ công nghệ số' })).toBeVisible();
  await expect(page.getByLabel('Đơn vị')).toHaveValue('AG.LONGXUYEN');

  // No date chosen: the server's field error shows under the date input.
  await page.getByRole('radio', { name: 'Chọn từng ngày' }).check();
  await page.getByRole('button', { name: 'Lưu lịch' }).click();
  await expect(page.getByText('Cần chọn ngày, hoặc thứ trong tuần và khoảng ngày').first()).toBeVisible();
  await expect(page.getByLabel('Ngày', { exact: true })).toHaveAttribute('aria-invalid', 'true');

  // Every Tuesday from tomorrow for five weeks.
  await page.getByRole('radio', { name: 'Ngày không hẹn' }).check();
  await page.getByRole('radio', { name: 'Lặp lại hằng tuần' }).check();
  await page.getByRole('checkbox', { name: 'Thứ Ba' }).check();
  await page.getByLabel('Từ ngày').fill(from);
  await page.getByLabel('Đến ngày').fill(to);
  await page.getByLabel('Ghi chú cho người dân').fill(note);
  await page.getByRole('button', { name: 'Lưu lịch' }).click();
  const added = page.getByTestId('service-days-added');
  await expect(added).toBeVisible();
  for (const d of tuesdays) await expect(added).toContainText(`Thứ Ba, ${shown(d)}`);

  const rows = page.getByTestId('service-days-table').locator('tbody tr', { hasText: note });
  await expect(rows).toHaveCount(tuesdays.length);
  await expect(rows.first()).toContainText(`Thứ Ba, ${shown(tuesdays[0]!)}`);
  await expect(rows.first()).toContainText('Ngày không hẹn');
  expect(await seriousViolations(page)).toEqual([]);
  if (isMobile) await expectNoSideways(page);

  // Cancel the first Tuesday, after confirming.
  await rows
    .first()
    .getByRole('button', { name: `Hủy ngày không hẹn Thứ Ba, ${shown(tuesdays[0]!)}` })
    .click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(shown(tuesdays[0]!));
  await dialog.getByRole('button', { name: 'Hủy ngày này' }).click();
  await expect(dialog).toBeHidden();
  await expect(rows).toHaveCount(tuesdays.length - 1);
  await expect(rows.first()).toContainText(shown(tuesdays[1]!));

  // A team for a village, and the demo assistant in it.
  await page.getByRole('tab', { name: 'Tổ công nghệ số cộng đồng' }).click();
  const teamName = `Tổ công nghệ số cộng đồng khóm Mỹ Thới ${suffix}`;
  await page.getByLabel('Tên tổ').fill(teamName);
  await page.getByLabel('Thôn, ấp, khóm, tổ dân phố').fill('Khóm Mỹ Thới');
  await page.getByRole('button', { name: 'Thêm tổ' }).click();
  const team = page.getByTestId('team').filter({ hasText: teamName });
  await expect(team).toContainText('Địa bàn: Khóm Mỹ Thới');
  await expect(team).toContainText('Tổ chưa có thành viên.');
  // An account that does not exist: the field says where to create it.
  await team.getByLabel('Tên đăng nhập').fill('khong.co.ai');
  await team.getByRole('button', { name: 'Thêm thành viên' }).click();
  await expect(
    team.getByText('Tạo tài khoản (vai trò Tổ công nghệ số) ở trang Người dùng trước'),
  ).toBeVisible();
  await team.getByLabel('Tên đăng nhập').fill('hotro.longxuyen');
  await team.getByRole('button', { name: 'Thêm thành viên' }).click();
  await expect(team.getByTestId('team-members')).toContainText('hotro.longxuyen');
  await expect(team).toContainText('Thành viên (1)');
  await expect(team.getByLabel('Tên đăng nhập')).toHaveValue('');
  expect(await seriousViolations(page)).toEqual([]);
  if (isMobile) await expectNoSideways(page);

  // Logged out, the unit's public page shows the coming days, with the note.
  await page.context().clearCookies();
  await page.goto('/units/AG.LONGXUYEN');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Long Xuyên');
  await expect(page.getByTestId('unit-facts')).toContainText('Thủ tục tiếp nhận tại đơn vị');
  const upcoming = page.getByTestId('upcoming-service-days');
  await expect(upcoming).toContainText(note);
  await expect(upcoming).toContainText(`Thứ Ba, ${shown(tuesdays[1]!)}`);
  await expect(upcoming).not.toContainText(`Thứ Ba, ${shown(tuesdays[0]!)}`);
  await expect(upcoming).toContainText('Ngày không viết'); // the demo's Thursdays
  await expect(page.getByText('không phải hẹn ngày quay lại nhận kết quả')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  if (isMobile) await expectNoSideways(page);

  // The catalogue filtered by the unit, and back.
  await page.getByRole('link', { name: 'Xem danh mục thủ tục của đơn vị' }).click();
  await expect(page).toHaveURL(/[?&]unit=AG\.LONGXUYEN/);
  await expect(page.getByTestId('filter-unit')).toHaveValue('AG.LONGXUYEN');
  await page.getByTestId('unit-page-link').click();
  await expect(page).toHaveURL(/\/units\/AG\.LONGXUYEN$/);
});
