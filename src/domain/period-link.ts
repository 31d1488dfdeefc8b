import type { Clock } from './clock.js';
import type { Period } from './quality/report.js';
import { LinkSigner, linkSeconds, type LinkRefusal, type ReceivedQuery, type SignedQuery } from './signed-link.js';

/** The query of a signed export link: the period (`from`, `to` in Unix seconds), `staff`, `expires` and `sig`. */
export interface PeriodLinkQuery extends SignedQuery {
  from: string;
  to: string;
}

export type PeriodLinkCheck = { ok: true; period: Period; staffId: string } | { ok: false; reason: LinkRefusal };

/**
 * An export of a period (a report's CSV, the audit log's) is a capability for one staff member (signed-link.ts). It
 * carries the period only — which rows it holds, and whether the person may still have them, is decided again from
 * the person's roles when it is opened.
 */
export class PeriodLinks {
  private readonly signer: LinkSigner;

  constructor(purpose: 'report-csv' | 'audit-csv', secret: string, lifetimeMs: number, clock: Clock) {
    this.signer = new LinkSigner(purpose, secret, lifetimeMs, clock);
  }

  sign(period: Period, staffId: string): PeriodLinkQuery {
    const from = String(Math.floor(period.from.getTime() / 1000));
    const to = String(Math.floor(period.to.getTime() / 1000));
    return { from, to, ...this.signer.sign([from, to], staffId) };
  }

  verify(query: ReceivedQuery<PeriodLinkQuery>): PeriodLinkCheck {
    const from = linkSeconds(query.from);
    const to = linkSeconds(query.to);
    const check = this.signer.verify(from === undefined || to === undefined ? undefined : [query.from!, query.to!], query);
    if (!check.ok) return check;
    if (from! >= to!) return { ok: false, reason: 'malformed' };
    return { ok: true, period: { from: new Date(from! * 1000), to: new Date(to! * 1000) }, staffId: check.staffId };
  }
}
