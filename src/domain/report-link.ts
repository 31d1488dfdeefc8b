import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from './clock.js';
import type { Period } from './quality/report.js';

/** The query of a signed export link: the period (`from`, `to` in Unix seconds), `staff`, `expires` and `sig`. */
export interface ReportLinkQuery {
  from: string;
  to: string;
  staff: string;
  expires: string;
  sig: string;
}

export type ReportLinkCheck = { ok: true; period: Period; staffId: string } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

const ID = /^[A-Za-z0-9-]{1,64}$/;
const SECONDS = /^\d{1,12}$/;

/**
 * R60.internal: the CSV export of a report is a capability for one staff member, like a letter link
 * (letter-link.ts): signed with the installation's secret, valid for a while, naming the person. It carries the
 * period only — whose rows it holds is decided again, from the person's roles, when it is opened.
 */
export class ReportLinks {
  constructor(
    private readonly secret: string,
    private readonly lifetimeMs: number,
    private readonly clock: Clock,
  ) {
    if (secret.length < 16) throw new Error('The report link secret must have at least 16 characters');
  }

  sign(period: Period, staffId: string): ReportLinkQuery {
    const from = String(Math.floor(period.from.getTime() / 1000));
    const to = String(Math.floor(period.to.getTime() / 1000));
    const expires = String(Math.floor((this.clock.now().getTime() + this.lifetimeMs) / 1000));
    return { from, to, staff: staffId, expires, sig: this.mac(from, to, staffId, expires) };
  }

  verify(query: Partial<Record<keyof ReportLinkQuery, string | null>>): ReportLinkCheck {
    const { from, to, staff, expires, sig } = query;
    if (!from || !to || !staff || !expires || !sig || !SECONDS.test(from) || !SECONDS.test(to) || !ID.test(staff) || !SECONDS.test(expires) || !/^[A-Za-z0-9_-]{43}$/.test(sig)) {
      return { ok: false, reason: 'malformed' };
    }
    const expected = Buffer.from(this.mac(from, to, staff, expires));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad_signature' };
    if (Number(expires) * 1000 <= this.clock.now().getTime()) return { ok: false, reason: 'expired' };
    if (Number(from) >= Number(to)) return { ok: false, reason: 'malformed' };
    return { ok: true, period: { from: new Date(Number(from) * 1000), to: new Date(Number(to) * 1000) }, staffId: staff };
  }

  private mac(from: string, to: string, staffId: string, expires: string): string {
    // Its own purpose line: a letter link never opens an export, nor the other way round.
    return createHmac('sha256', this.secret).update(`langelis-report-csv-v1\n${from}\n${to}\n${staffId}\n${expires}`).digest('base64url');
  }
}

/** Where the web server serves a report's CSV (src/web/reports.ts); the chat reports link to it. */
export const REPORT_EXPORT_PATH = '/reports/export.csv';

/** A week: the digest's link still opens when it is read later in the week. */
export const REPORT_LINK_LIFETIME_MS = 7 * 24 * 3_600_000;
