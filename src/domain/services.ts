import type { MailboxSettingsService } from './mailbox-settings.service.js';
import type { AbsenceService } from './absence.service.js';
import type { AuditTrail } from './audit.service.js';
import type { CallService } from './call.service.js';
import type { Capabilities } from './capabilities.js';
import type { ErasureService } from './erasure.service.js';
import type { EscalationService } from './escalation.service.js';
import type { ExternalStepService } from './external-step.service.js';
import type { InquiryQueries } from './inquiry.queries.js';
import type { InquiryService } from './inquiry.service.js';
import type { InstitutionSettingsService } from './institution-settings.service.js';
import type { MeetingService } from './meeting.service.js';
import type { QualityMonitor } from './quality/report.js';
import type { RatingService } from './rating.service.js';
import type { RetentionService } from './retention.service.js';
import type { StaffDirectory } from './staff.service.js';
import type { SubjectAccess } from './subject-access.service.js';

/** The procedure's use cases, as the composition root builds them and every front end receives them. */
export interface DomainServices {
  inquiries: InquiryService;
  calls: CallService;
  meetings: MeetingService;
  externalSteps: ExternalStepService;
  escalations: EscalationService;
  queries: InquiryQueries;
  staff: StaffDirectory;
  /** R4.owner: away with cover (a substitute gets the reminders and client messages). */
  absences: AbsenceService;
  /** R60.external: clients rate the service after resolution (by e-mail, or staff record a phone client's answer). */
  ratings: RatingService;
  /** R60.internal: quality figures per period and scope, and the rows behind them (src/domain/quality/report.ts). */
  quality: QualityMonitor;
  /** R12.records: reads recorded as they happen, and the admins' export of the audit log. */
  audit: AuditTrail;
  /** Issue #15, subject access: an admin's export of everything stored about a person (by e-mail or phone). */
  subjectAccess: SubjectAccess;
  /** Issue #15: closed inquiries anonymised after their retention period; legal hold; the admins' "run now". */
  retention: RetentionService;
  /** Issue #15: a person's inquiries anonymised at once on request, except those under legal hold or a duty to keep. */
  erasure: ErasureService;
  /** Issue #17: the institution's own settings, kept by its admins. */
  institutionSettings: InstitutionSettingsService;
  /** Issue #17: the institution's own mailbox (its IMAP and SMTP servers), kept by its admins. */
  mailboxSettings: MailboxSettingsService;
  /** What the institution whose work it is can do (e-mail); front ends ask the domain's truths with it. */
  capabilities: Capabilities;
}
