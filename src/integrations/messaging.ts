/**
 * Outgoing messages to applicants: an interface, a real SMTP adapter (nodemailer, when
 * MOTCUA_SMTP_URL is set), a real HTTP adapter for SMS / Zalo providers (MOTCUA_SMS_URL /
 * MOTCUA_ZALO_URL: JSON POST {to, text}), and a sandbox that records what would be sent in the
 * database (the demo mailbox) — used when no provider is configured.
 */
import nodemailer from 'nodemailer';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../db/client.ts';
import { sandboxMessages } from '../db/schema.ts';

export type Channel = 'email' | 'sms' | 'zalo';

export interface OutgoingMessage {
  channel: Channel;
  recipient: string;
  subject: string;
  body: string;
}

export interface MessageSender {
  send(message: OutgoingMessage): Promise<void>;
}

export class SandboxSender implements MessageSender {
  constructor(private readonly db: Db) {}
  async send(m: OutgoingMessage): Promise<void> {
    // A recipient with "fail" in it lets tests and demos see retries and failures.
    if (m.recipient.includes('fail')) throw new Error('sandbox: recipient refused the message');
    await this.db.insert(sandboxMessages).values({ id: uuidv7(), ...m });
  }
}

export class SmtpSender implements MessageSender {
  private readonly transport;
  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(url);
  }
  async send(m: OutgoingMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: m.recipient, subject: m.subject, text: m.body });
  }
}

export class HttpSender implements MessageSender {
  constructor(
    private readonly url: string,
    private readonly token: string | undefined,
  ) {}
  async send(m: OutgoingMessage): Promise<void> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: JSON.stringify({ to: m.recipient, text: m.subject ? `${m.subject}\n${m.body}` : m.body }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`provider answered ${res.status}`);
  }
}

/** The sender per channel from the environment; the sandbox where nothing is configured. */
export function sendersFromEnv(db: Db, env: NodeJS.ProcessEnv = process.env): Record<Channel, MessageSender> {
  const sandbox = new SandboxSender(db);
  return {
    email: env.MOTCUA_SMTP_URL
      ? new SmtpSender(env.MOTCUA_SMTP_URL, env.MOTCUA_MAIL_FROM ?? 'Một Cửa <no-reply@localhost>')
      : sandbox,
    sms: env.MOTCUA_SMS_URL ? new HttpSender(env.MOTCUA_SMS_URL, env.MOTCUA_SMS_TOKEN) : sandbox,
    zalo: env.MOTCUA_ZALO_URL ? new HttpSender(env.MOTCUA_ZALO_URL, env.MOTCUA_ZALO_TOKEN) : sandbox,
  };
}
