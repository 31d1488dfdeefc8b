import type { Clock } from './clock.js';
import { LINK_ID, LinkSigner, type LinkRefusal, type ReceivedQuery, type SignedQuery } from './signed-link.js';

/** The query of a signed letter link: `id`, `staff`, `expires` (Unix seconds) and `sig`. */
export interface LetterLinkQuery extends SignedQuery {
  id: string;
}

export type LetterLinkCheck = { ok: true; letterId: string; staffId: string } | { ok: false; reason: LinkRefusal };

/**
 * R55.same-channel: the printable letter holds a client's name and postal address, so its link is a capability
 * for one staff member (signed-link.ts). Slack and Teams deliver it privately to that person; the page asks nothing
 * more, and an altered, expired or foreign link (another letter, another person, another installation's secret)
 * opens nothing. A restart without LETTER_LINK_SECRET ends every link made before it.
 */
export class LetterLinks {
  private readonly signer: LinkSigner;

  constructor(secret: string, lifetimeMs: number, clock: Clock) {
    this.signer = new LinkSigner('letter', secret, lifetimeMs, clock);
  }

  /** The query that opens `letterId` for `staffId` until the lifetime runs out. */
  sign(letterId: string, staffId: string): LetterLinkQuery {
    return { id: letterId, ...this.signer.sign([letterId], staffId) };
  }

  verify(query: ReceivedQuery<LetterLinkQuery>): LetterLinkCheck {
    const id = query.id;
    const check = this.signer.verify(id && LINK_ID.test(id) ? [id] : undefined, query);
    return check.ok ? { ok: true, letterId: id!, staffId: check.staffId } : check;
  }
}
