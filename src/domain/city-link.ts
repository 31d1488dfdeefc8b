import { randomUUID } from 'node:crypto';
import type { Clock } from './clock.js';
import { LinkSigner, type LinkRefusal, type ReceivedQuery } from './signed-link.js';

/**
 * The query of a city overview link: `holder`, a random id the link was issued under (logged when it is opened, so an
 * opening can be matched to the issue; it names nobody), `expires` and `sig`.
 */
export interface CityLinkQuery {
  holder: string;
  expires: string;
  sig: string;
}

export type CityLinkCheck = { ok: true; holder: string } | { ok: false; reason: LinkRefusal };

/**
 * Issue #17, item 8: the city overview belongs to no institution and to no staff member of one, so whoever holds a
 * link made by `npm run city:link` (the deployment's operator, for the city's education department) may read it until
 * it expires. Signed with the links' secret under a purpose line of its own (signed-link.ts): no letter, report or
 * attachment link opens it, and it opens nothing else. It names no month: every month's aggregates are the same page.
 */
export class CityLinks {
  private readonly signer: LinkSigner;

  constructor(secret: string, lifetimeMs: number, clock: Clock) {
    this.signer = new LinkSigner('city-overview', secret, lifetimeMs, clock);
  }

  sign(holder: string = randomUUID()): CityLinkQuery {
    const { staff, expires, sig } = this.signer.sign([], holder);
    return { holder: staff, expires, sig };
  }

  verify(query: ReceivedQuery<CityLinkQuery>): CityLinkCheck {
    const check = this.signer.verify([], { staff: query.holder, expires: query.expires, sig: query.sig });
    return check.ok ? { ok: true, holder: check.staffId } : check;
  }
}

/** Where the web server serves the overview (src/web/city-overview.ts), and the same figures as CSV. */
export const CITY_OVERVIEW_PATH = '/city';
export const CITY_EXPORT_PATH = '/city/overview.csv';

/** How long a link lasts unless `--days` says otherwise: a month's figures are read in the month after. */
export const CITY_LINK_DAYS = 31;
/** The longest a link may last: a leaked link should not outlive a year. */
export const CITY_LINK_MAX_DAYS = 366;
