import type { Clock } from './clock.js';
import { PeriodLinks } from './period-link.js';

/** R60.internal: a report's CSV export, linked from the chat reports and the weekly digest. */
export class ReportLinks extends PeriodLinks {
  constructor(secret: string, lifetimeMs: number, clock: Clock) {
    super('report-csv', secret, lifetimeMs, clock);
  }
}

/** Where the web server serves a report's CSV (src/web/reports.ts); the chat reports link to it. */
export const REPORT_EXPORT_PATH = '/reports/export.csv';

/** A week: the digest's link still opens when it is read later in the week. */
export const REPORT_LINK_LIFETIME_MS = 7 * 24 * 3_600_000;
