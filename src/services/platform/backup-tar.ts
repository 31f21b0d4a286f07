/**
 * A minimal tar (POSIX ustar) writer and reader for backups, on node:zlib streams: no dependency,
 * and the archive opens with any `tar xzf`. Regular files and directories only; names up to 255
 * bytes (ustar prefix + name), sizes of any length (GNU base-256 above 8 GiB).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { createGunzip, createGzip, gunzipSync, gzipSync } from 'node:zlib';

const BLOCK = 512;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function splitName(name: string): { prefix: string; base: string } {
  if (Buffer.byteLength(name) <= 100) return { prefix: '', base: name };
  // Split at a slash so that the prefix fits 155 bytes and the rest 100.
  for (let i = name.lastIndexOf('/'); i > 0; i = name.lastIndexOf('/', i - 1)) {
    const prefix = name.slice(0, i);
    const base = name.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(base) <= 100) return { prefix, base };
  }
  throw new Error(`Name too long for the backup archive: ${name}`);
}

/** A ustar header block for a file (`size` bytes) or a directory. */
export function tarHeader(name: string, size: number, type: 'file' | 'dir' = 'file', mtime = new Date()) {
  const header = Buffer.alloc(BLOCK);
  const { prefix, base } = splitName(name);
  header.write(base, 0, 100, 'utf8');
  header.write(octal(type === 'dir' ? 0o755 : 0o644, 8), 100, 'ascii');
  header.write(octal(0, 8), 108, 'ascii');
  header.write(octal(0, 8), 116, 'ascii');
  if (size < 8 ** 11) header.write(octal(size, 12), 124, 'ascii');
  else {
    // GNU base-256: high bit set, big-endian binary in the remaining 11 bytes.
    header[124] = 0x80;
    let rest = BigInt(size);
    for (let i = 135; i > 124; i--) {
      header[i] = Number(rest & 0xffn);
      rest >>= 8n;
    }
  }
  header.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii');
  header.write('        ', 148, 'ascii');
  header.write(type === 'dir' ? '5' : '0', 156, 'ascii');
  header.write('ustar\0', 257, 'ascii');
  header.write('00', 263, 'ascii');
  header.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return header;
}

const padding = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

/** Writes a gzipped tar to a file, entry by entry, with back-pressure. */
export class TarWriter {
  private readonly gzip = createGzip();
  private readonly file: Writable;
  private readonly done: Promise<unknown>;

  constructor(path: string) {
    this.file = createWriteStream(path, { flags: 'wx' });
    this.gzip.pipe(this.file);
    this.done = once(this.file, 'close');
    // Surface write errors at the next write or at close.
    this.file.on('error', (err) => this.gzip.destroy(err));
  }

  private async write(chunk: Buffer): Promise<void> {
    if (!this.gzip.write(chunk)) await once(this.gzip, 'drain');
  }

  async addBuffer(name: string, bytes: Buffer): Promise<void> {
    await this.write(tarHeader(name, bytes.length));
    await this.write(bytes);
    await this.write(padding(bytes.length));
  }

  async addFile(name: string, path: string, size: number): Promise<void> {
    await this.write(tarHeader(name, size));
    let written = 0;
    for await (const chunk of createReadStream(path)) {
      written += (chunk as Buffer).length;
      await this.write(chunk as Buffer);
    }
    if (written !== size) throw new Error(`${path} changed size while being backed up`);
    await this.write(padding(size));
  }

  async close(): Promise<void> {
    await this.write(Buffer.alloc(BLOCK * 2));
    this.gzip.end();
    await this.done;
  }
}

export interface TarEntry {
  name: string;
  type: 'file' | 'dir' | 'other';
  size: number;
  /** The header block exactly as read (to copy an entry unchanged). */
  header: Buffer;
}

function readString(block: Buffer, start: number, length: number): string {
  const raw = block.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString('utf8');
}

