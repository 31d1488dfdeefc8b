import type { Clock } from './clock.js';
import type { InstitutionId } from './institution.js';
import { LinkSigner, type LinkRefusal, type ReceivedQuery } from './signed-link.js';

/** The query of an install link: the institution, who it was made by (the operator's tool), expiry and signature. */
export interface InstallLinkQuery {
  institution: string;
  staff: string;
  expires: string;
  sig: string;
}

export type InstallLinkCheck = { ok: true; institution: InstitutionId } | { ok: false; reason: LinkRefusal };

/** The holder the command line signs install links for: the deployment's operator, not a staff member. */
const OPERATOR = 'operator';

/**
 * Issue #17: a chat workspace is installed for an institution through a link the operator made for that institution
 * (`npm run institution:add`, `npm run institution:install-link`): whoever installs through it binds their workspace
 * to that institution, so the link is signed with the links' secret for this purpose alone and expires.
 */
export class InstallLinks {
  private readonly signer: LinkSigner;

  constructor(secret: string, lifetimeMs: number, clock: Clock) {
    this.signer = new LinkSigner('chat-install', secret, lifetimeMs, clock);
  }

  sign(institution: InstitutionId): InstallLinkQuery {
    return { institution: String(institution), ...this.signer.sign([String(institution)], OPERATOR) };
  }

  verify(query: ReceivedQuery<InstallLinkQuery>): InstallLinkCheck {
    const institution = /^[1-9]\d{0,9}$/.test(query.institution ?? '') ? Number(query.institution) : undefined;
    const check = this.signer.verify(institution === undefined ? undefined : [String(institution)], query);
    return check.ok ? { ok: true, institution: institution! } : check;
  }
}

/** Where an installer starts with such a link (the Slack platform serves it). */
export const SLACK_INSTALL_PATH = '/slack/install';

/** A fortnight: time enough for an institution's admin to find the moment to install. */
export const INSTALL_LINK_LIFETIME_MS = 14 * 24 * 3_600_000;
