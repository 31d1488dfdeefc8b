import type { App } from '@slack/bolt';
import { z } from 'zod';
import { parseCommand, type InquiryForm, type PersonRef } from '../../../core/commands/intent.js';
import type { CommandReply } from '../../../core/commands/reply.js';
import { runCommand } from '../../../core/commands/run-command.js';
import type { Inquiry } from '../../../../domain/inquiry.js';
import type { KnownBlock } from '../../render/block-types.js';
import { commandMessage } from '../../render/command-blocks.js';
import { callLogModal, newInquiryModal } from '../../render/modals.js';
import { fallback } from '../../render/text.js';
import type { SlackServices } from '../../services.js';
import { asStaff, type FormRequest } from '../interaction.js';
import { openExternalStep, openLetter, openMeeting, openProgress, openScheduleCall } from '../open-forms.js';

const commandSchema = z.object({
  command: z.string(),
  text: z.string().default(''),
  user_id: z.string(),
  trigger_id: z.string(),
});

/** Slack escapes mentions in command text as `<@U123|name>` (the manifest asks for it); a bare id works too. */
const MENTION = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>|\b([UW][A-Z0-9]{6,})\b/g;

function mentionsIn(text: string): PersonRef[] {
  return [...text.matchAll(MENTION)].map((match) => ({ platformUserId: (match[1] ?? match[2])! }));
}

/** Slack opens a command's form at once, as a modal, with the command's trigger. */
const OPEN_FORM: Record<InquiryForm, (request: FormRequest, inquiry: Inquiry) => Promise<unknown>> = {
  log_call: (request, inquiry) => request.client.views.open({ trigger_id: request.triggerId, view: callLogModal(inquiry, request.actor.language) }),
  schedule_call: (request, inquiry) => openScheduleCall(request, inquiry.id),
  plan_meeting: (request, inquiry) => openMeeting(request, inquiry.id),
  external_step: (request, inquiry) => openExternalStep(request, inquiry.id),
  record_progress: (request, inquiry) => openProgress(request, inquiry.id),
  write_letter: (request, inquiry) => openLetter(request, inquiry.id),
};

async function openForm(request: FormRequest, reply: Extract<CommandReply, { kind: 'form' }>): Promise<void> {
  if (reply.form === 'new_inquiry') await request.client.views.open({ trigger_id: request.triggerId, view: newInquiryModal(request.actor.language) });
  else await OPEN_FORM[reply.form](request, reply.inquiry);
}

/** `/inquiry …`: acked at once, then understood and carried out by the core; answers are ephemeral through the response URL. */
export function register(app: App, services: SlackServices): void {
  app.command('/inquiry', async ({ ack, body, client, respond }) => {
    await ack();
    const command = commandSchema.parse(body);
    const reply = async (text: string, blocks?: KnownBlock[]) => {
      await respond({ response_type: 'ephemeral', text: fallback(text), ...(blocks ? { blocks } : {}) });
    };
    await services.work.run(() => asStaff(services, command.user_id, reply, async (actor) => {
      const caller = {
        actor,
        language: actor.language,
        syntax: { prefix: command.command, byMention: false },
        staffOf: (person: PersonRef) => services.staff.findBySlackUser(person.platformUserId),
      };
      const answer = await runCommand(parseCommand(command.text, mentionsIn(command.text)), caller, services);
      if (answer.kind === 'form') return openForm({ services, client, actor, triggerId: command.trigger_id }, answer);
      const { text, blocks } = commandMessage(answer, actor.language);
      await reply(text, blocks);
    }));
  });
}
