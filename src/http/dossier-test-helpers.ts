/** What the dossier HTTP tests share: a clock they move forward, a sample applicant, intake and actions as a user. */
import { bearer, type TestApp } from '../test/app.ts';

export const applicant = {
  fullName: 'Nguyễn Thị Hoa',
  idNumber: '089123456789',
  phone: '0912000111',
  address: '12 Lê Lợi, phường Long Xuyên',
};

/** The demo accounts the dossier tests sign in as: reception, processing, leaders, liên thông agencies. */
export const DOSSIER_TEST_USERS = [
  'tiepnhan.longxuyen',
  'chuyenvien.longxuyen',
  'lanhdao.longxuyen',
  'tiepnhan.chauphu',
  'chuyenvien.datdai',
  'chuyenvien.thue',
  'lanhdao.datdai',
  'admin',
] as const;

/** A clock that stays where the test puts it. */
export function movableClock(start: string) {
  let now = new Date(start);
  return {
    clock: () => now,
    at: (iso: string) => {
      now = new Date(iso);
    },
  };
}

/** Calls on the app of the running test (`app()` is read at call time), as users whose tokens are in `tokens`. */
export function dossierCalls(app: () => TestApp, tokens: Record<string, string>) {
  const auth = (user: string) => bearer(tokens[user]!);

  /** Indexes of every required document of a procedure. */
  async function requiredDocs(code: string) {
    const p = (await app().app.inject(`/api/v1/public/procedures/${code}`)).json();
    return (p.documents as { required: boolean }[]).flatMap((d, index) =>
      d.required ? [{ index, form: 'original' }] : [],
    );
  }

  async function receive(body: Record<string, unknown>, user = 'tiepnhan.longxuyen', key?: string) {
    return app().app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: { ...auth(user), ...(key ? { 'idempotency-key': key } : {}) },
      payload: body,
    });
  }

  async function act(code: string, user: string, body: Record<string, unknown>) {
    const current = (await app().app.inject({ url: `/api/v1/dossiers/${code}`, headers: auth(user) })).json();
    return app().app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${code}/actions`,
      headers: auth(user),
      payload: { expectedVersion: current.version, ...body },
    });
  }

  return { auth, requiredDocs, receive, act };
}
