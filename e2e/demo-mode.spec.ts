import { expect, test } from '@playwright/test';

// Issue 14 §1: the demo is a mode, and every page says so.
const STRIP_VI = 'Bản trình diễn — dữ liệu mẫu, không dùng cho hồ sơ thật';
const STRIP_EN = 'Demo — sample data, not for real applications';

test('every page of the demo carries the strip, in Vietnamese and English', async ({ page, request }) => {
  expect((await (await request.get('/healthz')).json()).mode).toBe('demo');
  for (const path of ['/', '/procedures/1.001193', '/login', '/office']) {
    await page.goto(path);
    const strip = page.getByRole('note', { name: 'Bản trình diễn / Demo' });
    await expect(strip, path).toBeVisible();
    await expect(strip).toContainText(STRIP_VI);
    await expect(strip).toContainText(STRIP_EN);
    // Not hidden under the app's fixed header or anything else: the strip is what is on top there.
    const box = (await strip.boundingBox())!;
    const onTop = await page.evaluate(
      ([x, y]) => document.elementFromPoint(x!, y!)?.closest('#motcua-demo-strip') !== null,
      [box.x + box.width / 2, box.y + box.height / 2],
    );
    expect(onTop, path).toBe(true);
  }
  await page.goto('/');
  await page.screenshot({ path: test.info().outputPath('demo-strip.png') });

  // An office screen, signed in: the strip is still there and readable beside the menu.
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').fill('lanhdao.longxuyen');
  await page.getByLabel('Mật khẩu').fill('motcua2026');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).toHaveURL(/\/office/);
  await expect(page.getByRole('note', { name: 'Bản trình diễn / Demo' })).toBeInViewport();
  await page.screenshot({ path: test.info().outputPath('demo-strip-office.png') });
});
