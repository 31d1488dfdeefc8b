import { randomUUID } from 'node:crypto';
import { absenceInput, dateIn, spanOf, type Absence, type AbsenceInput } from './absence.js';
import type { Clock } from './clock.js';
import { DomainError, NotAllowedError, StaffNotFoundError } from './errors.js';
import { fullName, supervises, type StaffMember } from './staff.js';
import type { StaffRepository } from './staff.repository.js';
import type { UnitOfWork } from './unit-of-work.js';

/**
 * R4.owner: "away with cover". A person (or a supervisor for them) marks dates away and names a substitute; while
 * the absence stands, reminders and the client's new messages go to the substitute (`coverOf`), and the manager is
 * told (`AbsenceNews`). Each person has at most one standing absence: a new one replaces the one before.
 */
export class AbsenceService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    /** The institution's time zone: absence dates are its calendar days. */
    private readonly zone: string,
  ) {}

  /** `actorId` marks `staffId` away (themselves, or someone they supervise) with `substituteId` covering. */
  async setAway(actorId: string, staffId: string, input: AbsenceInput): Promise<Absence> {
    const { from, to, substituteId } = absenceInput(input);
    return this.unitOfWork.run(async ({ staff, absences }) => {
      const actor = await activeMember(staff, actorId);
      if (actorId !== staffId && !supervises(actor)) throw new NotAllowedError('mark another person away', 'manager');
      const member = await activeMember(staff, staffId);
      const substitute = await activeMember(staff, substituteId);
      if (substitute.id === member.id) throw new DomainError('ABSENCE.SUBSTITUTE_SELF', 'Nobody covers for themselves');
      const now = this.clock.now();
      if (to < dateIn(now, this.zone)) throw new DomainError('ABSENCE.IN_PAST', `The absence ended on ${to}`, { to });
      const { startsAt, endsAt } = spanOf(from, to, this.zone);
      const [away] = await absences.overlapping(substitute.id, startsAt, endsAt);
      if (away) {
        throw new DomainError('ABSENCE.SUBSTITUTE_AWAY', 'The substitute is away then', { name: fullName(substitute), from: away.from, to: away.to });
      }
      // Reminders follow one hop: someone who covers then cannot hand those reminders on to a third person.
      const [covering] = (await absences.coveredBy(member.id, startsAt, endsAt)).filter((absence) => absence.staffId !== substitute.id);
      if (covering) {
        const coveredFor = await staff.findById(covering.staffId);
        throw new DomainError('ABSENCE.COVERING', 'The person covers for a colleague then', { name: coveredFor ? fullName(coveredFor) : '—', from: covering.from, to: covering.to });
      }
      for (const earlier of await absences.notOver(member.id, now)) await absences.end(earlier.id, actor.id, now, 'replaced');
      const absence: Absence = { id: randomUUID(), staffId: member.id, from, to, substituteId: substitute.id, startsAt, endsAt, setById: actor.id, setAt: now, endedById: null, endedAt: null };
      await absences.insert(absence);
      return absence;
    });
  }

  /** "Back": ends the standing absence of `staffId` (the person, or a supervisor for them); refused when there is none. */
  back(actorId: string, staffId: string): Promise<Absence> {
    return this.unitOfWork.run(async ({ staff, absences }) => {
      const actor = await activeMember(staff, actorId);
      if (actorId !== staffId && !supervises(actor)) throw new NotAllowedError('mark another person back', 'manager');
      const member = await activeMember(staff, staffId);
      const now = this.clock.now();
      const [standing, ...rest] = await absences.notOver(member.id, now);
      if (!standing) throw new DomainError('ABSENCE.NONE', `${member.id} is not marked away`);
      for (const absence of [standing, ...rest]) await absences.end(absence.id, actor.id, now, 'back');
      return { ...standing, endedById: actor.id, endedAt: now };
    });
  }
}

async function activeMember(staff: StaffRepository, id: string): Promise<StaffMember> {
  const member = await staff.findById(id);
  if (!member || !member.active) throw new StaffNotFoundError(id);
  return member;
}
