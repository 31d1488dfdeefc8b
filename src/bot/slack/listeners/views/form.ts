import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { DomainError } from '../../../../domain/errors.js';
import type { StaffMember } from '../../../../domain/staff.js';
import { describeError } from '../../../core/describe-error.js';
import { translate, type Language } from '../../../core/i18n/index.js';
import { VALUE } from '../../render/form-parts.js';
import type { SlackServices } from '../../services.js';
import { languageOf, privateReply } from '../interaction.js';

const elementSchema = z.object({
  type: z.string(),
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
  selected_date_time: z.number().nullish(),
});

/** The parts of a view_submission payload the form handlers use. */
export const viewSubmissionSchema = z.object({
  user: z.object({ id: z.string() }),
  view: z.object({
    callback_id: z.string(),
    private_metadata: z.string().default('{}'),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), elementSchema)) }),
  }),
});

/** A submitted form, read by block id (which is the domain field's name). */
export class SubmittedForm {
  readonly metadata: Record<string, string>;
  constructor(private readonly body: z.infer<typeof viewSubmissionSchema>) {
    this.metadata = z.record(z.string(), z.string()).parse(JSON.parse(body.view.private_metadata || '{}'));
  }

  get user(): string {
    return this.body.user.id;
  }

  private element(blockId: string) {
    return this.body.view.state.values[blockId]?.[VALUE];
  }

  /** Text or the chosen option; '' when left empty. */
  text(blockId: string): string {
    const element = this.element(blockId);
    return element?.value ?? element?.selected_option?.value ?? '';
  }

  /** The text, or null when left empty (optional contact fields). */
  optionalText(blockId: string): string | null {
    const value = this.text(blockId).trim();
    return value === '' ? null : value;
  }

  date(blockId: string): Date | null {
    const seconds = this.element(blockId)?.selected_date_time;
    return typeof seconds === 'number' ? new Date(seconds * 1000) : null;
  }

  checked(blockId: string): boolean {
    return (this.element(blockId)?.selected_options?.length ?? 0) > 0;
  }

  blockIds(): string[] {
    return Object.keys(this.body.view.state.values);
  }
}

/** `response_action: errors` for a failed submission: each invalid field under its own block. */
export function inlineErrors(error: unknown, form: SubmittedForm, language: Language, aliases: Record<string, string> = {}): Record<string, string> {
  const blocks = form.blockIds();
  const first = blocks[0] ?? 'value';
  if (error instanceof DomainError && error.code === 'INPUT.INVALID') {
    const fields = (error.details.fields as Array<{ path: string; message: string }> | undefined) ?? [];
    const errors: Record<string, string> = {};
    for (const field of fields) {
      const path = aliases[field.path] ?? field.path;
      const block = blocks.includes(path) ? path : first;
      // Schemas say 'required' for conditional fields; a `min(1)` text left empty is zod's 'Too small'.
      errors[block] ??= translate(language, field.message === 'required' || field.message.startsWith('Too small') ? 'form.required' : 'form.invalid');
    }
    if (Object.keys(errors).length > 0) return errors;
  }
  return { [first]: describeError(error, language) };
}

/**
 * A form submission runs its domain command before the ack, because only the ack can put errors beside the
 * fields; the command is one short transaction, well inside Slack's 3 seconds. What follows (the card,
 * the thread, DMs) goes through the outbox after the ack. `confirm` is said privately once it is saved.
 */
export function onSubmit(
  services: SlackServices,
  run: (actor: StaffMember, form: SubmittedForm) => Promise<string | null>,
  aliases: Record<string, string> = {},
) {
  return async ({ ack, body, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const form = new SubmittedForm(viewSubmissionSchema.parse(body));
    let actor: StaffMember | null = null;
    let confirmation: string | null;
    try {
      actor = await services.staff.findBySlackUser(form.user);
      confirmation = await run(actor, form);
    } catch (error) {
      if (!(error instanceof DomainError)) services.logger.error({ err: error }, 'slack form failed');
      await ack({ response_action: 'errors', errors: inlineErrors(error, form, languageOf(actor, services), aliases) });
      return;
    }
    await ack();
    if (confirmation) await privateReply(client, form.user)(confirmation);
  };
}
