import { z } from 'zod';
import { FIELD_REASONS } from './validation.js';

/** R45.meetings: the forms a meeting with a client may take. */
export const MEETING_FORMATS = ['in_person', 'remote', 'client_premises', 'teleconference'] as const;
export type MeetingFormat = (typeof MEETING_FORMATS)[number];

export type MeetingStatus = 'planned' | 'held' | 'summary_sent';

/** A meeting with the client about an inquiry: planned with a chair and a recorder, then minuted and summarised. */
export interface Meeting {
  id: string;
  inquiryId: string;
  format: MeetingFormat;
  startsAt: Date;
  chairId: string;
  recorderId: string;
  agenda: string;
  /** Who takes part besides staff: the client, other institutions, specialists. */
  participants: string[];
  /** R45: the key points of the previous meeting, carried into this one. */
  previousKeyPoints: string;
  status: MeetingStatus;
  /** The decisions taken (minutes); internal until summarised for the client. */
  decisions: string | null;
  /** Key points to carry into the next meeting. */
  keyPoints: string | null;
  heldAt: Date | null;
  /** R48.meeting-summary-2wd */
  summaryDue: Date | null;
  summarySentAt: Date | null;
  plannedById: string;
}

const text = (max: number) => z.string().trim().max(max);

export const planMeetingSchema = z
  .object({
    format: z.enum(MEETING_FORMATS),
    startsAt: z.coerce.date(),
    chairId: z.uuid(),
    recorderId: z.uuid(),
    agenda: text(3000).min(1),
    participants: z.array(text(200).min(1)).max(30).default([]),
    previousKeyPoints: text(3000).default(''),
  })
  .refine((meeting) => meeting.chairId !== meeting.recorderId, { path: ['recorderId'], message: FIELD_REASONS.sameAsChair });
export type PlanMeetingInput = z.input<typeof planMeetingSchema>;

export const meetingMinutesSchema = z.object({
  decisions: text(5000).min(1),
  keyPoints: text(3000).default(''),
});
export type MeetingMinutesInput = z.input<typeof meetingMinutesSchema>;

/** Participants typed one per line or separated by semicolons, as forms collect them. */
export function splitParticipants(input: string): string[] {
  return input.split(/[\n;]+/).map((name) => name.trim()).filter((name) => name !== '');
}

/** Storage of meetings; every method runs inside the caller's transaction. */
export interface MeetingRepository {
  insert(meeting: Meeting): Promise<void>;
  update(meeting: Meeting): Promise<void>;
  getForUpdate(id: string): Promise<Meeting | null>;
  /** Oldest first. */
  listByInquiry(inquiryId: string): Promise<Meeting[]>;
}

/** R48.meeting-summary-2wd: the held meeting whose summary is due at `dueAt` (what a deadline notice is about). */
export function meetingOwingSummary(meetings: readonly Meeting[], dueAt: Date): Meeting | undefined {
  return meetings.find((meeting) => meeting.status === 'held' && meeting.summaryDue?.getTime() === dueAt.getTime());
}

/** The earliest summary still owed, which the inquiry's deadline watch follows. */
export function nextSummaryDue(meetings: readonly Meeting[]): Date | null {
  return earliest(meetings.filter((meeting) => meeting.status === 'held').map((meeting) => meeting.summaryDue!));
}

export function earliest(dates: readonly Date[]): Date | null {
  return dates.reduce<Date | null>((first, date) => (first === null || date < first ? date : first), null);
}
