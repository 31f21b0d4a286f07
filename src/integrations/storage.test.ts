import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import {
  EMPTY_SHA256,
  LocalDirStorage,
  newStorageKey,
  S3Storage,
  StoredObjectMissing,
  sha256Hex,
  signV4,
  storageFromConfig,
} from './storage.ts';

describe('AWS Signature Version 4', () => {
  // The "GET Object" example of "Authenticating Requests: Using the Authorization Header
  // (AWS Signature Version 4)", Amazon S3 API Reference.
  it('reproduces the published GET Object example', () => {
    const signed = signV4(
      {
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        region: 'us-east-1',
        service: 's3',
      },
      {
        method: 'GET',
        url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
        headers: { Range: 'bytes=0-9', 'x-amz-content-sha256': EMPTY_SHA256 },
        payloadHash: EMPTY_SHA256,
        date: new Date('2013-05-24T00:00:00Z'),
      },
    );
    expect(signed.canonicalRequest).toBe(
      [
        'GET',
        '/test.txt',
        '',
        'host:examplebucket.s3.amazonaws.com',
        'range:bytes=0-9',
        `x-amz-content-sha256:${EMPTY_SHA256}`,
        'x-amz-date:20130524T000000Z',
        '',
        'host;range;x-amz-content-sha256;x-amz-date',
        EMPTY_SHA256,
      ].join('\n'),
    );
    expect(signed.stringToSign).toBe(
      [
        'AWS4-HMAC-SHA256',
        '20130524T000000Z',
        '20130524/us-east-1/s3/aws4_request',
        '7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972',
      ].join('\n'),
    );
    expect(signed.signature).toBe('f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41');
    expect(signed.headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  it('encodes the path and sorts the query the SigV4 way', () => {
    const signed = signV4(
      { accessKeyId: 'AK', secretAccessKey: 'SK', region: 'us-east-1', service: 's3' },
      {
        method: 'GET',
        url: new URL('http://127.0.0.1:9000/b/t%E1%BB%87p (1)*.pdf?z=1&a=b c'),
        headers: {},
        payloadHash: EMPTY_SHA256,
        date: new Date('2026-11-05T10:00:00Z'),
      },
    );
    const [, uri, query, host] = signed.canonicalRequest.split('\n');
    expect(uri).toBe('/b/t%E1%BB%87p%20%281%29%2A.pdf');
    expect(query).toBe('a=b%20c&z=1');
    expect(host).toBe('host:127.0.0.1:9000');
  });
});

describe('LocalDirStorage', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'motcua-storage-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('stores, reads and deletes by key, leaving no temporary file behind', async () => {
    const storage = new LocalDirStorage(root);
    const key = newStorageKey(new Date('2026-11-05T10:00:00Z'), '0190f3c2-aaaa-7bbb-8ccc-123456789abc');
    expect(key).toBe('2026/11/0190f3c2-aaaa-7bbb-8ccc-123456789abc');
    await storage.put(key, Buffer.from('%PDF-1.4 xin chào'));
    expect(readFileSync(path.join(root, '2026', '11', '0190f3c2-aaaa-7bbb-8ccc-123456789abc'), 'utf8')).toBe(
      '%PDF-1.4 xin chào',
    );
    expect(readdirSync(path.join(root, '2026', '11'))).toEqual(['0190f3c2-aaaa-7bbb-8ccc-123456789abc']);
    expect((await storage.get(key)).toString()).toBe('%PDF-1.4 xin chào');
    await storage.delete(key);
    await expect(storage.get(key)).rejects.toBeInstanceOf(StoredObjectMissing);
    await storage.delete(key); // deleting twice is fine
  });

  it.each(['../escape', '2026/../../x', '/etc/passwd', '2026/11/..', 'a/./b', 'a\\b', '', 'a//b', 'a..b'])(
    'refuses the key %j',
    async (key) => {
      const storage = new LocalDirStorage(root);
      await expect(storage.put(key, Buffer.from('x'))).rejects.toThrow(/Invalid storage key/);
      await expect(storage.get(key)).rejects.toThrow(/Invalid storage key/);
    },
  );

  it('is what the default configuration gives, under <dataDir>/files', () => {
    const storage = storageFromConfig({ ...loadConfig({}), dataDir: root });
    expect(storage).toBeInstanceOf(LocalDirStorage);
    expect((storage as LocalDirStorage).root).toBe(path.join(root, 'files'));
    const s3 = storageFromConfig(
      loadConfig({
        MOTCUA_STORAGE: 's3',
        MOTCUA_S3_ENDPOINT: 'http://127.0.0.1:9000',
        MOTCUA_S3_BUCKET: 'motcua',
        MOTCUA_S3_ACCESS_KEY_ID: 'AK',
        MOTCUA_S3_SECRET_ACCESS_KEY: 'SK',
      }),
    );
    expect(s3).toBeInstanceOf(S3Storage);
    expect((s3 as S3Storage).urlOf('2026/11/abc').toString()).toBe(
      'http://127.0.0.1:9000/motcua/2026/11/abc',
    );
  });
});

/**
 * A tiny S3: path-style PUT/GET/DELETE Object into a Map, refusing (403 SignatureDoesNotMatch) any
 * request whose SigV4 signature or payload hash does not check out, as a real S3 does.
 */
