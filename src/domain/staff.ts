/** Roles a staff member can hold; one person may hold several. */
export const STAFF_ROLES = ['representative', 'manager', 'head', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Languages staff can use the bot in. */
export const STAFF_LANGUAGES = ['lt', 'en'] as const;
export type StaffLanguage = (typeof STAFF_LANGUAGES)[number];

/** A person of the institution who serves clients or manages those who do. */
export interface StaffMember {
  id: string;
  firstName: string;
  surname: string;
  /** Job title, printed in the e-mail signature (R36.signature). */
  position: string | null;
  phone: string | null;
  email: string;
  language: StaffLanguage;
  roles: StaffRole[];
  slackUserId: string | null;
  teamsUserId: string | null;
  /** Direct manager (tiesioginis vadovas), who receives escalations. */
  managerId: string | null;
  active: boolean;
}

export function fullName(staff: Pick<StaffMember, 'firstName' | 'surname'>): string {
  return `${staff.firstName} ${staff.surname}`;
}

export function hasRole(staff: StaffMember, role: StaffRole): boolean {
  return staff.roles.includes(role);
}

/** Managers, the head and admins may act on inquiries they do not own (hand over, release, close). */
export function supervises(staff: StaffMember): boolean {
  return hasRole(staff, 'manager') || hasRole(staff, 'head') || hasRole(staff, 'admin');
}
