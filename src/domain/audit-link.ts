import type { Clock } from './clock.js';
import { PeriodLinks } from './period-link.js';

/** R12.records: the audit log's CSV for one admin; its own purpose line, so no report's link opens it. */
export class AuditLinks extends PeriodLinks {
  constructor(secret: string, lifetimeMs: number, clock: Clock) {
    super('audit-csv', secret, lifetimeMs, clock);
  }
}

/** Where the web server serves the audit log's CSV (src/web/audit.ts). */
export const AUDIT_EXPORT_PATH = '/audit/export.csv';

/** An hour: the admin asked for it just now; a link found later in a chat history opens nothing. */
export const AUDIT_LINK_LIFETIME_MS = 3_600_000;
