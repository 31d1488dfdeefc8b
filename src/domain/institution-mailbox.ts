import { z } from 'zod';
import { DomainError } from './errors.js';
import { FIELD_REASONS } from './validation.js';

/** A sender as a mail header takes it: `rastine@saulute.lt` or `Saulutė <rastine@saulute.lt>`. */
const SENDER = /^(?:[^<>\r\n]*<[^<>\s@]+@[^<>\s@]+\.[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+\.[^<>\s@]+)$/;

/**
 * Issue #17: an institution's own mailbox — where its clients' e-mails are read (IMAP) and its answers sent from
 * (SMTP). The server addresses carry the logins' passwords (`imaps://user:password@host:993`), so they are sealed at
 * rest and never shown back (`withoutPassword`). Either server may be left out: a mailbox only read, or only sent from.
 */
export const mailboxSettingsSchema = z
  .object({
    imapUrl: z.url({ protocol: /^imaps?$/ }).nullable(),
    imapFolder: z.string().trim().min(1).max(200),
    smtpUrl: z.url({ protocol: /^smtps?$/ }).nullable(),
    from: z.string().trim().max(300).regex(SENDER, 'a sender such as "Saulutė <rastine@saulute.lt>"').nullable(),
  })
  .strict()
  // Every client e-mail names its sender (the replies come back to the institution's mailbox).
  .refine((mailbox) => mailbox.smtpUrl === null || mailbox.from !== null, { path: ['from'], message: 'required' });
export type MailboxSettings = z.infer<typeof mailboxSettingsSchema>;

/** The current institution's own mailbox, as stored (row-level security: a transaction reads and changes its own). */
export interface MailboxSettingsStore {
  /** Null when the institution set none. */
  own(): Promise<MailboxSettings | null>;
  /** Null removes it. */
  save(mailbox: MailboxSettings | null): Promise<void>;
}

/** Why a server named for a mailbox cannot be used; the field it is beside. */
export interface MailServerProblem {
  path: 'imapUrl' | 'imapFolder' | 'smtpUrl';
  reason: typeof FIELD_REASONS.unreachable | typeof FIELD_REASONS.loginRefused | typeof FIELD_REASONS.noFolder;
}

/**
 * Port: tries the servers before they are saved (src/mail/server-probe.ts), so an admin who mistyped a password
 * hears it beside the field instead of clients' e-mails silently going unread.
 */
export interface MailServerProbe {
  problems(mailbox: MailboxSettings): Promise<MailServerProblem[]>;
}

/** A server's address as it may be shown: everything but the password. */
export function withoutPassword(url: string): string {
  const parsed = new URL(url);
  parsed.password = '';
  return parsed.toString().replace(/\/$/, '');
}

/**
 * A server address typed without its password keeps the stored one when it names the same login on the same server
 * (the form shows the address without it): an admin changes the folder without retyping a password.
 */
export function keepingPassword(given: string | null, stored: string | null): string | null {
  if (!given || !stored) return given;
  const typed = new URL(given);
  const kept = new URL(stored);
  if (typed.password !== '' || withoutPassword(given) !== withoutPassword(stored)) return given;
  typed.password = kept.password;
  return typed.toString();
}

/** The probe's findings as the refusal the forms show beside each server's field. */
export function mailServerError(problems: readonly MailServerProblem[]): DomainError {
  return new DomainError('INPUT.INVALID', `Mail server not usable: ${problems.map((problem) => `${problem.path}: ${problem.reason}`).join('; ')}`, {
    fields: problems.map((problem) => ({ path: problem.path, message: problem.reason, reason: problem.reason })),
  });
}
