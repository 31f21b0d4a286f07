/**
 * The virus-scan hook: every upload passes through a scanner before it is stored, when one is
 * configured. The built-in one speaks to ClamAV's daemon (clamd) over TCP; without MOTCUA_CLAMD files
 * are stored unscanned and marked 'skipped', so an operator can see what was never checked.
 */
import { connect } from 'node:net';
import type { Config } from '../config.ts';

export interface ScanVerdict {
  clean: boolean;
  /** The malware's name as the scanner reports it, when not clean. */
  signature?: string;
}

export interface VirusScanner {
  /** Rejects when the scanner cannot give a verdict (unreachable, timed out, size limit). */
  scan(bytes: Buffer): Promise<ScanVerdict>;
}

export interface ClamdOptions {
  /** Abort when clamd has not answered within this time (ms). Default 30 s. */
  timeoutMs?: number;
  /** Bytes per INSTREAM chunk; must stay below clamd's StreamMaxLength. Default 64 KiB. */
  chunkBytes?: number;
}

/**
 * clamd's INSTREAM command: "zINSTREAM\0", then chunks each prefixed by its length as a 4-byte
 * big-endian integer, then a zero length; clamd answers "stream: OK" or "stream: <name> FOUND"
 * (NUL-terminated because of the "z" prefix), or "… ERROR" (e.g. the stream size limit).
 */
export class ClamdScanner implements VirusScanner {
  constructor(
    readonly host: string,
    readonly port: number,
    private readonly options: ClamdOptions = {},
  ) {}

  scan(bytes: Buffer): Promise<ScanVerdict> {
    const timeoutMs = this.options.timeoutMs ?? 30_000;
    const chunkBytes = this.options.chunkBytes ?? 64 * 1024;
    return new Promise<ScanVerdict>((resolve, reject) => {
      const socket = connect({ host: this.host, port: this.port });
      const replies: Buffer[] = [];
      let settled = false;
      const finish = (error: Error | null, verdict?: ScanVerdict) => {
        if (settled) return;
        settled = true;
        socket.destroy();
        if (error) reject(error);
        else resolve(verdict!);
      };
      socket.setTimeout(timeoutMs, () => finish(new Error(`clamd did not answer within ${timeoutMs} ms`)));
      socket.on('error', (error) => finish(new Error(`clamd unreachable: ${error.message}`)));
      socket.on('connect', () => {
        socket.write('zINSTREAM\0');
        for (let offset = 0; offset < bytes.length; offset += chunkBytes) {
          const chunk = bytes.subarray(offset, offset + chunkBytes);
          const length = Buffer.alloc(4);
          length.writeUInt32BE(chunk.length);
          socket.write(length);
          socket.write(chunk);
        }
        socket.write(Buffer.alloc(4)); // zero length: end of stream
      });
      socket.on('data', (data: Buffer) => {
        replies.push(data);
        if (data.includes(0)) socket.end();
      });
      socket.on('close', () => {
        if (settled) return;
        const reply = Buffer.concat(replies)
          .toString('utf8')
          .replace(/\0[\s\S]*$/, '')
          .trim();
        try {
          finish(null, parseClamdReply(reply));
        } catch (error) {
          finish(error as Error);
        }
      });
    });
  }
}

/** "stream: OK" → clean; "stream: Eicar-Test-Signature FOUND" → infected; anything else throws. */
export function parseClamdReply(reply: string): ScanVerdict {
  const text = reply.replace(/^\d+:\s*/, ''); // an IDSESSION reply carries a request number
  if (/^stream: OK$/.test(text)) return { clean: true };
  const found = /^stream: (.+) FOUND$/.exec(text);
  if (found) return { clean: false, signature: found[1]! };
  throw new Error(`clamd could not scan: ${text || '(no reply)'}`);
}

/** "host:port" (or "[::1]:3310") → the parts. */
export function parseClamdAddress(address: string): { host: string; port: number } {
  const at = address.lastIndexOf(':');
  const host = address.slice(0, at).replace(/^\[(.*)\]$/, '$1');
  const port = Number(address.slice(at + 1));
  if (at <= 0 || !host || !Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`MOTCUA_CLAMD must be host:port, got "${address}"`);
  return { host, port };
}

/** The configured scanner, or null when no clamd is configured (files are then stored as 'skipped'). */
export function scannerFromConfig(config: Pick<Config, 'clamd'>): VirusScanner | null {
  if (!config.clamd) return null;
  const { host, port } = parseClamdAddress(config.clamd);
  return new ClamdScanner(host, port);
}
