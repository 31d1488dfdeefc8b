import { z } from 'zod';
import { spanOf } from './absence.js';
import type { AuditLinks } from './audit-link.js';
import type { PeriodLinkCheck, PeriodLinkQuery } from './period-link.js';
import type { AuditAction, AuditDetails, AuditLog, StoredAuditEntry } from './audit.js';
import type { Clock } from './clock.js';
import { DomainError, NotAllowedError, StaffNotFoundError } from './errors.js';
import type { Period } from './quality/report.js';
import { hasRole, type StaffMember } from './staff.js';
import type { UnitOfWork } from './unit-of-work.js';

/** What a person did that only read or took out data: recorded as it happens, outside any change's transaction. */
export type AuditedRead = Extract<AuditAction, 'details_opened' | 'letter_opened' | 'attachment_opened' | 'exported'>;

/** What a read was about: ids and non-personal facts only (see `AuditDetails`). */
export interface AuditedReadOf {
  inquiryId?: string;
  registryNumber?: string;
  details?: AuditDetails;
}

/** An admin's audit export: the inclusive dates asked for, the instants they span, and the signed link's query. */
export interface AuditExportLink {
  from: string;
  to: string;
  period: Period;
  query: PeriodLinkQuery;
}

const dates = z.object({ from: z.iso.date(), to: z.iso.date() }).refine((input) => input.to >= input.from);

/**
 * R12.records: the audit log's use cases. Changes to an inquiry are audited by the unit of work with the change
 * (`auditingEvents`); staff changes by the staff directory in its transaction. Here: reads as they happen (time from
 * the clock), and the admin's export of a period — the export itself recorded before a line of it is read.
 */
export class AuditTrail {
  constructor(
    private readonly log: AuditLog,
    private readonly unitOfWork: UnitOfWork,
    private readonly links: AuditLinks,
    private readonly clock: Clock,
    /** The institution's time zone: `audit <from> <to>` names its calendar days. */
    private readonly zone: string,
  ) {}

  /** `actorId` opened or took out something; the caller shows it only once this resolved. */
  recordRead(actorId: string, action: AuditedRead, about: AuditedReadOf = {}): Promise<void> {
    return this.log.record({
      at: this.clock.now(),
      actorId,
      action,
      inquiryId: about.inquiryId ?? null,
      registryNumber: about.registryNumber ?? null,
      subjectStaffId: null,
      details: about.details ?? {},
    });
  }

  /**
   * `audit <from> <to>`: admins only (anyone else: `STAFF.NOT_ALLOWED`); the dates are calendar days, inclusive
   * (`AUDIT.PERIOD_INVALID` when unreadable or reversed). The link is signed for the admin who asked.
   */
  async exportLink(actorId: string, from: string, to: string): Promise<AuditExportLink> {
    await this.admin(actorId);
    const parsed = dates.safeParse({ from, to });
    if (!parsed.success) throw new DomainError('AUDIT.PERIOD_INVALID', `Not a period of calendar dates: ${from} – ${to}`, { from, to });
    const { startsAt, endsAt } = spanOf(from, to, this.zone);
    const period = { from: startsAt, to: endsAt };
    return { from, to, period, query: this.links.sign(period, actorId) };
  }

  /** Checks an export link's query as received (signature, expiry); who it names is checked again by `exportEntries`. */
  verifyLink(query: Partial<Record<keyof PeriodLinkQuery, string | null>>): PeriodLinkCheck {
    return this.links.verify(query);
  }

  /**
   * The entries behind an export link, for `staffId` if they are still an active admin (else `STAFF.NOT_ALLOWED` or
   * `STAFF.NOT_FOUND`). The export is recorded first: no line leaves without its own line in the log.
   */
  async exportEntries(staffId: string, period: Period): Promise<AsyncIterable<StoredAuditEntry>> {
    await this.admin(staffId);
    await this.log.record({
      at: this.clock.now(),
      actorId: staffId,
      action: 'audit_exported',
      inquiryId: null,
      registryNumber: null,
      subjectStaffId: null,
      details: { from: period.from.toISOString(), to: period.to.toISOString() },
    });
    return this.log.entries(period);
  }

  private async admin(staffId: string): Promise<StaffMember> {
    const member = await this.unitOfWork.run(({ staff }) => staff.findById(staffId));
    if (!member?.active) throw new StaffNotFoundError(staffId);
    if (!hasRole(member, 'admin')) throw new NotAllowedError('export the audit log', 'admin');
    return member;
  }
}
