import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from './clock.js';

/** What every signed link carries besides its subject: the person it was made for, when it ends, the signature. */
export interface SignedQuery {
  staff: string;
  expires: string;
  sig: string;
}

/** Why a link opens nothing; pages say the same to everyone (`expired` may be told apart), the log keeps the reason. */
export type LinkRefusal = 'malformed' | 'bad_signature' | 'expired';

export type SignedCheck = { ok: true; staffId: string } | { ok: false; reason: LinkRefusal };

/** A query as received: any part may be missing. */
export type ReceivedQuery<Q> = Partial<Record<keyof Q, string | null>>;

/** An id as links carry it (UUIDs, Slack and Teams ids). */
export const LINK_ID = /^[A-Za-z0-9-]{1,64}$/;
const SECONDS = /^\d{1,12}$/;

/**
 * Letters, attachments, report and audit exports are each a capability for one staff member: signed (HMAC-SHA256
 * with the installation's secret), valid for a while, naming the person. Each kind signs a purpose line of its own,
 * so one kind's link never opens another's. A new secret ends every link made before it.
 */
export class LinkSigner {
  constructor(
    private readonly purpose: string,
    private readonly secret: string,
    private readonly lifetimeMs: number,
    private readonly clock: Clock,
  ) {
    if (secret.length < 16) throw new Error(`The ${purpose} link secret must have at least 16 characters`);
  }

  /** The staff, expiry and signature parts of a link to `subject` for `staffId`. */
  sign(subject: readonly string[], staffId: string): SignedQuery {
    const expires = String(Math.floor((this.clock.now().getTime() + this.lifetimeMs) / 1000));
    return { staff: staffId, expires, sig: this.mac(subject, staffId, expires) };
  }

  /** Checks a received link; `subject` is undefined when the caller found its own parts malformed. */
  verify(subject: readonly string[] | undefined, query: ReceivedQuery<SignedQuery>): SignedCheck {
    const { staff, expires, sig } = query;
    if (!subject || !staff || !expires || !sig || !LINK_ID.test(staff) || !SECONDS.test(expires) || !/^[A-Za-z0-9_-]{43}$/.test(sig)) {
      return { ok: false, reason: 'malformed' };
    }
    const expected = Buffer.from(this.mac(subject, staff, expires));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad_signature' };
    if (Number(expires) * 1000 <= this.clock.now().getTime()) return { ok: false, reason: 'expired' };
    return { ok: true, staffId: staff };
  }

  private mac(subject: readonly string[], staffId: string, expires: string): string {
    return createHmac('sha256', this.secret).update([`langelis-${this.purpose}-v1`, ...subject, staffId, expires].join('\n')).digest('base64url');
  }
}

/** Unix seconds as a link carries them, or undefined when the text is not one. */
export function linkSeconds(text: string | null | undefined): number | undefined {
  return text && SECONDS.test(text) ? Number(text) : undefined;
}
