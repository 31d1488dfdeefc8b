import { randomUUID } from 'node:crypto';
import { changeInquiry, ownerCommand, requireStaff, type CommandContext, type CommandStep, type EventBody } from './command-support.js';
import { DomainError, InquiryNotFoundError, NotOwnerError } from './errors.js';
import { assertCan, type Inquiry } from './inquiry.js';
import { meetingMinutesSchema, nextSummaryDue, planMeetingSchema, type Meeting, type MeetingMinutesInput, type PlanMeetingInput } from './meeting.js';
import { supervises, type StaffMember } from './staff.js';
import type { TransactionScope } from './unit-of-work.js';
import { FIELD_REASONS, invalidField, parseInput } from './validation.js';

/** What the meeting form starts from: the previous meeting's key points (R45) and its participants. */
export interface MeetingDraft {
  inquiry: Inquiry;
  previousKeyPoints: string;
  participants: string[];
}

/** R45.meetings and R48.meeting-summary-2wd: planned with a chair and a recorder, minuted, then summarised. */
export class MeetingService {
  constructor(private readonly context: CommandContext) {}

  async plan(inquiryId: string, staffId: string, input: PlanMeetingInput): Promise<Meeting> {
    const details = parseInput(planMeetingSchema, input);
    let meeting: Meeting | undefined;
    return changeInquiry(this.context, inquiryId, staffId, ownerCommand('plan_meeting', async (scope, inquiry, actor, now) => {
      if (details.startsAt.getTime() <= now.getTime()) throw invalidField('startsAt', FIELD_REASONS.notInFuture);
      await requireStaff(scope, details.chairId);
      await requireStaff(scope, details.recorderId);
      meeting = {
        id: randomUUID(),
        inquiryId: inquiry.id,
        ...details,
        status: 'planned',
        decisions: null,
        keyPoints: null,
        heldAt: null,
        summaryDue: null,
        summarySentAt: null,
        plannedById: actor.id,
      };
      await scope.meetings.insert(meeting);
      return [{
        type: 'meeting_planned',
        meetingId: meeting.id,
        startsAt: meeting.startsAt.toISOString(),
        format: meeting.format,
        chairId: meeting.chairId,
        recorderId: meeting.recorderId,
      }];
    })).then(() => meeting!);
  }

  /** R48.meeting-summary-2wd: the minutes start the two working days the summary is due in. */
  async recordMinutes(meetingId: string, staffId: string, input: MeetingMinutesInput): Promise<Meeting> {
    const minutes = parseInput(meetingMinutesSchema, input);
    return this.changeMeeting(meetingId, staffId, 'planned', async (scope, meeting, inquiry, now) => {
      meeting.status = 'held';
      meeting.heldAt = now;
      meeting.decisions = minutes.decisions;
      meeting.keyPoints = minutes.keyPoints;
      meeting.summaryDue = this.context.policy.meetingSummaryDue(now);
      await scope.meetings.update(meeting);
      inquiry.meetingSummaryDue = nextSummaryDue(await scope.meetings.listByInquiry(inquiry.id));
      return [{ type: 'meeting_held', meetingId, summaryDue: meeting.summaryDue.toISOString(), recorderId: meeting.recorderId, chairId: meeting.chairId }];
    });
  }

  /** The form's starting point: key points of the last meeting held, and who took part in it. */
  draft(inquiryId: string): Promise<MeetingDraft> {
    return this.context.unitOfWork.run(async (scope) => {
      const inquiry = await scope.inquiries.findById(inquiryId);
      if (!inquiry) throw new InquiryNotFoundError(inquiryId);
      const previous = (await scope.meetings.listByInquiry(inquiryId)).filter((meeting) => meeting.status !== 'planned').at(-1);
      return { inquiry, previousKeyPoints: previous?.keyPoints ?? '', participants: previous?.participants ?? [inquiry.client.name] };
    });
  }

  get(meetingId: string): Promise<Meeting> {
    return this.context.unitOfWork.run((scope) => findMeeting(scope, meetingId));
  }

  /** A command on a meeting in `from` status, by its recorder, its chair, the owner or a supervisor. */
  private async changeMeeting(
    meetingId: string,
    staffId: string,
    from: Meeting['status'],
    apply: MeetingStep<TransactionScope>,
  ): Promise<Meeting> {
    const { inquiryId } = await this.get(meetingId);
    let changed: Meeting | undefined;
    await changeInquiry(this.context, inquiryId, staffId, meetingCommand(meetingId, from, async (scope, meeting, inquiry, now, actor) => {
      changed = meeting;
      return apply(scope, meeting, inquiry, now, actor);
    }));
    return changed!;
  }
}

export async function findMeeting(scope: TransactionScope, meetingId: string): Promise<Meeting> {
  const meeting = await scope.meetings.getForUpdate(meetingId);
  if (!meeting) throw new DomainError('MEETING.NOT_FOUND', `Meeting ${meetingId} was not found`, { meetingId });
  return meeting;
}

/** What a meeting step does once the meeting is locked and the actor checked. */
export type MeetingStep<S extends TransactionScope> = (scope: S, meeting: Meeting, inquiry: Inquiry, now: Date, actor: StaffMember) => Promise<EventBody[]>;

/**
 * A step on a meeting inside the inquiry's command: the meeting is locked after the inquiry (one lock
 * order everywhere), must be in `from`, and the actor must be its recorder, its chair, the owner or a supervisor.
 */
export function meetingCommand<S extends TransactionScope>(meetingId: string, from: Meeting['status'], apply: MeetingStep<S>): CommandStep<S> {
  return async (scope, inquiry, actor, now) => {
    assertCan(inquiry, 'record_meeting');
    const meeting = await findMeeting(scope, meetingId);
    if (meeting.inquiryId !== inquiry.id) throw new DomainError('MEETING.NOT_FOUND', `Meeting ${meetingId} was not found`, { meetingId });
    if (meeting.status !== from) {
      throw new DomainError('MEETING.INVALID_TRANSITION', `The meeting is ${meeting.status}`, { registryNumber: inquiry.registryNumber, status: meeting.status });
    }
    const involved = [meeting.chairId, meeting.recorderId, inquiry.ownerId].includes(actor.id) || supervises(actor);
    if (!involved) throw new NotOwnerError(inquiry.registryNumber, 'record the meeting');
    return apply(scope, meeting, inquiry, now, actor);
  };
}
