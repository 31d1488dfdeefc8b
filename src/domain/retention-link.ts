import type { Clock } from './clock.js';
import { LinkSigner, type LinkRefusal, type ReceivedQuery, type SignedQuery } from './signed-link.js';

/** The query of a link to the night-before list: the night (YYYY-MM-DD, the institution's zone), `staff`, `expires`, `sig`. */
export interface RetentionLinkQuery extends SignedQuery {
  night: string;
}

export type RetentionLinkCheck = { ok: true; night: string; staffId: string } | { ok: false; reason: LinkRefusal };

const NIGHT = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Issue #15: the list of inquiries to be anonymised on a night is a capability for one admin (signed-link.ts), with its
 * own purpose line so no other link opens it. It names the night only; the list is read again when it is opened.
 */
export class RetentionLinks {
  private readonly signer: LinkSigner;

  constructor(secret: string, lifetimeMs: number, clock: Clock) {
    this.signer = new LinkSigner('retention-list', secret, lifetimeMs, clock);
  }

  sign(night: string, staffId: string): RetentionLinkQuery {
    return { night, ...this.signer.sign([night], staffId) };
  }

  verify(query: ReceivedQuery<RetentionLinkQuery>): RetentionLinkCheck {
    const night = query.night && NIGHT.test(query.night) ? query.night : undefined;
    const check = this.signer.verify(night === undefined ? undefined : [night], query);
    return check.ok ? { ok: true, night: night!, staffId: check.staffId } : check;
  }
}

/** Where the web server serves the list (src/web/retention.ts). */
export const RETENTION_LIST_PATH = '/retention/due';

/** A day: the admin reads it the evening before the night it names; a link found later opens nothing. */
export const RETENTION_LINK_LIFETIME_MS = 24 * 3_600_000;
