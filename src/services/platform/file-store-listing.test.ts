/**
 * The file store on S3 for the operator's commands: listing (ListObjectsV2, paged), audit
 * checkpoints written to and verified from the bucket, a backup of the bucket restored into another.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StorageConfig } from '../../config.ts';
import { openDatabase } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { S3Storage, signV4 } from '../../integrations/storage.ts';
import { verifyAuditCheckpoints, writeAuditCheckpoint } from './audit-checkpoints.ts';
import { BackupError, createBackup, findPgTool, restoreBackup } from './backup.ts';
import { listStoredKeys } from './file-store-listing.ts';

const creds = {
  accessKeyId: 'MOTCUATESTKEY',
  secretAccessKey: 'bí-mật/Secret+Key',
  region: 'ap-southeast-1',
};

/** Path-style S3 with several buckets: PUT/GET Object and ListObjectsV2 (two keys a page), signatures checked. */
function fakeS3() {
  const buckets = new Map<string, Map<string, Buffer>>();
  function signatureOk(req: IncomingMessage): boolean {
    const auth = /SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(req.headers.authorization ?? '');
    if (!auth) return false;
    const headers: Record<string, string> = {};
    for (const n of auth[1]!.split(';'))
      if (n !== 'host' && n !== 'x-amz-date') headers[n] = String(req.headers[n] ?? '');
    const s = String(req.headers['x-amz-date']);
    const date = new Date(
      `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`,
    );
    const expected = signV4(
      { ...creds, service: 's3' },
      {
        method: req.method!,
        url: new URL(req.url!, `http://${req.headers.host}`),
        headers,
        payloadHash: String(req.headers['x-amz-content-sha256']),
        date,
      },
    );
    return expected.signature === auth[2];
  }
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (!signatureOk(req)) {
        res.writeHead(403).end('<Error><Code>SignatureDoesNotMatch</Code></Error>');
        return;
      }
      const url = new URL(req.url!, 'http://x');
      const [, bucket = '', ...rest] = decodeURIComponent(url.pathname).split('/');
      const objects = buckets.get(bucket) ?? new Map<string, Buffer>();
      buckets.set(bucket, objects);
      const key = rest.join('/');
      if (req.method === 'PUT') {
        objects.set(key, Buffer.concat(chunks));
        res.writeHead(200).end();
      } else if (req.method === 'GET' && key) {
        const found = objects.get(key);
        if (found) res.writeHead(200).end(found);
        else res.writeHead(404).end('<Error><Code>NoSuchKey</Code></Error>');
      } else if (req.method === 'GET' && url.searchParams.get('list-type') === '2') {
        const prefix = url.searchParams.get('prefix') ?? '';
        const keys = [...objects.keys()].filter((k) => k.startsWith(prefix)).sort();
        const start = Number(url.searchParams.get('continuation-token') ?? 0);
        const page = keys.slice(start, start + 2);
        const more = start + 2 < keys.length;
        res
          .writeHead(200, { 'content-type': 'application/xml' })
          .end(
            `<?xml version="1.0"?><ListBucketResult><IsTruncated>${more}</IsTruncated>${page.map((k) => `<Contents><Key>${k}</Key></Contents>`).join('')}${more ? `<NextContinuationToken>${start + 2}</NextContinuationToken>` : ''}</ListBucketResult>`,
          );
      } else res.writeHead(405).end();
    });
  });
  return { server, buckets };
}

describe('the file store on S3', () => {
  const fake = fakeS3();
  let endpoint: string;
  const work = mkdtempSync(path.join(tmpdir(), 'motcua-s3-'));
  const bucket = (name: string): StorageConfig => ({ kind: 's3', endpoint, bucket: name, ...creds });

  beforeAll(async () => {
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => fake.server.close(() => resolve()));
    rmSync(work, { recursive: true, force: true });
  });

  it('lists every key under a prefix, page after page', async () => {
    const config = { dataDir: work, storage: bucket('list') };
    const storage = new S3Storage(config.storage as never);
    const keys = ['2026/11/a', '2026/11/b', '2026/12/c', 'audit-checkpoints/2026/12/x.json', 'z'];
    for (const k of keys) await storage.put(k, Buffer.from(k));
    const all: string[] = [];
    for await (const k of listStoredKeys(config)) all.push(k);
    expect(all).toEqual(keys);
    const some: string[] = [];
    for await (const k of listStoredKeys(config, '2026/')) some.push(k);
    expect(some).toEqual(keys.slice(0, 3));
    const wrong = { dataDir: work, storage: { ...bucket('list'), secretAccessKey: 'sai' } as StorageConfig };
    await expect(listStoredKeys(wrong).next()).rejects.toThrow(/403 SignatureDoesNotMatch/);
  });

  it('audit checkpoints go to the bucket; a backup of the bucket restores into another', async () => {
    const source = { dataDir: work, storage: bucket('files'), databaseUrl: null };
    const database = await openDatabase({ memory: true });
    try {
      await migrate(database);
      const ctx = { database, clock: () => new Date('2026-12-07T17:10:00Z') };
      const { key } = await writeAuditCheckpoint(ctx, { auditKey: 'k', store: source });
      await new S3Storage(source.storage as never).put('2026/12/upload', Buffer.from('%PDF-1.4 scan'));
      expect(await verifyAuditCheckpoints(database.db, { auditKey: 'k', store: source })).toMatchObject({
        ok: true,
        fileStore: 1,
        database: 1,
      });
      const file = path.join(work, 'backup.tar.gz');
      const summary = await createBackup(database, source, file);
      expect(summary.manifest.files).toEqual({ storage: 's3', count: 2 });

      const target = { dataDir: path.join(work, 'restored'), storage: bucket('restored'), databaseUrl: null };
      expect((await restoreBackup(file, target)).files).toBe(2);
      expect(fake.buckets.get('restored')?.get('2026/12/upload')?.toString()).toBe('%PDF-1.4 scan');
      expect(fake.buckets.get('restored')?.get(key)).toEqual(fake.buckets.get('files')?.get(key));
      const restored = await openDatabase({ dataDir: target.dataDir });
      try {
        expect(await verifyAuditCheckpoints(restored.db, { auditKey: 'k', store: target })).toMatchObject({
          ok: true,
          fileStore: 1,
        });
      } finally {
        await restored.close();
      }
    } finally {
      await database.close();
    }
  });

  it('without pg_dump, the message says what to install', () => {
    expect(() => findPgTool('pg_dump', work)).toThrow(BackupError);
    expect(() => findPgTool('pg_dump', work)).toThrow(/postgresql-client-15.*--pg-bin/);
  });
});
