import type { StaffMember } from './staff.js';

/** Storage of the staff directory; every method runs inside the caller's transaction. */
export interface StaffRepository {
  findById(id: string): Promise<StaffMember | null>;
  findByEmail(email: string): Promise<StaffMember | null>;
  findBySlackUserId(slackUserId: string): Promise<StaffMember | null>;
  findByTeamsUserId(teamsUserId: string): Promise<StaffMember | null>;
  /** Active staff holding `role`; all active staff for null. */
  listByRole(role: StaffMember['roles'][number] | null): Promise<StaffMember[]>;
  /** Inserts or replaces the member with this id. */
  save(member: StaffMember): Promise<void>;
}
