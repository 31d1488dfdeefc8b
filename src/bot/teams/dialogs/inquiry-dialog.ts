import { z } from 'zod';
import { DomainError } from '../../../domain/errors.js';
import type { Inquiry } from '../../../domain/inquiry.js';
import type { Meeting } from '../../../domain/meeting.js';
import { formatWhen } from '../../core/format-time.js';
import { translate, type MessageKey } from '../../core/i18n/index.js';
import type { PlatformContext } from '../../platform.js';
import type { Turn } from '../router.js';

/** Most dialogs act on one inquiry, named by its id. */
export const inquiryData = z.object({ inquiryId: z.string().min(1) });

/** The inquiry a dialog is about, and its title: what the dialog does · the registry number. */
export async function dialogInquiry(context: PlatformContext, turn: Turn, inquiryId: string, titleKey: MessageKey): Promise<{ inquiry: Inquiry; title: string }> {
  const { inquiry } = await context.queries.get(inquiryId);
  return { inquiry, title: `${translate(turn.language, titleKey)} · ${inquiry.registryNumber}` };
}

/** Says a chosen time must lie ahead (the domain's "must be in the future"). */
export const futureTime = (turn: Turn): string => translate(turn.language, 'form.reason.not_in_future');

/** Dialogs about one meeting of an inquiry. */
export const meetingData = inquiryData.extend({ meetingId: z.string().min(1) });

/** The meeting a dialog is about, found in its inquiry; its title adds when the meeting was. */
export async function dialogMeeting(context: PlatformContext, turn: Turn, inquiryId: string, meetingId: string, titleKey: MessageKey): Promise<{ inquiry: Inquiry; meeting: Meeting; title: string }> {
  const { inquiry, meetings } = await context.queries.get(inquiryId);
  const meeting = meetings.find((candidate) => candidate.id === meetingId);
  if (!meeting) throw new DomainError('MEETING.NOT_FOUND', `Meeting ${meetingId} was not found`, { meetingId });
  const when = formatWhen(meeting.startsAt, turn.language, context.clock.now(), context.config.TIME_ZONE);
  return { inquiry, meeting, title: `${translate(turn.language, titleKey)} · ${inquiry.registryNumber} · ${when}` };
}
