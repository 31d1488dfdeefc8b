import type { Clock } from './clock.js';
import { LINK_ID, LinkSigner, type LinkRefusal, type ReceivedQuery, type SignedQuery } from './signed-link.js';

/** The query of a signed attachment link (the attachment's id is in the path). */
export type AttachmentLinkQuery = SignedQuery;

export type AttachmentLinkCheck = { ok: true; attachmentId: string; staffId: string } | { ok: false; reason: LinkRefusal };

/**
 * Issue #15: an e-mail attachment (often a medical certificate) never goes to a channel; the owner or a supervisor
 * opens it through a link made for them alone — signed, expiring soon, naming the person (signed-link.ts).
 */
export class AttachmentLinks {
  private readonly signer: LinkSigner;

  constructor(secret: string, lifetimeMs: number, clock: Clock) {
    this.signer = new LinkSigner('attachment', secret, lifetimeMs, clock);
  }

  /** The query that opens `attachmentId` for `staffId` until the lifetime runs out. */
  sign(attachmentId: string, staffId: string): AttachmentLinkQuery {
    return this.signer.sign([attachmentId], staffId);
  }

  /** Checks a link as received: the id from its path, every part of its query well formed, signed here, not expired. */
  verify(attachmentId: string, query: ReceivedQuery<AttachmentLinkQuery>): AttachmentLinkCheck {
    const check = this.signer.verify(LINK_ID.test(attachmentId) ? [attachmentId] : undefined, query);
    return check.ok ? { ok: true, attachmentId, staffId: check.staffId } : check;
  }
}
