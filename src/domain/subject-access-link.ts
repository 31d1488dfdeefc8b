import type { Clock } from './clock.js';
import { LINK_ID, LinkSigner, type LinkRefusal, type ReceivedQuery, type SignedQuery } from './signed-link.js';

/** The query of a subject-access link: the stored request's `id` (never the person's e-mail or phone), then the signature. */
export interface SubjectAccessLinkQuery extends SignedQuery {
  id: string;
}

export type SubjectAccessLinkCheck = { ok: true; requestId: string; staffId: string } | { ok: false; reason: LinkRefusal };

/**
 * R12.records, issue #15 (subject access): everything stored about one family, for the one admin who asked. The link
 * names the request by its id, so the person's contact never travels in a URL (browser history, proxies); it is signed
 * for its own purpose, so no letter, attachment or report link opens it, and expires soon.
 */
export class SubjectAccessLinks {
  private readonly signer: LinkSigner;

  constructor(secret: string, lifetimeMs: number, clock: Clock) {
    this.signer = new LinkSigner('subject-access', secret, lifetimeMs, clock);
  }

  sign(requestId: string, staffId: string): SubjectAccessLinkQuery {
    return { id: requestId, ...this.signer.sign([requestId], staffId) };
  }

  verify(query: ReceivedQuery<SubjectAccessLinkQuery>): SubjectAccessLinkCheck {
    const id = query.id;
    const check = this.signer.verify(id && LINK_ID.test(id) ? [id] : undefined, query);
    return check.ok ? { ok: true, requestId: id!, staffId: check.staffId } : check;
  }
}

/** Where the web server serves the export (src/web/subject-access.ts); `?format=json` downloads the JSON file. */
export const SUBJECT_ACCESS_PATH = '/subject-access';

/** An hour: like the audit log's export, the admin asked just now; a link found later in a chat history opens nothing. */
export const SUBJECT_ACCESS_LINK_LIFETIME_MS = 3_600_000;
