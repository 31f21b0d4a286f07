/**
 * Where uploaded files' bytes live. The database keeps the metadata (stored_files) and a key; the
 * bytes go to a directory under the data dir (default, one server) or to an S3-compatible bucket
 * (MinIO, Ceph, Viettel/FPT object storage…) when several servers share the work.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.ts';

export interface FileStorage {
  put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes under `key`; rejects with StoredObjectMissing when there are none. */
  get(key: string): Promise<Buffer>;
  /** Removes the object; removing one that is not there is not an error. */
  delete(key: string): Promise<void>;
}

export class StoredObjectMissing extends Error {
  constructor(readonly key: string) {
    super(`No stored object under "${key}"`);
    this.name = 'StoredObjectMissing';
  }
}

/** Keys are relative, slash-separated, of plain characters, and never climb out of the root. */
const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

export function assertValidKey(key: string): void {
  if (!KEY_PATTERN.test(key) || key.split('/').some((s) => s === '..' || s === '.') || key.includes('..'))
    throw new Error(`Invalid storage key "${key}"`);
}

/** A new key for a file stored at `now`: "2026/11/<uuid>" (a month per directory keeps them small). */
export function newStorageKey(now: Date, id: string = randomUUID()): string {
  const month = String(now.getUTCMonth() + 1).padStart(2, '0');
  return `${now.getUTCFullYear()}/${month}/${id}`;
}

// ---------------------------------------------------------------- local directory

export class LocalDirStorage implements FileStorage {
  constructor(readonly root: string) {}

