/** Attachments through the HTTP API: type by content, size limits, ownership, storage, scanning. */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import PDFDocument from 'pdfkit';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, dossiers, onlineApplications, procedures, storedFiles, units, users } from '../db/schema.ts';
import { actAs, bearer, createTestApp, receiveAs, type TestApp } from '../test/app.ts';
import { TEST_TARGETS } from '../test/databases.ts';

const clock = () => new Date('2026-11-02T02:00:00Z');
const MB = 1024 * 1024;

/** A real one-page PDF made with pdfkit (what a scanner app would send). */
function makePdf(text: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', info: { CreationDate: new Date('2026-01-01T00:00:00Z') } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.text(text);
    doc.end();
  });
}

/** A valid 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
/** The start of a JFIF JPEG (the type is decided by the first bytes). */
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF\0', 'latin1'),
  Buffer.from([0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]),
  Buffer.alloc(64, 0x11),
  Buffer.from([0xff, 0xd9]),
]);
const ZIP = Buffer.concat([Buffer.from('PK\x03\x04\x14\x00\x00\x00', 'latin1'), Buffer.alloc(100, 0x20)]);
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(100, 0)]);
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A multipart body as a browser's FormData: text fields first, then the file. */
function form(
  fields: Record<string, string | undefined>,
  file?: { name: string; bytes: Buffer; type?: string },
) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) data.append(k, v);
  if (file)
    data.append(
      'file',
      new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }),
      file.name,
    );
  return data;
}

/** A clamd that answers FOUND for the EICAR string (INSTREAM framing as in integrations/virus-scan). */
function fakeClamd(): Server {
  return createServer((socket) => {
    let buffer = Buffer.alloc(0);
    socket.on('data', (data: Buffer) => {
      buffer = Buffer.concat([buffer, data]);
      if (!buffer.subarray(0, 10).equals(Buffer.from('zINSTREAM\0'))) return;
      const chunks: Buffer[] = [];
      let at = 10;
      while (at + 4 <= buffer.length) {
        const length = buffer.readUInt32BE(at);
        if (length === 0) {
          const bytes = Buffer.concat(chunks);
          socket.end(bytes.includes(EICAR) ? 'stream: Eicar-Test-Signature FOUND\0' : 'stream: OK\0');
          return;
        }
        if (at + 4 + length > buffer.length) return;
        chunks.push(buffer.subarray(at + 4, at + 4 + length));
        at += 4 + length;
      }
    });
    socket.on('error', () => {});
  });
}

