import { z } from 'zod';
import { DomainError } from '../../../domain/errors.js';
import { translate } from '../../core/i18n/index.js';
import type { PlatformContext } from '../../platform.js';
import type { TeamsRouter, Turn } from '../router.js';
import { registerFormDialog } from './form-dialog.js';
import { inquiryData } from './inquiry-dialog.js';

const dialogData = inquiryData.extend({ stepId: z.string().min(1) });

/**
 * R24.other-institution: the institution's decision. It is an intermediate result the client may be told of
 * (R19.status, offered by the notifier); one that conflicts with another's proposes a joint meeting.
 */
export function register(router: TeamsRouter, context: PlatformContext): void {
  const stepOf = async (turn: Turn, inquiryId: string, stepId: string) => {
    const { inquiry, externalSteps } = await context.queries.get(inquiryId);
    const step = externalSteps.find((candidate) => candidate.id === stepId);
    if (!step) throw new DomainError('EXTERNAL_STEP.NOT_FOUND', `External step ${stepId} was not found`, { stepId });
    return { step, title: `${translate(turn.language, 'form.decision.title')} · ${inquiry.registryNumber} · ${step.institution}`, number: inquiry.registryNumber };
  };

  registerFormDialog(router, {
    name: 'record_decision',
    data: dialogData,
    fieldOfPath: { decision: 'decision', conflictsWithOthers: 'conflictsWithOthers' },
    async spec(turn, { inquiryId, stepId }) {
      const { title } = await stepOf(turn, inquiryId, stepId);
      return {
        title,
        dialog: 'record_decision',
        hidden: { inquiryId, stepId },
        fields: [
          { id: 'decision', label: translate(turn.language, 'form.decision.decision'), kind: 'multiline', required: true, maxLength: 3000 },
          { id: 'conflictsWithOthers', label: translate(turn.language, 'form.decision.conflicts'), kind: 'toggle' },
        ],
      };
    },
    async submit(turn, { inquiryId, stepId }, values) {
      const step = await context.externalSteps.recordDecision(stepId, turn.actor.id, {
        decision: values.decision ?? '',
        conflictsWithOthers: values.conflictsWithOthers === 'true',
      });
      const { number } = await stepOf(turn, inquiryId, stepId);
      return { message: translate(turn.language, 'reply.decision_recorded', { number, institution: step.institution }) };
    },
  });
}
