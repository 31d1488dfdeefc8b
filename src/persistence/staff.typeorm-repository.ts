import type { EntityManager, FindOptionsWhere } from 'typeorm';
import type { StaffLanguage, StaffMember, StaffRole } from '../domain/staff.js';
import type { StaffRepository } from '../domain/staff.repository.js';
import { StaffEntity, type StaffRow } from './entities.js';
import { isUuid } from './ids.js';

/** StaffRepository on PostgreSQL through TypeORM, bound to one transaction's EntityManager. */
export class TypeormStaffRepository implements StaffRepository {
  constructor(private readonly db: EntityManager) {}

  findById(id: string): Promise<StaffMember | null> {
    return isUuid(id) ? this.findOne({ id }) : Promise.resolve(null);
  }

  findByEmail(email: string): Promise<StaffMember | null> {
    return this.findOne({ email: email.toLowerCase() });
  }

  findBySlackUserId(slackUserId: string): Promise<StaffMember | null> {
    return this.findOne({ slack_user_id: slackUserId });
  }

  findByTeamsUserId(teamsUserId: string): Promise<StaffMember | null> {
    return this.findOne({ teams_user_id: teamsUserId });
  }

  async listByRole(role: StaffRole | null): Promise<StaffMember[]> {
    const rows: StaffRow[] = await this.db.query(
      'SELECT * FROM staff_members WHERE active AND ($1::text IS NULL OR $1 = ANY(roles)) ORDER BY surname, first_name',
      [role],
    );
    return rows.map(toMember);
  }

  async save(member: StaffMember): Promise<void> {
    await this.db.getRepository(StaffEntity).upsert(toRow(member), ['id']);
  }

  private async findOne(where: FindOptionsWhere<StaffRow>): Promise<StaffMember | null> {
    const row = await this.db.getRepository(StaffEntity).findOneBy(where);
    return row ? toMember(row) : null;
  }
}

function toRow(member: StaffMember): StaffRow {
  return {
    id: member.id,
    first_name: member.firstName,
    surname: member.surname,
    position: member.position,
    phone: member.phone,
    email: member.email.toLowerCase(),
    language: member.language,
    roles: member.roles,
    slack_user_id: member.slackUserId,
    teams_user_id: member.teamsUserId,
    manager_id: member.managerId,
    active: member.active,
  };
}

function toMember(row: StaffRow): StaffMember {
  return {
    id: row.id,
    firstName: row.first_name,
    surname: row.surname,
    position: row.position,
    phone: row.phone,
    email: row.email,
    language: row.language as StaffLanguage,
    roles: row.roles as StaffRole[],
    slackUserId: row.slack_user_id,
    teamsUserId: row.teams_user_id,
    managerId: row.manager_id,
    active: row.active,
  };
}
