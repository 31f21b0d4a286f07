import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClamdScanner, parseClamdAddress, parseClamdReply, scannerFromConfig } from './virus-scan.ts';

/** The EICAR test string: every antivirus reports it, so it stands in for malware in tests. */
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

/**
 * A fake clamd speaking INSTREAM: checks the command and the chunk framing, reassembles the stream
 * and answers FOUND when it contains the EICAR string. `mode` lets a test make it misbehave.
 */
function fakeClamd() {
  const state = {
    mode: 'normal' as 'normal' | 'error' | 'silent',
    streams: [] as { bytes: Buffer; chunks: number }[],
  };
  const server: Server = createServer((socket: Socket) => {
    let buffer = Buffer.alloc(0);
    let commandSeen = false;
    const chunks: Buffer[] = [];
    socket.on('data', (data: Buffer) => {
      buffer = Buffer.concat([buffer, data]);
      if (!commandSeen) {
        const command = 'zINSTREAM\0';
        if (buffer.length < command.length) return;
        if (buffer.subarray(0, command.length).toString('latin1') !== command) {
          socket.end('UNKNOWN COMMAND\0');
          return;
        }
        commandSeen = true;
        buffer = buffer.subarray(command.length);
      }
      while (buffer.length >= 4) {
        const length = buffer.readUInt32BE(0);
        if (length === 0) {
          const bytes = Buffer.concat(chunks);
          state.streams.push({ bytes, chunks: chunks.length });
          if (state.mode === 'silent') return;
          if (state.mode === 'error') socket.end('INSTREAM size limit exceeded. ERROR\0');
          else if (bytes.includes(EICAR)) socket.end('stream: Win.Test.EICAR_HDB-1 FOUND\0');
          else socket.end('stream: OK\0');
          return;
        }
        if (buffer.length < 4 + length) return;
        chunks.push(buffer.subarray(4, 4 + length));
        buffer = buffer.subarray(4 + length);
      }
    });
    socket.on('error', () => {});
  });
  return { server, state };
}

describe('ClamdScanner against a fake clamd', () => {
  const clamd = fakeClamd();
  let port: number;
  beforeAll(async () => {
    await new Promise<void>((resolve) => clamd.server.listen(0, '127.0.0.1', resolve));
    port = (clamd.server.address() as AddressInfo).port;
  });
  afterAll(async () => new Promise<void>((resolve) => clamd.server.close(() => resolve())));

  it('reports a clean file, streaming it in length-prefixed chunks', async () => {
    const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(200_000, 0x41)]);
    const verdict = await new ClamdScanner('127.0.0.1', port, { chunkBytes: 65_536 }).scan(bytes);
    expect(verdict).toEqual({ clean: true });
    const last = clamd.state.streams.at(-1)!;
    expect(last.bytes.equals(bytes)).toBe(true);
    expect(last.chunks).toBe(4);
  });

  it('reports an infected file with the signature name', async () => {
    const verdict = await new ClamdScanner('127.0.0.1', port).scan(Buffer.from(`%PDF-1.4\n${EICAR}`));
    expect(verdict).toEqual({ clean: false, signature: 'Win.Test.EICAR_HDB-1' });
  });

  it('scans an empty file', async () => {
    expect(await new ClamdScanner('127.0.0.1', port).scan(Buffer.alloc(0))).toEqual({ clean: true });
  });

  it('rejects when clamd answers an error, times out or is not there', async () => {
    clamd.state.mode = 'error';
    await expect(new ClamdScanner('127.0.0.1', port).scan(Buffer.from('x'))).rejects.toThrow(
      /INSTREAM size limit exceeded/,
    );
    clamd.state.mode = 'silent';
    await expect(
      new ClamdScanner('127.0.0.1', port, { timeoutMs: 200 }).scan(Buffer.from('x')),
    ).rejects.toThrow(/did not answer/);
    clamd.state.mode = 'normal';
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(new ClamdScanner('127.0.0.1', closedPort).scan(Buffer.from('x'))).rejects.toThrow(
      /clamd unreachable/,
    );
  });
});

describe('clamd replies and configuration', () => {
  it.each([
    ['stream: OK', { clean: true }],
    ['stream: Eicar-Signature FOUND', { clean: false, signature: 'Eicar-Signature' }],
    ['1: stream: OK', { clean: true }],
  ])('%j', (reply, verdict) => {
    expect(parseClamdReply(reply)).toEqual(verdict);
  });

  it('throws on an error reply', () => {
    expect(() => parseClamdReply('INSTREAM size limit exceeded. ERROR')).toThrow(/could not scan/);
    expect(() => parseClamdReply('')).toThrow(/no reply/);
  });

  it('parses host:port, including IPv6', () => {
    expect(parseClamdAddress('clamav:3310')).toEqual({ host: 'clamav', port: 3310 });
    expect(parseClamdAddress('[::1]:3310')).toEqual({ host: '::1', port: 3310 });
    expect(() => parseClamdAddress('clamav')).toThrow(/host:port/);
    expect(() => parseClamdAddress('clamav:99999')).toThrow(/host:port/);
  });

  it('gives no scanner without MOTCUA_CLAMD', () => {
    expect(scannerFromConfig({ clamd: null })).toBeNull();
    const scanner = scannerFromConfig({ clamd: '127.0.0.1:3310' });
    expect(scanner).toBeInstanceOf(ClamdScanner);
    expect((scanner as ClamdScanner).port).toBe(3310);
  });
});
