/**
 * Listing the keys of the file store (what FileStorage itself does not need to do): for backups and
 * for finding the audit checkpoints. The local directory is walked; an S3 bucket is listed with
 * ListObjectsV2 (path-style, SigV4, like S3Storage).
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../config.ts';
import { assertValidKey, EMPTY_SHA256, signV4 } from '../../integrations/storage.ts';

export type StoreConfig = Pick<Config, 'dataDir' | 'storage'>;

/** The local store's root directory (as storageFromConfig makes it). */
export const localStoreRoot = (config: Pick<Config, 'dataDir'>) => path.join(config.dataDir, 'files');

/** Every key under `prefix` ("" = all), in no particular order; temporary `.part` files are left out. */
export async function* listStoredKeys(
  config: StoreConfig,
  prefix = '',
  fetchImpl: typeof fetch = fetch,
): AsyncGenerator<string> {
  if (config.storage.kind === 'local') {
    yield* walk(localStoreRoot(config), prefix);
    return;
  }
  const s3 = config.storage;
  let token: string | null = null;
  do {
    const url = new URL(`${s3.endpoint.replace(/\/+$/, '')}/${encodeURIComponent(s3.bucket)}`);
    url.searchParams.set('list-type', '2');
    if (prefix) url.searchParams.set('prefix', prefix);
    if (token) url.searchParams.set('continuation-token', token);
    const signed = signV4(
      { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey, region: s3.region, service: 's3' },
      {
        method: 'GET',
        url,
        headers: { 'x-amz-content-sha256': EMPTY_SHA256 },
        payloadHash: EMPTY_SHA256,
        date: new Date(),
      },
    );
    const { host: _host, ...headers } = signed.headers;
    const response = await fetchImpl(url, { headers, signal: AbortSignal.timeout(60_000) });
    const text = await response.text();
    if (!response.ok)
      throw new Error(
        `S3 list ${s3.bucket} failed: ${response.status} ${/<Code>([^<]+)</.exec(text)?.[1] ?? ''}`,
      );
    for (const m of text.matchAll(/<Key>([^<]*)<\/Key>/g)) yield xmlText(m[1]!);
    token = /<IsTruncated>true<\/IsTruncated>/.test(text)
      ? xmlText(/<NextContinuationToken>([^<]*)</.exec(text)?.[1] ?? '')
      : null;
  } while (token);
}

const xmlText = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

async function* walk(root: string, prefix: string): AsyncGenerator<string> {
  // Start at the deepest directory the prefix names, then filter by the whole prefix.
  const dirPart = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
  const stack = [dirPart];
  while (stack.length) {
    const rel = stack.pop()!;
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(path.join(root, ...rel.split('/').filter(Boolean)), { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    for (const entry of entries) {
      const key = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) stack.push(key);
      else if (entry.isFile() && key.startsWith(prefix) && !key.endsWith('.part')) {
        try {
          assertValidKey(key);
        } catch {
          continue; // not something the application stored
        }
        yield key;
      }
    }
  }
}
