import { DateTime } from 'luxon';
import { z } from 'zod';
import { DomainError } from './errors.js';

/**
 * R4.owner: one person answers for an inquiry, so while they are away a named colleague covers for them — their
 * reminders and the client's new messages go to the substitute, and the manager is told who covers.
 */
export interface Absence {
  id: string;
  staffId: string;
  /** First and last day away, inclusive: calendar dates (YYYY-MM-DD) in the institution's time zone. */
  from: string;
  to: string;
  substituteId: string;
  /** The instants those dates span there: the start of `from` to the end of `to`. */
  startsAt: Date;
  endsAt: Date;
  /** Audit: who marked the absence (the person or a supervisor) and when. */
  setById: string;
  setAt: Date;
  /** Audit: who ended it early ("back", or a newer absence in its place) and when; null while it stands. */
  endedById: string | null;
  endedAt: Date | null;
}

/** Why an absence stopped standing before its last day. */
export type AbsenceEnd = 'back' | 'replaced';

/** Storage of absences; every method runs inside the caller's transaction. */
export interface AbsenceRepository {
  /** The standing absence of `staffId` that covers the instant `at`, if any. */
  coveringAt(staffId: string, at: Date): Promise<Absence | null>;
  /** Standing absences of `staffId` that overlap [startsAt, endsAt). */
  overlapping(staffId: string, startsAt: Date, endsAt: Date): Promise<Absence[]>;
  /** Standing absences in which `substituteId` covers for someone, overlapping [startsAt, endsAt). */
  coveredBy(substituteId: string, startsAt: Date, endsAt: Date): Promise<Absence[]>;
  /** Standing absences of `staffId` not over at `at` (under way or still to come). */
  notOver(staffId: string, at: Date): Promise<Absence[]>;
  insert(absence: Absence): Promise<void>;
  /** Ends a standing absence early, recording who and why; a second call changes nothing. */
  end(id: string, byId: string, at: Date, reason: AbsenceEnd): Promise<void>;
}

/** What a person (or their supervisor) says when marking an absence. */
export const absenceInputSchema = z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
    substituteId: z.string().min(1),
  })
  .refine((input) => input.to >= input.from, { path: ['to'], params: { absence: 'ends_before_start' } });
export type AbsenceInput = z.input<typeof absenceInputSchema>;

/** A date the institution's calendar cannot read, or an absence that ends before it starts. */
export function absenceInput(input: AbsenceInput): z.output<typeof absenceInputSchema> {
  const result = absenceInputSchema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = String(issue.path[0] ?? '');
  if (field === 'to' && issue.code === 'custom') {
    throw new DomainError('ABSENCE.ENDS_BEFORE_START', `An absence cannot end (${input.to}) before it starts (${input.from})`, { from: input.from, to: input.to });
  }
  const value = field === 'from' ? input.from : field === 'to' ? input.to : '';
  throw new DomainError('ABSENCE.DATE_UNREADABLE', `Not a calendar date (YYYY-MM-DD): ${field}`, { value: String(value) });
}

/** The instants the inclusive dates `from`…`to` span in `zone`. */
export function spanOf(from: string, to: string, zone: string): { startsAt: Date; endsAt: Date } {
  const start = DateTime.fromISO(from, { zone }).startOf('day');
  const end = DateTime.fromISO(to, { zone }).plus({ days: 1 }).startOf('day');
  return { startsAt: start.toJSDate(), endsAt: end.toJSDate() };
}

/** The calendar date (YYYY-MM-DD) of `at` in `zone`. */
export function dateIn(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toISODate()!;
}

/** Reads the substitute's record: coverage ends with the substitute's activity. */
interface CoverReads {
  absences: Pick<AbsenceRepository, 'coveringAt'>;
  staff: { findById(id: string): Promise<{ id: string; active: boolean } | null> };
}

/**
 * R4.owner: who covers for `staffId` at `at` — the substitute of a standing absence that covers that instant, while
 * the substitute is active staff; null when the person is not away (or nobody can cover: they are told themselves).
 */
export async function coverOf(scope: CoverReads, staffId: string, at: Date): Promise<string | null> {
  const absence = await scope.absences.coveringAt(staffId, at);
  if (!absence) return null;
  const substitute = await scope.staff.findById(absence.substituteId);
  return substitute?.active ? substitute.id : null;
}

/** Who is told a reminder or a client's message for `staffId` now, and for whom they cover (R4.owner). */
export async function routedTo(scope: CoverReads, staffId: string | null, at: Date): Promise<{ recipientId: string | null; coveringForId?: string }> {
  if (staffId === null) return { recipientId: null };
  const substitute = await coverOf(scope, staffId, at);
  return substitute === null ? { recipientId: staffId } : { recipientId: substitute, coveringForId: staffId };
}

/** What the manager hears of: an absence marked, or ended by "back". */
export interface AbsenceChange {
  readonly change: 'away' | 'back';
  readonly absence: Absence;
}

/**
 * The changes of absences not yet told on a platform (R4.owner: the manager sees who covers). Marked per platform
 * once told, so a platform that is down is asked again and nobody is told twice; an absence already over is news to
 * nobody and is left out.
 */
export interface AbsenceNews {
  untold(platform: string, limit: number, now: Date): Promise<AbsenceChange[]>;
  told(platform: string, change: AbsenceChange): Promise<void>;
}
