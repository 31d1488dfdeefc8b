import type { ReportScope } from './quality/report.js';
import { hasRole, type StaffMember } from './staff.js';

/**
 * R60.internal: whose figures a person may see, decided once for chat reports, the App Home dashboard, the weekly
 * digest and the CSV export. A representative sees their own figures and the institution's totals (never a
 * colleague's); a manager sees the people they manage directly; the head and admins see everything.
 */
export type ReportAccess =
  | { readonly kind: 'representative'; readonly own: ReportScope; readonly totals: ReportScope }
  | { readonly kind: 'team'; readonly own: ReportScope }
  | { readonly kind: 'everything'; readonly own: ReportScope };

export function reportAccessOf(person: StaffMember): ReportAccess {
  if (hasRole(person, 'head') || hasRole(person, 'admin')) return { kind: 'everything', own: { kind: 'institution' } };
  if (hasRole(person, 'manager')) return { kind: 'team', own: { kind: 'team', managerId: person.id } };
  return { kind: 'representative', own: { kind: 'representative', staffId: person.id }, totals: { kind: 'institution' } };
}

/** The weekly digest goes to those who manage (managers and the head), not to representatives or admins alone. */
export function getsWeeklyDigest(person: StaffMember): boolean {
  return person.active && (hasRole(person, 'manager') || hasRole(person, 'head'));
}

/** Who has been sent a week's digest on a platform: kept so a run that dies half-way, or two instances, send nobody two. */
export interface DigestLedger {
  /** Staff ids told the digest of the week starting at `week` (an ISO instant) on `platform`. */
  told(platform: string, week: string): Promise<readonly string[]>;
  markTold(platform: string, week: string, staffId: string): Promise<void>;
}
