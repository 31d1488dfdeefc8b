import type { App } from '@slack/bolt';
import { z } from 'zod';
import { parseCommand, type PersonRef } from '../../core/commands/intent.js';
import { runCommand } from '../../core/commands/run-command.js';
import type { MessageBlock } from '../render/block-types.js';
import { commandMessage } from '../render/command.js';
import { reportMessage } from '../render/report.js';
import { fallback } from '../render/elements.js';
import type { SlackServices } from '../services.js';
import { openFormModal } from './forms.js';
import { asStaff } from './interaction.js';

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

/**
 * A response URL refuses a message with an HTTP error (Bolt's `respond` throws) or with 200 and `{ ok: false, error }`
 * (`invalid_blocks`, say), which `respond` returns as if delivered: the error code then, else null.
 */
async function refusalIn(answer: unknown): Promise<string | null> {
  if (typeof (answer as { text?: unknown } | null)?.text !== 'function') return null;
  const body = await (answer as Response).text().catch(() => '');
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && (parsed as { ok?: unknown }).ok === false) return String((parsed as { error?: unknown }).error ?? 'unknown');
  } catch {
    // Slack's plain "ok", or nothing: delivered.
  }
  return null;
}

/** `/inquiry …`: acked at once, then understood and carried out by the core; answers are ephemeral through the response URL. */
export function register(app: App, services: SlackServices): void {
  app.command('/inquiry', async ({ ack, body, client, respond }) => {
    await ack();
    const command = commandSchema.parse(body);
    const reply = async (text: string, blocks?: MessageBlock[]) => {
      const refused = await refusalIn(await respond({ response_type: 'ephemeral', text: fallback(text), ...(blocks ? { blocks } : {}) }));
      if (refused) throw new Error(`slack: the response URL refused the message (${refused})`);
    };
    await services.work.run(() => asStaff(services, command.user_id, reply, async (actor) => {
      const caller = {
        actor,
        language: actor.language,
        syntax: { prefix: command.command, byMention: false },
        staffOf: (person: PersonRef) => services.staff.findBySlackUser(person.platformUserId),
      };
      const answer = await runCommand(parseCommand(command.text, mentionsIn(command.text)), caller, services);
      // Slack opens a command's form at once, as a modal, with the command's trigger.
      if (answer.kind === 'form') {
        return openFormModal(services, { client, actor, triggerId: command.trigger_id }, answer.form, 'inquiry' in answer ? { inquiryId: answer.inquiry.id } : {});
      }
      const { text, blocks } = commandMessage(answer, actor.language);
      await reply(text, blocks).catch(async (error: unknown) => {
        // R60.internal: a workspace that refuses the chart block still gets the report, its table carrying the data.
        if (answer.kind !== 'report') throw error;
        services.logger.warn({ err: error }, 'slack: a report with charts was refused; sent without them');
        const plainer = reportMessage(answer.view, { charts: false });
        await reply(plainer.text, plainer.blocks);
      });
    }));
  });
}
