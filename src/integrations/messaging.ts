/**
 * Outgoing messages to applicants: an interface, a real SMTP adapter (nodemailer, when
 * MOTCUA_SMTP_URL is set), a real HTTP adapter for SMS / Zalo providers (MOTCUA_SMS_URL /
 * MOTCUA_ZALO_URL: JSON POST {to, text}), a sandbox that records what would be sent in the
 * database (the demo mailbox; demo mode only, production refuses it) and `off`.
 */
import nodemailer from 'nodemailer';
import { v7 as uuidv7 } from 'uuid';
import type { ChannelConfig, ChannelsConfig } from '../config.ts';
import type { Db } from '../db/client.ts';
import { sandboxMessages } from '../db/schema.ts';

export type Channel = 'email' | 'sms' | 'zalo';

export interface OutgoingMessage {
  channel: Channel;
  recipient: string;
  subject: string;
  body: string;
  /**
   * What may be kept of it when the text carries a secret (a one-time code): the same text with
   * the secret masked. A sender that records messages records this, never `subject`/`body`.
   */
  kept?: { subject: string; body: string };
}

export interface MessageSender {
  send(message: OutgoingMessage): Promise<void>;
}

/** A channel switched off by configuration: nothing is sent, and the outbox says why. */
export class ChannelOffError extends Error {
  constructor(channel: Channel) {
    super(`kênh ${channel} đã tắt trong cấu hình (channel off)`);
  }
}

export class OffSender implements MessageSender {
  async send(m: OutgoingMessage): Promise<void> {
    throw new ChannelOffError(m.channel);
  }
}

/**
 * The demo mailbox's memory of secrets as they were sent: a message with a one-time code is
 * stored masked, and its clear text lives only here, in this process, for a few minutes, so the
 * demo's own reader can sign up without a phone. Never in a row that staff could read later.
 */
const SENT_SECRETS_TTL_MS = 15 * 60_000;
const SENT_SECRETS_MAX = 500;
const sentSecrets = new Map<string, { subject: string; body: string; until: number }>();

export function sentSecretText(id: string, nowMs: number): { subject: string; body: string } | null {
  const entry = sentSecrets.get(id);
  if (!entry) return null;
  if (entry.until < nowMs) {
    sentSecrets.delete(id);
    return null;
  }
  return { subject: entry.subject, body: entry.body };
}

export class SandboxSender implements MessageSender {
  constructor(private readonly db: Db) {}
  async send(m: OutgoingMessage): Promise<void> {
    // A recipient with "fail" in it lets tests and demos see retries and failures.
    if (m.recipient.includes('fail')) throw new Error('sandbox: recipient refused the message');
    const id = uuidv7();
    const kept = m.kept ?? { subject: m.subject, body: m.body };
    await this.db
      .insert(sandboxMessages)
      .values({ id, channel: m.channel, recipient: m.recipient, subject: kept.subject, body: kept.body });
    if (m.kept) {
      if (sentSecrets.size >= SENT_SECRETS_MAX) sentSecrets.delete(sentSecrets.keys().next().value as string);
      sentSecrets.set(id, { subject: m.subject, body: m.body, until: Date.now() + SENT_SECRETS_TTL_MS });
    }
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

function senderFor(db: Db, c: ChannelConfig): MessageSender {
  switch (c.kind) {
    case 'smtp':
      return new SmtpSender(c.url, c.from);
    case 'http':
      return new HttpSender(c.url, c.token ?? undefined);
    case 'off':
      return new OffSender();
    case 'sandbox':
      return new SandboxSender(db);
  }
}

/** The sender of each channel as configured (the sandbox where nothing is, in the demo). */
export function sendersFor(db: Db, channels: ChannelsConfig): Record<Channel, MessageSender> {
  return {
    email: senderFor(db, channels.email),
    sms: senderFor(db, channels.sms),
    zalo: senderFor(db, channels.zalo),
  };
}
