/**
 * A month of work done by the demo officers of Long Xuyên (for `npm start`): dossiers received at
 * the counter, online and by post, taken through processing and approval, results returned at the
 * counter, by post or online, some fees paid and some ratings given, each at its own time in the last
 * 30 days. It goes through the same use cases as the screens (with the clock set to each moment), so
 * the reports by officer, the satisfaction by officer and the control sheets have something real to
 * show beside the imported history, which is credited to nobody.
 */
import { eq, inArray } from 'drizzle-orm';
import { procedures, userRoles, users } from '../../db/schema.ts';
import type { ProcedureContent } from '../../domain/catalog/procedure.ts';
import type { Role } from '../../domain/access.ts';
import { seededRandom } from '../../db/seed/history-generator.ts';
import type { Actor, RequestMeta, ServiceContext } from '../platform/index.ts';
import { actOnDossier, findVisibleDossier, receiveDossier, rateDossier } from '../dossiers/index.ts';
import { recordCounterPayment } from '../payments/index.ts';
import { loadConfig } from '../../config.ts';
import { procedureVersionContent } from '../catalog/index.ts';

const META: RequestMeta = { ip: 'seed', requestId: null };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Who does what at Long Xuyên in the demo. */
const STAFF = {
  reception: 'tiepnhan.longxuyen',
  officer: 'chuyenvien.longxuyen',
  leader: 'lanhdao.longxuyen',
} as const;

async function actorOf(ctx: ServiceContext, username: string): Promise<Actor> {
  const db = ctx.database.db;
  const [user] = await db.select().from(users).where(eq(users.username, username));
  const roles = await db.select().from(userRoles).where(eq(userRoles.userId, user!.id));
  return {
    id: user!.id,
    username,
    fullName: user!.fullName,
    kind: 'staff',
    grants: roles.map((r) => ({
      role: r.role as Role,
      unitId: r.unitId,
      includeDescendants: r.includeDescendants,
    })),
  };
}

/** 08:00–16:00 Vietnam time on the working day `daysAgo` days before `now` (weekends move to Friday). */
function officeTime(now: Date, daysAgo: number, rand: () => number): Date {
  const local = new Date(now.getTime() + 7 * HOUR - daysAgo * DAY);
  const weekday = local.getUTCDay();
  const back = weekday === 0 ? 2 : weekday === 6 ? 1 : 0;
  const day = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - back * DAY;
  return new Date(day - 7 * HOUR + (8 + rand() * 8) * HOUR);
}

/** `count` dossiers of the last 30 days at Long Xuyên, each as far along as its age allows. Returns how many. */
export async function seedDemoWork(ctx: ServiceContext, count = 40): Promise<number> {
  const now = ctx.clock();
  const rand = seededRandom(30);
  const staff = {
    reception: await actorOf(ctx, STAFF.reception),
    officer: await actorOf(ctx, STAFF.officer),
    leader: await actorOf(ctx, STAFF.leader),
  };
  const db = ctx.database.db;
  const procedureCodes = ['1.001193', '1.000894', '1.003583', '1.004873'];
  const contents = new Map<string, ProcedureContent>();
  for (const p of await db.select().from(procedures).where(inArray(procedures.code, procedureCodes)))
    contents.set(p.code, await procedureVersionContent(db, p.id, p.currentVersion));
  const config = loadConfig({});
  let done = 0;
  for (let i = 0; i < count; i++) {
    const code = procedureCodes[i % procedureCodes.length]!;
    const content = contents.get(code);
    if (!content) continue;
    // Spread over the last 30 days, older first; each step a few working hours to days later.
    let t = new Date(
      Math.min(
        officeTime(now, Math.max(0, 30 - Math.floor((i * 31) / count)), rand).getTime(),
        now.getTime() - 2 * HOUR,
      ),
    );
    const at = (c: ServiceContext) => ({ ...c, clock: () => t });
    const later = (hours: number) => {
      t = new Date(Math.min(t.getTime() + hours * HOUR, now.getTime() - HOUR));
    };
    const phone = `09120${String(60000 + i).padStart(5, '0')}`;
    const channel = (['counter', 'counter', 'online', 'postal'] as const)[i % 4]!;
    const resultDelivery = (['counter', 'postal', 'online'] as const)[i % 3]!;
    const hasFee = content.fees.some((f) => (f.amount ?? 0) > 0);
    const received = await receiveDossier(
      at(ctx),
      staff.reception,
      META,
      {
        procedureCode: code,
        unitCode: 'AG.LONGXUYEN',
        channel,
        applicant: {
          fullName: `Người dân thử ${i + 1}`,
          idNumber: `0893010${String(60000 + i).padStart(5, '0')}`,
          phone,
          address: `${i + 1} Trần Hưng Đạo, Long Xuyên`,
        },
        formData: {},
        // Every required component handed in; half of the counter dossiers scanned at reception.
        documents: content.documents.flatMap((d, index) =>
          d.required
            ? [
                {
                  index,
                  form: 'original' as const,
                  copies: 1,
                  ...(i % 2 ? { fileId: `demo-scan-${i}-${index}` } : {}),
                },
              ]
            : [],
        ),
        resultDelivery,
        ...(resultDelivery === 'postal' ? { deliveryAddress: `${i + 1} Trần Hưng Đạo, Long Xuyên` } : {}),
        feeIndexes: hasFee ? [0] : [],
        sets: 1,
      },
      null,
    );
    const dossierCode = received.dossier.code;
    done++;
    if (hasFee && i % 3 !== 2) {
      later(0.2);
      await recordCounterPayment(at(ctx), config, staff.reception, META, dossierCode, {
        method: i % 2 ? 'vietqr' : 'cash',
      });
    }
    const act = async (who: Actor, body: Record<string, unknown>) => {
      const row = await findVisibleDossier(db, who, dossierCode);
      const { action, ...payload } = body;
      await actOnDossier(at(ctx), who, META, dossierCode, {
        expectedVersion: row.version,
        action: String(action),
        payload,
      });
    };
    // The youngest dossiers are still waiting at some step.
    const age = (now.getTime() - t.getTime()) / DAY;
    later(0.5 + rand() * 3);
    await act(staff.reception, { action: 'forward', toStep: 'xu_ly', assigneeId: staff.officer.id });
    if (age < 2) continue;
    // Most steps in time, one in five slow.
    later(rand() < 0.2 ? 30 + rand() * 60 : 2 + rand() * 20);
    await act(staff.officer, { action: 'forward', toStep: 'phe_duyet' });
    if (age < 4) continue;
    later(1 + rand() * 10);
    await act(staff.leader, { action: 'approve' });
    later(0.5 + rand() * 4);
    await act(staff.reception, {
      action: 'attach_result',
      title: content.name,
      ...(i % 4 !== 3 ? { fileId: `demo-result-${i}` } : {}),
    });
    if (age < 6) continue;
    later(4 + rand() * 20);
    await act(staff.reception, {
      action: 'return',
      method: resultDelivery,
      ...(resultDelivery === 'postal' ? { trackingNumber: `EB${String(100000000 + i)}VN` } : {}),
    });
    if (i % 3 === 0) continue;
    later(2 + rand() * 24);
    const level = (['very_satisfied', 'satisfied', 'satisfied', 'neutral', 'not_satisfied'] as const)[
      Math.floor(rand() * 5)
    ]!;
    await rateDossier(at(ctx), dossierCode, { phone, level, criteria: {} });
  }
  return done;
}