function readSize(block: Buffer): number {
  if (block[124]! & 0x80) {
    let value = 0n;
    for (let i = 125; i < 136; i++) value = (value << 8n) | BigInt(block[i]!);
    return Number(value);
  }
  return Number.parseInt(readString(block, 124, 12).trim() || '0', 8);
}

function parseHeader(block: Buffer): TarEntry {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block[i]!;
  const stated = Number.parseInt(readString(block, 148, 8).trim(), 8);
  if (stated !== sum) throw new Error('Not a backup archive (bad tar header checksum)');
  const base = readString(block, 0, 100);
  const magic = readString(block, 257, 6);
  const prefix = magic.startsWith('ustar') ? readString(block, 345, 155) : '';
  const flag = String.fromCharCode(block[156]!);
  return {
    name: prefix ? `${prefix}/${base}` : base,
    type: flag === '0' || flag === '\0' ? 'file' : flag === '5' ? 'dir' : 'other',
    size: readSize(block),
    header: Buffer.from(block),
  };
}

/**
 * Reads a tar stream (gzipped when `gzip`), calling `onEntry` for each entry with a readable of its
 * bytes, which the callback must consume (or ignore: what is left is skipped).
 */
export async function readTar(
  input: Readable,
  onEntry: (entry: TarEntry, body: AsyncIterable<Buffer>) => Promise<void>,
  gzip = true,
): Promise<void> {
  const source = gzip ? input.pipe(createGunzip()) : input;
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let pending: Buffer = Buffer.alloc(0);
  let ended = false;
  const fill = async (n: number): Promise<boolean> => {
    while (pending.length < n && !ended) {
      const next = await iterator.next();
      if (next.done) ended = true;
      else pending = pending.length ? Buffer.concat([pending, next.value]) : next.value;
    }
    return pending.length >= n;
  };
  const take = (n: number) => {
    const out = pending.subarray(0, n);
    pending = pending.subarray(n);
    return out;
  };
  for (;;) {
    if (!(await fill(BLOCK))) return; // a missing end marker is tolerated
    const block = take(BLOCK);
    if (block.every((b) => b === 0)) return;
    const entry = parseHeader(block);
    let left = entry.size;
    async function* body(): AsyncGenerator<Buffer> {
      while (left > 0) {
        if (pending.length === 0 && !(await fill(1))) throw new Error('Backup archive is truncated');
        const chunk = take(Math.min(left, pending.length));
        left -= chunk.length;
        yield Buffer.from(chunk);
      }
    }
    await onEntry(entry, body());
    // Skip what the callback did not read (it may stop early), then the padding.
    while (left > 0) {
      if (pending.length === 0 && !(await fill(1))) throw new Error('Backup archive is truncated');
      left -= take(Math.min(left, pending.length)).length;
    }
    const pad = (BLOCK - (entry.size % BLOCK)) % BLOCK;
    if (pad && !(await fill(pad))) throw new Error('Backup archive is truncated');
    take(pad);
  }
}

/**
 * The same tar (gzipped in and out) without the entries `keep` rejects, every other header and
 * byte copied unchanged (so whatever wrote it reads it back the same).
 */
export function filterTarGz(gz: Buffer, keep: (name: string) => boolean): Buffer {
  const tar = gunzipSync(gz);
  const out: Buffer[] = [];
  let at = 0;
  while (at + BLOCK <= tar.length) {
    const block = tar.subarray(at, at + BLOCK);
    if (block.every((b) => b === 0)) break;
    const entry = parseHeader(block);
    const span = BLOCK + Math.ceil(entry.size / BLOCK) * BLOCK;
    if (keep(entry.name)) out.push(tar.subarray(at, at + span));
    at += span;
  }
  out.push(Buffer.alloc(BLOCK * 2));
  return gzipSync(Buffer.concat(out));
}

/** Collects an entry's bytes. */
export async function bodyBuffer(body: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of body) parts.push(chunk);
  return Buffer.concat(parts);
}
