import { z } from 'zod';
import { DomainError } from '../../../domain/errors.js';
import type { StaffMember } from '../../../domain/staff.js';
import { describeError } from '../../core/describe-error.js';
import type { Language } from '../../core/i18n/index.js';
import type { KnownBlock } from '../render/block-types.js';
import { noteMessage, outcomeMessage } from '../render/outcome.js';
import type { SlackClient, SlackServices } from '../services.js';

/** The parts of a block_actions payload the handlers use; anything else Slack sends is ignored. */
export const blockActionSchema = z.object({
  user: z.object({ id: z.string() }),
  trigger_id: z.string(),
  // A button carries `value`; a menu (static select) carries the chosen option's value.
  actions: z
    .array(
      z
        .object({ action_id: z.string(), value: z.string().optional(), selected_option: z.object({ value: z.string() }).nullish() })
        .transform((action) => ({ action_id: action.action_id, value: action.value ?? action.selected_option?.value ?? '' })),
    )
    .min(1),
  channel: z.object({ id: z.string() }).optional(),
  message: z.object({ ts: z.string(), text: z.string().default(''), blocks: z.array(z.record(z.string(), z.unknown())).default([]) }).optional(),
});
export type BlockActionBody = z.infer<typeof blockActionSchema>;

/** Says something to one person only. */
export type PrivateReply = (text: string) => Promise<void>;

/** An ephemeral in the channel of the click, or a DM when there is no channel (App Home, modals). */
export function privateReply(client: SlackClient, user: string, channel?: string): PrivateReply {
  return async (text) => {
    const message = noteMessage(text);
    if (channel) await client.chat.postEphemeral({ channel, user, ...message });
    else await client.chat.postMessage({ channel: user, ...message });
  };
}

/**
 * Replaces the buttons of the clicked message (a DM) by what came of the click, so a done thing is not
 * offered again; the rest of the message stays as it was. `follow` is what the outcome offers next (a link).
 */
export async function replaceButtons(client: SlackClient, body: BlockActionBody, outcome: string, follow: KnownBlock[] = []): Promise<void> {
  if (!body.channel || !body.message) return;
  const clicked = { text: body.message.text, blocks: body.message.blocks as unknown as KnownBlock[] };
  await client.chat.update({ channel: body.channel.id, ts: body.message.ts, ...outcomeMessage(clicked, outcome, follow) });
}

/** The language of a person's private answers; before we know who they are, the institution's. */
export function languageOf(staff: StaffMember | null, services: SlackServices): Language {
  return staff?.language ?? services.config.DEFAULT_LANGUAGE;
}

/**
 * Runs one domain command for a Slack user and answers any failure privately, through `describeError` only.
 * An unknown user gets `error.STAFF.NOT_FOUND` and nothing changes. A repeated click on one's own claim
 * is no failure: the domain takes it as done (R4.owner).
 */
export async function asStaff(services: SlackServices, slackUserId: string, reply: PrivateReply, work: (actor: StaffMember) => Promise<void>): Promise<void> {
  let actor: StaffMember | null = null;
  try {
    actor = await services.staff.findBySlackUser(slackUserId);
    await work(actor);
  } catch (error) {
    if (!(error instanceof DomainError)) services.logger.error({ err: error }, 'slack interaction failed');
    await reply(describeError(error, languageOf(actor, services)));
  }
}

/** What a button does once the clicker is known: `value` is the button's value (or the menu option's). */
export type ButtonRun = (actor: StaffMember, value: string, body: BlockActionBody, client: SlackClient) => Promise<void>;

/** Who asks to open a form, and the trigger Slack gave for it (a click's or a slash command's). */
export interface FormRequest {
  readonly client: SlackClient;
  readonly actor: StaffMember;
  readonly triggerId: string;
}

/** The usual button: ack at once, then one domain command as the clicker, failures told privately. */
export function onButton(services: SlackServices, run: ButtonRun) {
  return async ({ ack, body, client }: { ack: () => Promise<void>; body: unknown; client: SlackClient }): Promise<void> => {
    await ack();
    // Even reading the payload waits its turn: until then the next clicks' acks go first (issue #16).
    await services.work.run(() => {
      const action = blockActionSchema.parse(body);
      const reply = privateReply(client, action.user.id, action.channel?.id);
      return asStaff(services, action.user.id, reply, (actor) => run(actor, action.actions[0]!.value, action, client));
    });
  };
}
