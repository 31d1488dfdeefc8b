import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AuditRecorder } from './audit.js';
import { systemClock, type Clock } from './clock.js';
import { DomainError, NotAllowedError, StaffNotFoundError } from './errors.js';
import { hasRole, STAFF_LANGUAGES, STAFF_ROLES, type StaffMember } from './staff.js';
import type { StaffRepository } from './staff.repository.js';
import type { TransactionScope, UnitOfWork } from './unit-of-work.js';
import { parseInput } from './validation.js';

const phone = z.string().trim().regex(/^\+?[0-9 ()-]{5,20}$/, 'Phone number: digits, spaces, + ( ) -');

/** One person in a staff import file (YAML or JSON); the manager is named by e-mail. */
export const staffRecordSchema = z.object({
  firstName: z.string().trim().min(1).max(100),
  surname: z.string().trim().min(1).max(100),
  position: z.string().trim().min(1).max(200).nullable().default(null),
  phone: phone.nullable().default(null),
  email: z.email().transform((email) => email.toLowerCase()),
  language: z.enum(STAFF_LANGUAGES).default('lt'),
  roles: z.array(z.enum(STAFF_ROLES)).min(1).default(['representative']),
  slackUserId: z.string().regex(/^[UW][A-Z0-9]+$/).nullable().default(null),
  teamsUserId: z.string().min(1).nullable().default(null),
  manager: z.email().transform((email) => email.toLowerCase()).nullable().default(null),
  active: z.boolean().default(true),
});
export const staffImportSchema = z.array(staffRecordSchema).min(1);
type StaffRecord = z.output<typeof staffRecordSchema>;

/** Fields a staff member may edit in their own profile from chat. */
export const profilePatchSchema = z
  .object({ position: z.string().trim().min(1).max(200), phone, language: z.enum(STAFF_LANGUAGES) })
  .partial();
export type ProfilePatch = z.input<typeof profilePatchSchema>;

export interface ImportSummary {
  created: number;
  updated: number;
}

