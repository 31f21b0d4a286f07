/** The backup archive's tar: what it writes, it and GNU tar read back. */
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { bodyBuffer, filterTarGz, readTar, TarWriter, tarHeader } from './backup-tar.ts';

const work = mkdtempSync(path.join(tmpdir(), 'motcua-tar-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function entriesOf(file: string) {
  const out: { name: string; bytes: Buffer }[] = [];
  await readTar(createReadStream(file), async (entry, body) => {
    out.push({ name: entry.name, bytes: await bodyBuffer(body) });
  });
  return out;
}

describe('backup tar', () => {
  const long = `files/${'d'.repeat(60)}/${'e'.repeat(60)}/2026/12/0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b`;
  const big = Buffer.alloc(70_000, 7);

  it('writes files of any size and names up to 255 bytes; reads them back', async () => {
    const source = path.join(work, 'big.bin');
    writeFileSync(source, big);
    const file = path.join(work, 'a.tar.gz');
    const tar = new TarWriter(file);
    await tar.addBuffer('motcua-backup.json', Buffer.from('{"format":"motcua-backup"}'));
    await tar.addBuffer('empty', Buffer.alloc(0));
    await tar.addFile(long, source, big.length);
    await tar.addBuffer('files/tiếng-việt.txt', Buffer.from('Một Cửa'));
    await tar.close();
    const entries = await entriesOf(file);
    expect(entries.map((e) => e.name)).toEqual(['motcua-backup.json', 'empty', long, 'files/tiếng-việt.txt']);
    expect(entries[2]!.bytes.equals(big)).toBe(true);
    expect(entries[3]!.bytes.toString()).toBe('Một Cửa');
    // An entry the reader skips does not throw it off.
    const names: string[] = [];
    await readTar(createReadStream(file), async (entry) => {
      names.push(entry.name);
    });
    expect(names).toHaveLength(4);
    const gnu = spawnSync('tar', ['tzf', file], { encoding: 'utf8' });
    if (gnu.status !== null && !gnu.error) expect(gnu.stdout.trim().split('\n')).toContain(long);
  });

  it('refuses a name that cannot fit, and a file that is not an archive', async () => {
    expect(() => tarHeader('x'.repeat(300), 1)).toThrow(/too long/);
    const bogus = path.join(work, 'bogus.gz');
    writeFileSync(bogus, gzipSync(Buffer.alloc(1024, 65)));
    await expect(entriesOf(bogus)).rejects.toThrow(/Not a backup archive/);
  });

  it('filters entries of a tar out, copying the others unchanged', async () => {
    const file = path.join(work, 'b.tar.gz');
    const tar = new TarWriter(file);
    await tar.addBuffer('/PG_VERSION', Buffer.from('17'));
    await tar.addBuffer('/files/2026/11/x', Buffer.from('upload'));
    await tar.addBuffer('/base/1/1259', Buffer.alloc(600, 1));
    await tar.close();
    const filtered = path.join(work, 'c.tar.gz');
    writeFileSync(
      filtered,
      filterTarGz(readFileSync(file), (n) => !/^\/?files(\/|$)/.test(n)),
    );
    const entries = await entriesOf(filtered);
    expect(entries.map((e) => e.name)).toEqual(['/PG_VERSION', '/base/1/1259']);
    expect(entries[1]!.bytes.equals(Buffer.alloc(600, 1))).toBe(true);
  });
});
