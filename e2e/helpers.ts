import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, expect, type Page } from '@playwright/test';

/** axe's serious and critical findings (WCAG 2.1 A and AA) on the page as it is now, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Nothing wider than the viewport: a phone never scrolls sideways. */
export async function expectNoSideways(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

/** A staff member's bearer token (demo password). */
export async function tokenOf(request: APIRequestContext, username: string): Promise<string> {
  const login = await request.post('/api/v1/auth/login', { data: { username, password: 'motcua2026' } });
  expect(login.status(), await login.text()).toBe(200);
  return (await login.json()).token;
}

/** Receives a dossier at the Long Xuyên counter through the API, with every required document; its code. */
export async function receiveAtCounter(
  request: APIRequestContext,
  applicant: { procedureCode: string; fullName: string; idNumber: string; phone: string },
): Promise<string> {
  const token = await tokenOf(request, 'tiepnhan.longxuyen');
  const { procedureCode, ...person } = applicant;
  const procedure = await (await request.get(`/api/v1/public/procedures/${procedureCode}`)).json();
  const documents = (procedure.documents as { required: boolean }[]).flatMap((d, index) =>
    d.required ? [{ index }] : [],
  );
  const res = await request.post('/api/v1/dossiers', {
    headers: { authorization: `Bearer ${token}` },
    data: {
      procedureCode,
      unitCode: 'AG.LONGXUYEN',
      channel: 'counter',
      applicant: { ...person, address: '1 Trần Hưng Đạo' },
      documents,
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).code;
}

/** Logs a staff member in through the login page (demo password) and waits for the staff area. */
export async function loginAs(page: Page, username: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill('motcua2026');
  await page.getByRole('button', { name: 'Đăng nhập' }).last().click();
  await expect(page).toHaveURL(/\/office/);
}