/** The staff directory: who serves clients, in which language, and who their direct manager is. */
export class StaffDirectory {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    /** When a role or manager changed, for the audit log (R12.records). */
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * Upserts people by e-mail, then links managers; the whole file applies or nothing does. R12.records: each role
   * or manager it changes (a new member's roles included) is audited in the same transaction, with no actor (a file).
   */
  async importMembers(records: unknown): Promise<ImportSummary> {
    const people = parseInput(staffImportSchema, records);
    return this.unitOfWork.run((work) => this.apply(work, null, people));
  }

  /**
   * Issue #17, onboarding without a developer: an institution's admin imports its directory in chat, as a file is
   * imported — all or nothing — and the admin is the actor of every change audited (R12.records). Anyone else is
   * refused (STAFF.NOT_ALLOWED) before the records are read, and nothing is written.
   */
  async importMembersAs(actorId: string, records: unknown): Promise<ImportSummary> {
    return this.unitOfWork.run(async (work) => {
      const admin = await requireAdminMember(work.staff, actorId, 'import the staff directory');
      return this.apply(work, admin.id, parseInput(staffImportSchema, records));
    });
  }

  /** Refuses anyone but an admin the directory's import (STAFF.NOT_ALLOWED), before a form for it is offered. */
  async checkImporter(actorId: string): Promise<void> {
    await this.unitOfWork.run(({ staff }) => requireAdminMember(staff, actorId, 'import the staff directory'));
  }

  private async apply({ staff, audit }: Pick<TransactionScope, 'staff' | 'audit'>, actorId: string | null, people: StaffRecord[]): Promise<ImportSummary> {
    const now = this.clock.now();
    const summary: ImportSummary = { created: 0, updated: 0 };
    const saved = new Map<string, StaffMember>();
    for (const person of people) {
      const existing = await staff.findByEmail(person.email);
      const { manager: _manager, ...fields } = person;
      const member: StaffMember = { ...fields, id: existing?.id ?? randomUUID(), managerId: existing?.managerId ?? null };
      await staff.save(member);
      await auditRoles(audit, now, actorId, member, existing?.roles ?? []);
      saved.set(member.email, member);
      summary[existing ? 'updated' : 'created'] += 1;
    }
    for (const person of people) {
      if (person.manager === null) continue;
      const member = saved.get(person.email)!;
      const manager = saved.get(person.manager) ?? (await staff.findByEmail(person.manager));
      if (!manager) throw new StaffNotFoundError(person.manager);
      await assertNoCycle(staff, member.id, manager.id);
      await staff.save({ ...member, managerId: manager.id });
      await auditManager(audit, now, actorId, member, manager.id);
    }
    return summary;
  }

  /** A member edits their own profile; an admin may edit anyone's. */
  async updateProfile(actorId: string, targetId: string, patch: ProfilePatch): Promise<StaffMember> {
    const changes = parseInput(profilePatchSchema, patch);
    return this.unitOfWork.run(async ({ staff }) => {
      const actor = await requireMember(staff, actorId);
      if (actorId !== targetId && !hasRole(actor, 'admin')) throw new NotAllowedError('edit another profile', 'admin');
      const updated = { ...(await requireMember(staff, targetId)), ...changes };
      await staff.save(updated);
      return updated;
    });
  }

  /** Sets who receives a member's escalations; admins and the head only. */
  setManager(actorId: string, targetId: string, managerId: string): Promise<StaffMember> {
    return this.unitOfWork.run(async ({ staff, audit }) => {
      const actor = await requireMember(staff, actorId);
      if (!hasRole(actor, 'admin') && !hasRole(actor, 'head')) throw new NotAllowedError('set a manager', 'admin');
      const member = await requireMember(staff, targetId);
      await requireMember(staff, managerId);
      await assertNoCycle(staff, member.id, managerId);
      const updated = { ...member, managerId };
      await staff.save(updated);
      await auditManager(audit, this.clock.now(), actor.id, member, managerId);
      return updated;
    });
  }

  findBySlackUser(slackUserId: string): Promise<StaffMember> {
    return this.unitOfWork.run(async ({ staff }) => active(await staff.findBySlackUserId(slackUserId), `Slack user ${slackUserId}`));
  }

  findByTeamsUser(teamsUserId: string): Promise<StaffMember> {
    return this.unitOfWork.run(async ({ staff }) => active(await staff.findByTeamsUserId(teamsUserId), `Teams user ${teamsUserId}`));
  }
}

/** R12.records: a change of roles, as sorted role codes before and after; nothing when they are the same. */
async function auditRoles(audit: AuditRecorder, at: Date, actorId: string | null, member: StaffMember, before: readonly string[]): Promise<void> {
  const [was, now] = [[...before].sort().join(','), [...member.roles].sort().join(',')];
  if (was === now) return;
  await audit.record({ at, actorId, action: 'staff_role_changed', inquiryId: null, registryNumber: null, subjectStaffId: member.id, details: { before: was, after: now } });
}

/** R12.records: a change of direct manager (ids); setting the same manager again records nothing. */
async function auditManager(audit: AuditRecorder, at: Date, actorId: string | null, member: StaffMember, managerId: string): Promise<void> {
  if (member.managerId === managerId) return;
  await audit.record({ at, actorId, action: 'staff_manager_changed', inquiryId: null, registryNumber: null, subjectStaffId: member.id, details: { before: member.managerId, after: managerId } });
}

/** Issue #17: the directory is the admins' to import (as `staff manager` is theirs to change). */
/** The active admin `actorId` names in the current institution; anyone else is refused `action` (STAFF.NOT_ALLOWED). */
export async function requireAdminMember(staff: StaffRepository, actorId: string, action: string): Promise<StaffMember> {
  const actor = await requireMember(staff, actorId);
  if (!hasRole(actor, 'admin')) throw new NotAllowedError(action, 'admin');
  return actor;
}

async function requireMember(staff: StaffRepository, id: string): Promise<StaffMember> {
  return active(await staff.findById(id), id);
}

function active(member: StaffMember | null, reference: string): StaffMember {
  if (!member || !member.active) throw new StaffNotFoundError(reference);
  return member;
}

/** A chain of managers must end: escalations walk it. */
async function assertNoCycle(staff: StaffRepository, memberId: string, managerId: string): Promise<void> {
  const seen = new Set<string>([memberId]);
  for (let id: string | null = managerId; id !== null; ) {
    if (seen.has(id)) throw new DomainError('STAFF.INVALID', 'A manager cannot report to their own report', { memberId, managerId });
    seen.add(id);
    id = (await staff.findById(id))?.managerId ?? null;
  }
}
