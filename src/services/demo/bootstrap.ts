/**
 * First start: migrate, make sure the administrator exists, and seed the demo jurisdiction
 * (MOTCUA_SEED=demo) or just an empty root unit (MOTCUA_SEED=none).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { verify as argonVerify } from '@node-rs/argon2';
import { count, eq, inArray, isNull } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { type Config, DEFAULT_JURISDICTION, DEMO_PASSWORD } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { fields, procedureUnits, procedures, userRoles, users, units } from '../../db/schema.ts';
import { randomHistories } from '../../db/seed/history-generator.ts';
import { DEMO_CITIZEN, DEMO_ROOT_CODE, DEMO_STAFF, DEMO_UNITS } from '../../db/seed/demo-units.ts';
import { SEEDED_HOLIDAY_YEARS, vietnamPublicHolidays } from '../../domain/calendar/index.ts';
import type { ProcedureCreateInput } from '../../domain/catalog/procedure.ts';
import { hashPassword } from '../identity/index.ts';
import { seedCalendarDays } from '../calendar/index.ts';
import { activateDueVersions, createProcedure } from '../catalog/index.ts';
import { type Actor, NO_META, type ServiceContext } from '../platform/index.ts';
import { importDossiers } from '../dossiers/index.ts';
import { seedDemoWork } from './demo-work.ts';
import { ensureDemoCommunity } from './demo-community.ts';
import { ensureDemoQueues } from '../queue/index.ts';
import { ensureSeedProcesses } from '../catalog/index.ts';
import { findUnitByCode, insertUnit } from '../access/index.ts';
import { activityMissing, rebuildReportRollups, rollupsMissing } from '../rollups/index.ts';

const SEED_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../db/seed/data');

export interface SeedReport {
  units: number;
  users: number;
  fields: number;
  procedures: number;
  holidays: number;
}

export async function prepareDatabase(
  ctx: ServiceContext,
  config: Pick<Config, 'seed' | 'adminPassword'> & Partial<Pick<Config, 'demoHistory' | 'jurisdiction'>>,
  options: { rebuildMissing?: boolean } = {},
): Promise<SeedReport | null> {
  await migrate(ctx.database);
  const [{ n }] = (await ctx.database.db.select({ n: count() }).from(units)) as [{ n: number }];
  let report: SeedReport | null = null;
  if (Number(n) === 0) {
    if (config.seed === 'demo') {
      report = await seedDemo(ctx);
      if (config.demoHistory) await seedDemoHistory(ctx, config.demoHistory);
    } else {
      if (!config.adminPassword)
        throw new Error(
          'MOTCUA_SEED=none needs MOTCUA_ADMIN_PASSWORD: the administrator must not get the demo password',
        );
      report = await seedMinimal(ctx, config.jurisdiction ?? DEFAULT_JURISDICTION);
    }
  }
  await ensureAdmin(ctx.database.db, config.adminPassword);
  await ensureSeedProcesses(ctx.database.db);
  if (config.seed === 'demo') {
    await ensureDemoQueues(ctx.database.db);
    await ensureDemoCommunity(ctx);
  }
  await activateDueVersions(ctx);
  // After the administrator exists: the history is imported in its name.
  if (report && config.seed === 'demo' && config.demoHistory) {
    await seedDemoHistory(ctx, config.demoHistory);
    // And a month of live work by the demo officers, for the reports by officer.
    await seedDemoWork(ctx);
  }
  // A database from before the report roll-ups (or the activity roll-ups): compute what is missing
  // once from the events, payments and ratings.
  // (A benchmark may skip it: at national scale the fold takes hours; `npx motcua reports rebuild`.)
  if (options.rebuildMissing === false) return report;
  const marks = await rollupsMissing(ctx.database.db);
  const activity = await activityMissing(ctx.database.db);
  if (marks || activity) await rebuildReportRollups(ctx.database.db, undefined, { marks, activity });
  return report;
}

/**
 * Made-up history for the demo (reports, dashboard and public figures have something to show):
 * `count` dossiers received over the last two years at the demo communes, through the importer,
 * so they are events like any other. Codes start with LS ("lịch sử").
 */
export async function seedDemoHistory(ctx: ServiceContext, count: number): Promise<number> {
  const db = ctx.database.db;
  const [root] = await db.select().from(units).where(isNull(units.parentId)).limit(1);
  const [admin] = await db.select().from(users).where(eq(users.username, 'admin')).limit(1);
  if (!root || !admin) return 0;
  const communes = DEMO_UNITS.filter((u) => u.level === 'commune').map((u) => u.code);
  const handled = await db
    .selectDistinct({ code: procedures.code })
    .from(procedureUnits)
    .innerJoin(procedures, eq(procedures.id, procedureUnits.procedureId))
    .innerJoin(units, eq(units.id, procedureUnits.unitId))
    .where(inArray(units.code, communes));
  const now = ctx.clock();
  const actor: Actor = {
    id: admin.id,
    username: admin.username,
    fullName: admin.fullName,
    kind: 'staff',
    grants: [{ role: 'system_admin', unitId: root.id, includeDescendants: true }],
  };
  const lines = function* () {
    for (const d of randomHistories({
      seed: 2026,
      count,
      unitCodes: communes,
      procedureCodes: handled.map((h) => h.code).sort(),
      from: new Date(`${now.getUTCFullYear() - 2}-01-01T00:00:00+07:00`),
      to: now,
      now,
      codePrefix: 'LS',
    }))
      yield JSON.stringify(d);
  };
  const summary = await importDossiers(ctx, actor, NO_META, lines());
  return summary.imported;
}

