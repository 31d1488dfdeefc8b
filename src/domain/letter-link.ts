import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from './clock.js';

/** The query of a signed letter link: `id`, `staff`, `expires` (Unix seconds) and `sig`. */
export interface LetterLinkQuery {
  id: string;
  staff: string;
  expires: string;
  sig: string;
}

/** Why a link opens nothing; the page says the same to everyone, the log keeps the reason. */
export type LetterLinkRefusal = 'malformed' | 'bad_signature' | 'expired';

export type LetterLinkCheck = { ok: true; letterId: string; staffId: string } | { ok: false; reason: LetterLinkRefusal };

const ID = /^[A-Za-z0-9-]{1,64}$/;

/**
 * R55.same-channel: the printable letter holds a client's name and postal address, so its link is a capability
 * for one staff member: signed (HMAC-SHA256 with the installation's secret), valid for a while, and naming the
 * person it was made for. Slack and Teams deliver it privately to that person; the page asks nothing more, and
 * an altered, expired or foreign link (another letter, another person, another installation's secret) opens
 * nothing. A new secret — a restart without LETTER_LINK_SECRET — ends every link made before it.
 */
export class LetterLinks {
  constructor(
    private readonly secret: string,
    private readonly lifetimeMs: number,
    private readonly clock: Clock,
  ) {
    if (secret.length < 16) throw new Error('The letter link secret must have at least 16 characters');
  }

  /** The query that opens `letterId` for `staffId` until the lifetime runs out. */
  sign(letterId: string, staffId: string): LetterLinkQuery {
    const expires = String(Math.floor((this.clock.now().getTime() + this.lifetimeMs) / 1000));
    return { id: letterId, staff: staffId, expires, sig: this.mac(letterId, staffId, expires) };
  }

  /** Checks a link's query as received: every part present and well formed, the signature the installation's, not expired. */
  verify(query: Partial<Record<keyof LetterLinkQuery, string | null>>): LetterLinkCheck {
    const { id, staff, expires, sig } = query;
    if (!id || !staff || !expires || !sig || !ID.test(id) || !ID.test(staff) || !/^\d{1,12}$/.test(expires) || !/^[A-Za-z0-9_-]{43}$/.test(sig)) {
      return { ok: false, reason: 'malformed' };
    }
    const expected = Buffer.from(this.mac(id, staff, expires));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad_signature' };
    if (Number(expires) * 1000 <= this.clock.now().getTime()) return { ok: false, reason: 'expired' };
    return { ok: true, letterId: id, staffId: staff };
  }

  private mac(letterId: string, staffId: string, expires: string): string {
    return createHmac('sha256', this.secret).update(`langelis-letter-v1\n${letterId}\n${staffId}\n${expires}`).digest('base64url');
  }
}