describe.each(TEST_TARGETS)('file uploads on %s', (target) => {
  let t: TestApp;
  let owner: string;
  let other: string;
  let ownerId: string;
  let otherId: string;
  let applicationId: string;
  let pdf: Buffer;
  let pdfId: string;

  const upload = (
    fields: Record<string, string | undefined>,
    file?: { name: string; bytes: Buffer; type?: string },
    token?: string,
  ) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/files',
      headers: token ? bearer(token) : {},
      payload: form(fields, file),
    });
  const get = (id: string, token?: string) =>
    t.app.inject({ url: `/api/v1/files/${id}`, headers: token ? bearer(token) : {} });

  /** A draft online application of the citizen, at AG.LONGXUYEN. */
  async function draftFor(citizenId: string, dossierId: string | null = null): Promise<string> {
    const db = t.ctx.database.db;
    const [procedure] = await db.select().from(procedures).limit(1);
    const [unit] = await db.select().from(units).where(eq(units.code, 'AG.LONGXUYEN'));
    const id = uuidv7();
    await db.insert(onlineApplications).values({
      id,
      citizenId,
      procedureId: procedure!.id,
      procedureCode: procedure!.code,
      procedureVersion: procedure!.currentVersion,
      unitId: unit!.id,
      jurisdictionId: unit!.jurisdictionId,
      status: dossierId ? 'accepted' : 'draft',
      dossierId,
    });
    return id;
  }

  beforeAll(async () => {
    t = await createTestApp(target, clock);
    const db = t.ctx.database.db;
    const [citizen] = await db.select().from(users).where(eq(users.username, '0912345678'));
    ownerId = citizen!.id;
    // A second verified citizen with the same (demo) password.
    otherId = uuidv7();
    await db.insert(users).values({
      id: otherId,
      username: '0987654321',
      passwordHash: citizen!.passwordHash,
      fullName: 'Trần Thị Bình',
      kind: 'citizen',
      phone: '0987654321',
      verifiedAt: clock(),
    });
    owner = await t.login('0912345678');
    other = await t.login('0987654321');
    applicationId = await draftFor(ownerId);
    pdf = await makePdf('Tờ khai đăng ký khai sinh — bản chụp');
  });
  afterAll(async () => t?.close());

  it('refuses an anonymous upload to an application (401)', async () => {
    const res = await upload({ purpose: 'application', applicationId }, { name: 'a.pdf', bytes: pdf });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('unauthenticated');
  });

  it('stores a real PDF for the owner of the draft, with its SHA-256, under <dataDir>/files', async () => {
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const res = await upload(
      { purpose: 'application', applicationId },
      { name: 'Tờ khai khai sinh.pdf', bytes: pdf, type: 'application/pdf' },
      owner,
    );
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toEqual({
      id: expect.any(String),
      name: 'Tờ khai khai sinh.pdf',
      size: pdf.length,
      mediaType: 'application/pdf',
      sha256: sha256(pdf),
      scanStatus: 'skipped',
    });
    pdfId = body.id;
    const [row] = await t.ctx.database.db.select().from(storedFiles).where(eq(storedFiles.id, pdfId));
    expect(row).toMatchObject({
      applicationId,
      dossierId: null,
      uploadedBy: ownerId,
      purpose: 'application',
    });
    expect(row!.storageKey).toMatch(/^2026\/11\/[0-9a-f-]{36}$/);
    const onDisk = path.join(t.config.dataDir, 'files', ...row!.storageKey.split('/'));
    expect(existsSync(onDisk)).toBe(true);
    expect(sha256(readFileSync(onDisk))).toBe(sha256(pdf));
    const [entry] = await t.ctx.database.db
      .select()
      .from(audit)
      .where(and(eq(audit.action, 'file.upload'), eq(audit.entityId, pdfId)));
    expect(entry).toMatchObject({ actorId: ownerId, entityType: 'file' });
  });

  it('accepts PNG and JPEG, naming them by their real type', async () => {
    const png = await upload(
      { purpose: 'application', applicationId },
      { name: 'ảnh chân dung.png', bytes: PNG },
      owner,
    );
    expect(png.statusCode, png.body).toBe(201);
    expect(png.json()).toMatchObject({
      mediaType: 'image/png',
      name: 'ảnh chân dung.png',
      sha256: sha256(PNG),
    });
    const jpeg = await upload(
      { purpose: 'application', applicationId },
      { name: 'C:\\fakepath\\CCCD mặt trước', bytes: JPEG, type: 'image/png' },
      owner,
    );
    expect(jpeg.statusCode, jpeg.body).toBe(201);
    expect(jpeg.json()).toMatchObject({ mediaType: 'image/jpeg', name: 'CCCD mặt trước.jpg' });
  });

  it.each([
    ['a ZIP named x.pdf', ZIP],
    ['an EXE named x.pdf', EXE],
    ['an HTML page named x.pdf', Buffer.from('<html><script>alert(1)</script></html>')],
    ['an empty file', Buffer.alloc(0)],
  ])('refuses %s by its content (415)', async (_label, bytes) => {
    const res = await upload(
      { purpose: 'application', applicationId },
      { name: 'x.pdf', bytes, type: 'application/pdf' },
      owner,
    );
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({
      status: 415,
      code: 'unsupported_file_type',
      detail: 'Chỉ nhận tệp PDF, JPEG hoặc PNG (kiểm tra theo nội dung tệp)',
    });
  });

  it('refuses a file over the limit with 413 naming the limit, storing nothing', async () => {
    const before = await t.ctx.database.db.select().from(storedFiles);
    // One byte over: read whole, refused by the service; far over: cut by the parser, refused as truncated.
    for (const size of [10 * MB + 1, 10 * MB + 200_000]) {
      const bytes = Buffer.alloc(size, 0x20);
      bytes.write('%PDF-1.4\n');
      const res = await upload({ purpose: 'application', applicationId }, { name: 'lớn.pdf', bytes }, owner);
      expect(res.statusCode, `${size}`).toBe(413);
      expect(res.json()).toMatchObject({
        code: 'file_too_large',
        detail: 'Tệp vượt quá dung lượng cho phép (tối đa 10 MB)',
      });
    }
    expect(await t.ctx.database.db.select().from(storedFiles)).toHaveLength(before.length);
  });

  it('refuses a file that would take the application over its total (413)', async () => {
    const saved = t.config.maxDossierBytes;
    t.config.maxDossierBytes = pdf.length + PNG.length + JPEG.length + 100;
    try {
      const res = await upload(
        { purpose: 'application', applicationId },
        { name: 'thêm.pdf', bytes: pdf },
        owner,
      );
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ code: 'dossier_files_too_large' });
      expect(res.json().detail).toContain('Tổng dung lượng');
      // Another application has its own allowance.
      const second = await draftFor(ownerId);
      const ok = await upload(
        { purpose: 'application', applicationId: second },
        { name: 'b.pdf', bytes: pdf },
        owner,
      );
      expect(ok.statusCode).toBe(201);
    } finally {
      t.config.maxDossierBytes = saved;
    }
  });

  it('hides the file from everyone but its owner; the owner gets the same bytes back', async () => {
    const anonymous = await get(pdfId);
    expect(anonymous.statusCode).toBe(404);
    const stranger = await get(pdfId, other);
    expect(stranger.statusCode).toBe(404);
    expect(stranger.json().code).toBe('file_not_found');
    // Same answer as for an id that does not exist.
    expect((await get(uuidv7(), other)).json().code).toBe('file_not_found');
    const staff = await get(pdfId, await t.login('tiepnhan.longxuyen'));
    expect(staff.statusCode).toBe(404); // a draft is the citizen's own until submitted

    const res = await get(pdfId, owner);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(pdf)).toBe(true);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="To khai khai sinh.pdf"; filename*=UTF-8''T%E1%BB%9D%20khai%20khai%20sinh.pdf`,
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toContain('private');
  });

  it('refuses uploads to another citizen’s application as if it did not exist', async () => {
    const res = await upload({ purpose: 'application', applicationId }, { name: 'x.pdf', bytes: pdf }, other);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('application_not_found');
  });

  it('lets the uploader delete from a draft only; the bytes go too', async () => {
    const res = await upload(
      { purpose: 'application', applicationId },
      { name: 'xoá.png', bytes: PNG },
      owner,
    );
    const id = res.json().id as string;
    const [row] = await t.ctx.database.db.select().from(storedFiles).where(eq(storedFiles.id, id));
    const onDisk = path.join(t.config.dataDir, 'files', ...row!.storageKey.split('/'));
    const del = (token?: string) =>
      t.app.inject({ method: 'DELETE', url: `/api/v1/files/${id}`, headers: token ? bearer(token) : {} });
    expect((await del()).statusCode).toBe(401);
    expect((await del(other)).statusCode).toBe(404);
    expect((await del(owner)).statusCode).toBe(204);
    expect((await get(id, owner)).statusCode).toBe(404);
    expect(existsSync(onDisk)).toBe(false);
  });

  it('once submitted: the unit’s staff can read the files, nobody can delete them', async () => {
    await t.ctx.database.db
      .update(onlineApplications)
      .set({ status: 'submitted' })
      .where(eq(onlineApplications.id, applicationId));
    const staff = await get(pdfId, await t.login('tiepnhan.longxuyen'));
    expect(staff.statusCode).toBe(200);
    expect(staff.rawPayload.equals(pdf)).toBe(true);
    expect((await get(pdfId, await t.login('tiepnhan.chauphu'))).statusCode).toBe(404);
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/files/${pdfId}`,
      headers: bearer(owner),
    });
    expect(del.statusCode).toBe(409);
    expect(del.json().code).toBe('file_locked');
    const late = await upload(
      { purpose: 'application', applicationId },
      { name: 'muộn.pdf', bytes: pdf },
      owner,
    );
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('application_not_draft');
  });

  it('supplements go to a paused dossier of the citizen; results come from its unit’s staff', async () => {
    const receptionist = await t.login('tiepnhan.longxuyen');
    const officer = await t.login('chuyenvien.longxuyen');
    const code = await receiveAs(t, receptionist, '1.005461', {
      fullName: 'Nguyễn Văn An',
      idNumber: '089123000111',
      phone: '0912345678',
    });
    const [dossier] = await t.ctx.database.db.select().from(dossiers).where(eq(dossiers.code, code));
    await draftFor(ownerId, dossier!.id);

    const early = await upload(
      { purpose: 'supplement', dossierCode: code },
      { name: 's.pdf', bytes: pdf },
      owner,
    );
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('dossier_not_paused');

    await actAs(t, receptionist, code, { action: 'forward', toStep: 'xu_ly' });
    await actAs(t, officer, code, {
      action: 'request_supplement',
      reason: 'Thiếu giấy tờ',
      items: [{ document: 'Bản sao giấy báo tử' }],
    });
    const stranger = await upload(
      { purpose: 'supplement', dossierCode: code },
      { name: 's.pdf', bytes: pdf },
      other,
    );
    expect(stranger.statusCode).toBe(404);
    const supplement = await upload(
      { purpose: 'supplement', dossierCode: code },
      { name: 'Giấy báo tử.pdf', bytes: pdf },
      owner,
    );
    expect(supplement.statusCode, supplement.body).toBe(201);
    const [row] = await t.ctx.database.db
      .select()
      .from(storedFiles)
      .where(eq(storedFiles.id, supplement.json().id));
    expect(row).toMatchObject({ dossierId: dossier!.id, applicationId: null, purpose: 'supplement' });
    expect((await get(row!.id, officer)).statusCode).toBe(200);

    const result = await upload(
      { purpose: 'result', dossierCode: code },
      { name: 'Kết quả.pdf', bytes: pdf },
      officer,
    );
    expect(result.statusCode, result.body).toBe(201);
    // The citizen owning the dossier reads the result; the auditor may read but not attach one.
    expect((await get(result.json().id, owner)).statusCode).toBe(200);
    expect((await get(result.json().id, other)).statusCode).toBe(404);
    const auditor = await upload(
      { purpose: 'result', dossierCode: code },
      { name: 'k.pdf', bytes: pdf },
      await t.login('thanhtra'),
    );
    expect(auditor.statusCode).toBe(403);
    const otherUnit = await upload(
      { purpose: 'result', dossierCode: code },
      { name: 'k.pdf', bytes: pdf },
      await t.login('tiepnhan.chauphu'),
    );
    expect(otherUnit.statusCode).toBe(404);
    const citizen = await upload(
      { purpose: 'result', dossierCode: code },
      { name: 'k.pdf', bytes: pdf },
      owner,
    );
    expect(citizen.statusCode).toBe(404);
  });

  /** A feedback item just sent (a feedback photo belongs to one, issue 14 §3); made once. */
  let feedbackId: string | undefined;
  async function feedbackItem(): Promise<string> {
    if (feedbackId) return feedbackId;
    const sent = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/feedback',
      payload: {
        unitCode: 'AG.LONGXUYEN',
        category: 'other',
        text: 'Ảnh hiện trường nơi làm thủ tục bị dột.',
        name: 'Người Gửi Ảnh',
        phone: '0912000111',
      },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    feedbackId = sent.json().id as string;
    return feedbackId;
  }

  it('takes feedback attachments from anyone, tied to the feedback item', async () => {
    const res = await upload(
      { purpose: 'feedback', feedbackId: await feedbackItem() },
      { name: 'ảnh hiện trường.jpg', bytes: JPEG },
    );
    expect(res.statusCode, res.body).toBe(201);
    const [row] = await t.ctx.database.db.select().from(storedFiles).where(eq(storedFiles.id, res.json().id));
    expect(row).toMatchObject({
      uploadedBy: null,
      purpose: 'feedback',
      applicationId: null,
      dossierId: null,
      feedbackId,
    });
  });

  it('with clamd configured: clean files are marked so, infected ones are refused (422)', async () => {
    const clamd = fakeClamd();
    await new Promise<void>((resolve) => clamd.listen(0, '127.0.0.1', resolve));
    t.config.clamd = `127.0.0.1:${(clamd.address() as AddressInfo).port}`;
    try {
      const clean = await upload(
        { purpose: 'feedback', feedbackId: await feedbackItem() },
        { name: 'a.png', bytes: PNG },
      );
      expect(clean.statusCode, clean.body).toBe(201);
      expect(clean.json().scanStatus).toBe('clean');
      const before = readdirSync(path.join(t.config.dataDir, 'files', '2026', '11')).length;
      const infected = await upload(
        { purpose: 'feedback', feedbackId: await feedbackItem() },
        { name: 'virus.pdf', bytes: Buffer.from(`%PDF-1.4\n${EICAR}\n%%EOF`) },
      );
      expect(infected.statusCode).toBe(422);
      expect(infected.json()).toMatchObject({ code: 'file_infected' });
      expect(infected.json().detail).toContain('Eicar-Test-Signature');
      expect(readdirSync(path.join(t.config.dataDir, 'files', '2026', '11'))).toHaveLength(before);
    } finally {
      t.config.clamd = null;
      await new Promise<void>((resolve) => clamd.close(() => resolve()));
    }
  });

  it('answers malformed requests with problems', async () => {
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/v1/files',
      headers: bearer(owner),
      payload: { purpose: 'feedback' },
    });
    expect(json.statusCode).toBe(415);
    const noFile = await upload({ purpose: 'feedback', feedbackId: await feedbackItem() });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().errors).toEqual([{ path: 'file', message: 'Chưa chọn tệp' }]);
    const badPurpose = await upload({ purpose: 'gift' }, { name: 'a.png', bytes: PNG });
    expect(badPurpose.statusCode).toBe(400);
    expect(badPurpose.json().code).toBe('validation_failed');
    const noApplication = await upload({ purpose: 'application' }, { name: 'a.png', bytes: PNG }, owner);
    expect(noApplication.statusCode).toBe(400);
    const data = form(
      { purpose: 'feedback', feedbackId: await feedbackItem() },
      { name: 'a.png', bytes: PNG },
    );
    data.append('file', new Blob([new Uint8Array(PNG)]), 'b.png');
    const two = await t.app.inject({ method: 'POST', url: '/api/v1/files', payload: data });
    expect(two.statusCode).toBe(413);
  });

  it('documents the endpoints in the OpenAPI description', async () => {
    const spec = (await t.app.inject('/openapi.json')).json();
    const post = spec.paths['/api/v1/files'].post;
    expect(post.tags).toEqual(['files']);
    expect(Object.keys(post.requestBody.content)).toEqual(['multipart/form-data']);
    expect(post.responses).toHaveProperty('413');
    expect(post.responses).toHaveProperty('415');
    expect(spec.paths['/api/v1/files/{id}'].get.tags).toEqual(['files']);
    expect(spec.paths['/api/v1/files/{id}'].delete.tags).toEqual(['files']);
  });
});