/** `admin` always exists; MOTCUA_ADMIN_PASSWORD, when set, is its password (checked at every start). */
export async function ensureAdmin(db: Db, adminPassword: string | null): Promise<void> {
  const [admin] = await db.select().from(users).where(eq(users.username, 'admin')).limit(1);
  const wanted = adminPassword ?? DEMO_PASSWORD;
  let adminId = admin?.id;
  if (!admin) {
    adminId = uuidv7();
    await db.insert(users).values({
      id: adminId,
      username: 'admin',
      passwordHash: await hashPassword(wanted),
      fullName: 'Quản trị hệ thống',
      kind: 'staff',
    });
  } else if (adminPassword && !(await argonVerify(admin.passwordHash, adminPassword))) {
    await db
      .update(users)
      .set({ passwordHash: await hashPassword(adminPassword) })
      .where(eq(users.id, admin.id));
  }
  const [root] = await db.select().from(units).where(isNull(units.parentId)).limit(1);
  if (root && adminId) {
    await db
      .insert(userRoles)
      .values({ userId: adminId, role: 'system_admin', unitId: root.id, includeDescendants: true })
      .onConflictDoNothing();
  }
}

async function seedMinimal(ctx: ServiceContext, jurisdiction: Config['jurisdiction']): Promise<SeedReport> {
  return ctx.database.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const { code, name } = jurisdiction;
    const root = await insertUnit(tx, { code, name, level: 'province' });
    const holidays = await seedHolidays(tx, root.id);
    return { units: 1, users: 0, fields: 0, procedures: 0, holidays };
  });
}

async function seedHolidays(tx: Db, rootId: string): Promise<number> {
  let total = 0;
  for (const year of SEEDED_HOLIDAY_YEARS)
    total += await seedCalendarDays(tx, rootId, vietnamPublicHolidays(year));
  return total;
}

interface FieldSeed {
  code: string;
  name: string;
  nameEn?: string;
}

type ProcedureSeed = Omit<ProcedureCreateInput, 'unitCodes'> & { code: string; levels: string[] };

export function loadSeedCatalog(): { fields: FieldSeed[]; procedures: ProcedureSeed[] } {
  const read = <T>(file: string): T => JSON.parse(readFileSync(path.join(SEED_DIR, file), 'utf8')) as T;
  return { fields: read<FieldSeed[]>('fields.json'), procedures: read<ProcedureSeed[]>('procedures.json') };
}

/** The demo jurisdiction, in one transaction: all of it or none. Idempotent per kind of row. */
export async function seedDemo(ctx: ServiceContext): Promise<SeedReport> {
  const catalog = loadSeedCatalog();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return ctx.database.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const report: SeedReport = { units: 0, users: 0, fields: 0, procedures: 0, holidays: 0 };
    for (const u of DEMO_UNITS) {
      if (await findUnitByCode(tx, u.code)) continue;
      await insertUnit(tx, u);
      report.units++;
    }
    const root = (await findUnitByCode(tx, DEMO_ROOT_CODE))!;
    report.holidays = await seedHolidays(tx, root.id);

    for (const account of DEMO_STAFF) {
      const [existing] = await tx.select().from(users).where(eq(users.username, account.username)).limit(1);
      if (existing) continue;
      const id = uuidv7();
      await tx
        .insert(users)
        .values({ id, username: account.username, passwordHash, fullName: account.fullName, kind: 'staff' });
      for (const r of account.roles) {
        const unit = (await findUnitByCode(tx, r.unitCode))!;
        await tx.insert(userRoles).values({
          userId: id,
          role: r.role,
          unitId: unit.id,
          includeDescendants: r.includeDescendants ?? false,
        });
      }
      report.users++;
    }
    const [citizen] = await tx.select().from(users).where(eq(users.username, DEMO_CITIZEN.phone)).limit(1);
    if (!citizen) {
      await tx.insert(users).values({
        id: uuidv7(),
        username: DEMO_CITIZEN.phone,
        phone: DEMO_CITIZEN.phone,
        passwordHash,
        fullName: DEMO_CITIZEN.fullName,
        kind: 'citizen',
        verifiedAt: new Date(),
      });
      report.users++;
    }

    for (const [i, f] of catalog.fields.entries()) {
      const inserted = await tx
        .insert(fields)
        .values({ id: uuidv7(), code: f.code, name: f.name, nameEn: f.nameEn ?? null, sort: i })
        .onConflictDoNothing()
        .returning();
      report.fields += inserted.length;
    }
    const communes = DEMO_UNITS.filter((u) => u.level === 'commune').map((u) => u.code);
    for (const p of catalog.procedures) {
      const [exists] = await tx
        .select({ id: procedures.id })
        .from(procedures)
        .where(eq(procedures.code, p.code))
        .limit(1);
      if (exists) continue;
      // Commune-level procedures are handled at every commune counter; provincial ones at the centre.
      // Land procedures are received at every commune counter too (since 1 July 2025) and go to the
      // land registration office by liên thông.
      const unitCodes = p.levels.includes('province')
        ? p.fieldCode === 'DD'
          ? ['AG.TTPVHCC', ...communes]
          : ['AG.TTPVHCC']
        : communes;
      await createProcedure(
        ctx,
        null,
        NO_META,
        { ...p, unitCodes, effectiveFrom: '2025-07-01' } as ProcedureCreateInput,
        tx,
      );
      report.procedures++;
    }
    return report;
  });
}