function fakeS3(accessKeyId: string, secretAccessKey: string, region: string) {
  const objects = new Map<string, Buffer>();
  const seen: { method: string; path: string; authorized: boolean }[] = [];
  const xmlError = (code: string) => `<?xml version="1.0"?><Error><Code>${code}</Code></Error>`;

  function verify(req: IncomingMessage, body: Buffer): string | null {
    const auth =
      /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
        req.headers.authorization ?? '',
      );
    if (!auth) return 'AccessDenied';
    const [, key, day, authRegion, signedHeaders, signature] = auth;
    if (key !== accessKeyId) return 'InvalidAccessKeyId';
    const stamp = String(req.headers['x-amz-date'] ?? '');
    if (!stamp.startsWith(day!) || authRegion !== region) return 'AuthorizationHeaderMalformed';
    const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
    if (payloadHash !== sha256Hex(body)) return 'XAmzContentSHA256Mismatch';
    const names = signedHeaders!.split(';');
    if (!names.includes('host') || !names.includes('x-amz-content-sha256')) return 'AccessDenied';
    const headers: Record<string, string> = {};
    for (const n of names) if (n !== 'host' && n !== 'x-amz-date') headers[n] = String(req.headers[n] ?? '');
    const date = new Date(
      `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}Z`,
    );
    const expected = signV4(
      { accessKeyId, secretAccessKey, region, service: 's3' },
      {
        method: req.method!,
        url: new URL(req.url!, `http://${req.headers.host}`),
        headers,
        payloadHash,
        date,
      },
    );
    return expected.signature === signature ? null : 'SignatureDoesNotMatch';
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const problem = verify(req, body);
      const pathname = new URL(req.url!, 'http://x').pathname;
      seen.push({ method: req.method!, path: pathname, authorized: !problem });
      if (problem) {
        res.writeHead(403, { 'content-type': 'application/xml' }).end(xmlError(problem));
        return;
      }
      const objectKey = decodeURIComponent(pathname);
      if (req.method === 'PUT') {
        objects.set(objectKey, body);
        res.writeHead(200, { etag: `"${sha256Hex(body).slice(0, 32)}"` }).end();
      } else if (req.method === 'GET') {
        const found = objects.get(objectKey);
        if (!found) res.writeHead(404, { 'content-type': 'application/xml' }).end(xmlError('NoSuchKey'));
        else res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(found);
      } else if (req.method === 'DELETE') {
        objects.delete(objectKey);
        res.writeHead(204).end();
      } else res.writeHead(405).end();
    });
  });
  return { server, objects, seen };
}

describe('S3Storage against a fake S3 that checks signatures', () => {
  const creds = {
    accessKeyId: 'MOTCUATESTKEY',
    secretAccessKey: 'bí-mật/Secret+Key',
    region: 'ap-southeast-1',
  };
  const fake = fakeS3(creds.accessKeyId, creds.secretAccessKey, creds.region);
  let endpoint: string;

  beforeAll(async () => {
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => new Promise<void>((resolve) => fake.server.close(() => resolve())));

  it('puts, gets and deletes an object path-style with a signed payload', async () => {
    const storage = new S3Storage({ endpoint: `${endpoint}/`, bucket: 'motcua-files', ...creds });
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(70_000, 0xab)]);
    await storage.put('2026/11/0190f3c2-aaaa-7bbb-8ccc-123456789abc', bytes);
    expect(
      fake.objects.get('/motcua-files/2026/11/0190f3c2-aaaa-7bbb-8ccc-123456789abc')?.equals(bytes),
    ).toBe(true);
    expect((await storage.get('2026/11/0190f3c2-aaaa-7bbb-8ccc-123456789abc')).equals(bytes)).toBe(true);
    await storage.delete('2026/11/0190f3c2-aaaa-7bbb-8ccc-123456789abc');
    await expect(storage.get('2026/11/0190f3c2-aaaa-7bbb-8ccc-123456789abc')).rejects.toBeInstanceOf(
      StoredObjectMissing,
    );
    expect(fake.seen.every((s) => s.authorized)).toBe(true);
    expect(fake.seen.map((s) => s.method)).toEqual(['PUT', 'GET', 'DELETE', 'GET']);
  });

  it('surfaces a refused signature (wrong secret) as an error naming the S3 code', async () => {
    const storage = new S3Storage({ endpoint, bucket: 'motcua-files', ...creds, secretAccessKey: 'sai' });
    await expect(storage.put('2026/11/x', Buffer.from('%PDF-'))).rejects.toThrow(
      /S3 PUT 2026\/11\/x failed: 403 SignatureDoesNotMatch/,
    );
    expect(fake.objects.has('/motcua-files/2026/11/x')).toBe(false);
  });

  it('refuses keys that climb out of the bucket before sending anything', async () => {
    const storage = new S3Storage({ endpoint, bucket: 'motcua-files', ...creds });
    const before = fake.seen.length;
    await expect(storage.put('../other-bucket/x', Buffer.from('x'))).rejects.toThrow(/Invalid storage key/);
    expect(fake.seen.length).toBe(before);
  });
});