  private pathOf(key: string): string {
    assertValidKey(key);
    const full = path.resolve(this.root, ...key.split('/'));
    // Belt and braces: the pattern already forbids "..", this forbids anything else that escapes.
    if (!full.startsWith(path.resolve(this.root) + path.sep)) throw new Error(`Invalid storage key "${key}"`);
    return full;
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    // Write beside the target then rename: a reader (or a crash) never sees half a file.
    const temp = `${target}.${randomUUID()}.part`;
    try {
      await writeFile(temp, bytes, { flag: 'wx' });
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new StoredObjectMissing(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await unlink(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

// ---------------------------------------------------------------- AWS Signature Version 4

export interface SigV4Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  service: string;
}

export interface SigV4Request {
  method: string;
  /** Full URL; its host (with a non-default port) is the signed Host header. */
  url: URL;
  /** Headers to send and sign (lower- or mixed-case names); `host` and `x-amz-date` are added. */
  headers: Record<string, string>;
  /** Hex SHA-256 of the body, or "UNSIGNED-PAYLOAD"; also sent as x-amz-content-sha256 by S3 callers. */
  payloadHash: string;
  date: Date;
}

export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** RFC 3986 encoding as SigV4 wants it: only A-Z a-z 0-9 - _ . ~ stay as they are. */
export function uriEncode(value: string, keepSlash = false): string {
  const encoded = encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return keepSlash ? encoded.replace(/%2F/g, '/') : encoded;
}

/** "20130524T000000Z" */
export function amzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export interface SignedParts {
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
  signedHeaders: string;
  /** The headers to send: the given ones plus host, x-amz-date and authorization. */
  headers: Record<string, string>;
}

/**
 * Signs a request with AWS Signature Version 4 (header form), as documented in "Authenticating
 * Requests: Using the Authorization Header (AWS Signature Version 4)". S3 flavour: the path is
 * encoded once (not twice as for other services).
 */
export function signV4(creds: SigV4Credentials, req: SigV4Request): SignedParts {
  const stamp = amzDate(req.date);
  const day = stamp.slice(0, 8);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name.toLowerCase()] = value;
  headers.host = req.url.host;
  headers['x-amz-date'] = stamp;
  const names = Object.keys(headers).sort();
  const canonicalHeaders = names
    .map((n) => `${n}:${String(headers[n]).trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const signedHeaders = names.join(';');
  const canonicalQuery = [...req.url.searchParams.entries()]
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  // URL.pathname is already percent-encoded by WHATWG rules; decode and re-encode the SigV4 way.
  const canonicalUri = uriEncode(decodeURIComponent(req.url.pathname || '/'), true);
  const canonicalRequest = [
    req.method.toUpperCase(),
    canonicalUri,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders,
    req.payloadHash,
  ].join('\n');
  const scope = `${day}/${creds.region}/${creds.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', stamp, scope, sha256Hex(canonicalRequest)].join('\n');
  const kDate = hmac(`AWS4${creds.secretAccessKey}`, day);
  const kRegion = hmac(kDate, creds.region);
  const kService = hmac(kRegion, creds.service);
  const kSigning = hmac(kService, 'aws4_request');
  const signature = createHmac('sha256', kSigning).update(stringToSign, 'utf8').digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${creds.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { canonicalRequest, stringToSign, signature, signedHeaders, headers };
}

// ---------------------------------------------------------------- S3

export interface S3Options {
  /** e.g. "https://s3.example.vn" or "http://127.0.0.1:9000" (MinIO). */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Injected in tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  now?: () => Date;
  timeoutMs?: number;
}

/**
 * An S3-compatible bucket over the plain REST API (PUT/GET/DELETE Object), path-style URLs
 * (`endpoint/bucket/key`, which every S3 clone supports), SigV4 with a signed payload hash.
 * No SDK: three requests do not justify a dependency of several megabytes.
 */
export class S3Storage implements FileStorage {
  private readonly fetch: typeof fetch;
  private readonly now: () => Date;

  constructor(private readonly options: S3Options) {
    this.fetch = options.fetch ?? fetch;
    this.now = options.now ?? (() => new Date());
  }

  urlOf(key: string): URL {
    assertValidKey(key);
    const base = this.options.endpoint.replace(/\/+$/, '');
    return new URL(`${base}/${uriEncode(this.options.bucket)}/${uriEncode(key, true)}`);
  }

  private async send(method: 'PUT' | 'GET' | 'DELETE', key: string, body?: Buffer): Promise<Response> {
    const url = this.urlOf(key);
    const payloadHash = body ? sha256Hex(body) : EMPTY_SHA256;
    const headers: Record<string, string> = { 'x-amz-content-sha256': payloadHash };
    if (body) headers['content-type'] = 'application/octet-stream';
    const signed = signV4(
      {
        accessKeyId: this.options.accessKeyId,
        secretAccessKey: this.options.secretAccessKey,
        region: this.options.region,
        service: 's3',
      },
      { method, url, headers, payloadHash, date: this.now() },
    );
    // fetch sets Host itself (from the URL, exactly what was signed).
    const { host: _host, ...sendHeaders } = signed.headers;
    return this.fetch(url, {
      method,
      headers: sendHeaders,
      body: body ? new Uint8Array(body) : undefined,
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
    });
  }

  private async fail(response: Response, what: string, key: string): Promise<never> {
    const text = await response.text().catch(() => '');
    const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? '';
    throw new Error(`S3 ${what} ${key} failed: ${response.status} ${code}`.trim());
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const response = await this.send('PUT', key, bytes);
    if (!response.ok) await this.fail(response, 'PUT', key);
    await response.body?.cancel();
  }

  async get(key: string): Promise<Buffer> {
    const response = await this.send('GET', key);
    if (response.status === 404) {
      await response.body?.cancel();
      throw new StoredObjectMissing(key);
    }
    if (!response.ok) await this.fail(response, 'GET', key);
    return Buffer.from(await response.arrayBuffer());
  }

  async delete(key: string): Promise<void> {
    const response = await this.send('DELETE', key);
    // S3 answers 204 whether or not the object existed; some clones answer 404 for a missing one.
    if (!response.ok && response.status !== 404) await this.fail(response, 'DELETE', key);
    await response.body?.cancel();
  }
}

/** The storage the configuration names: `<dataDir>/files` by default. */
export function storageFromConfig(config: Pick<Config, 'dataDir' | 'storage'>): FileStorage {
  const s = config.storage;
  if (s.kind === 's3') return new S3Storage(s);
  return new LocalDirStorage(path.join(config.dataDir, 'files'));
}
