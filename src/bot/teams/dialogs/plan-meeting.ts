import { z } from 'zod';
import { MEETING_FORMATS, splitParticipants, type MeetingFormat } from '../../../domain/meeting.js';
import { fullName } from '../../../domain/staff.js';
import { formatWhen } from '../../core/format-time.js';
import { translate } from '../../core/i18n/index.js';
import type { PlatformContext } from '../../platform.js';
import type { TeamsRouter } from '../router.js';
import { registerFormDialog } from './form-dialog.js';
import { requiredInstant } from './form-input.js';
import { dialogInquiry, futureTime, inquiryData } from './inquiry-dialog.js';

/**
 * "Plan a joint meeting" (R24.other-institution) opens the form with the domain's draft participants and the
 * institutions that decided, one per line (D15: the same list on every platform).
 */
const dialogData = inquiryData.extend({ participants: z.string().optional(), joint: z.literal(true).optional() });

const FIELD_OF_PATH: Record<string, string> = {
  format: 'format',
  startsAt: 'startsAt',
  chairId: 'chairId',
  recorderId: 'recorderId',
  agenda: 'agenda',
  participants: 'participants',
  previousKeyPoints: 'previousKeyPoints',
};

/**
 * R45.meetings: a meeting with the client, its chair and recorder chosen from the staff; the participants and
 * the previous meeting's key points start from the last meeting held (the domain's draft).
 */
export function register(router: TeamsRouter, context: PlatformContext): void {
  const { config, clock } = context;
  registerFormDialog(router, {
    name: 'plan_meeting',
    data: dialogData,
    fieldOfPath: FIELD_OF_PATH,
    explain: {
      startsAt: futureTime,
      recorderId: (turn) => translate(turn.language, 'form.reason.same_as_chair'),
    },
    async spec(turn, { inquiryId }) {
      const t = (key: Parameters<typeof translate>[1]) => translate(turn.language, key);
      const { inquiry, title } = await dialogInquiry(context, turn, inquiryId, 'form.meeting.title');
      const staff = (await context.queries.staffWithRole(null)).map((member) => ({ title: fullName(member), value: member.id }));
      return {
        title,
        dialog: 'plan_meeting',
        hidden: { inquiryId: inquiry.id },
        fields: [
          { id: 'format', label: t('form.meeting.format'), kind: 'choice', required: true, choices: MEETING_FORMATS.map((value) => ({ title: t(`meeting_format.${value}`), value })) },
          { id: 'startsAt', label: t('form.meeting.starts_at'), kind: 'datetime', required: true },
          { id: 'chairId', label: t('form.meeting.chair'), kind: 'choice', required: true, choices: staff },
          { id: 'recorderId', label: t('form.meeting.recorder'), kind: 'choice', required: true, choices: staff },
          { id: 'agenda', label: t('form.meeting.agenda'), kind: 'multiline', required: true, maxLength: 3000 },
          { id: 'participants', label: t('form.meeting.participants'), kind: 'multiline', maxLength: 6000 },
          { id: 'previousKeyPoints', label: t('form.meeting.previous'), kind: 'multiline', maxLength: 3000 },
        ],
      };
    },
    async initial(turn, { inquiryId, participants, joint }) {
      const draft = await context.meetings.draft(inquiryId);
      const decided = joint ? (await context.queries.get(inquiryId)).externalSteps.filter((step) => step.status === 'decided').map((step) => step.institution) : [];
      return {
        format: 'in_person',
        chairId: turn.actor.id,
        participants: participants ?? [...new Set([...draft.participants, ...decided])].join('\n'),
        previousKeyPoints: draft.previousKeyPoints,
      };
    },
    async submit(turn, { inquiryId }, values) {
      const startsAt = requiredInstant(values, 'startsAt', config.TIME_ZONE);
      await context.meetings.plan(inquiryId, turn.actor.id, {
        format: values.format as MeetingFormat,
        startsAt,
        chairId: values.chairId ?? '',
        recorderId: values.recorderId ?? '',
        agenda: values.agenda ?? '',
        participants: splitParticipants(values.participants ?? ''),
        previousKeyPoints: values.previousKeyPoints ?? '',
      });
      const { inquiry } = await context.queries.get(inquiryId);
      return { message: translate(turn.language, 'reply.meeting_planned', { number: inquiry.registryNumber, when: formatWhen(startsAt, turn.language, clock.now(), config.TIME_ZONE) }) };
    },
  });
}
