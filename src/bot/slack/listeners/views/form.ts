import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { FIELD_REASONS } from '../../../../domain/validation.js';
import { DomainError } from '../../../../domain/errors.js';
import type { StaffMember } from '../../../../domain/staff.js';
import { describeError } from '../../../core/describe-error.js';
import { formatWhen } from '../../../core/format-time.js';
import { translate, type Language, type MessageKey } from '../../../core/i18n/index.js';
import { VALUE } from '../../render/form-parts.js';
import type { SlackServices } from '../../services.js';
import { languageOf, privateReply } from '../interaction.js';

const elementSchema = z.object({
  type: z.string(),
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
  selected_date_time: z.number().nullish(),
  selected_user: z.string().nullish(),
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

  /** A date the form cannot do without; refused beside its field when missing. */
  requiredDate(blockId: string): Date {
    const date = this.date(blockId);
    if (date === null) throw new DomainError('INPUT.INVALID', `${blockId} is required`, { fields: [{ path: blockId, message: 'required' }] });
    return date;
  }

  /** The Slack member picked, or null. */
  person(blockId: string): string | null {
    return this.element(blockId)?.selected_user ?? null;
  }

  checked(blockId: string): boolean {
    return (this.element(blockId)?.selected_options?.length ?? 0) > 0;
  }

  blockIds(): string[] {
    return Object.keys(this.body.view.state.values);
  }
}

/** A field naming a Slack member who is not in the staff directory. */
export const NOT_STAFF = 'not in the staff directory';

/** The words beside a refused field, from the domain's message for it. */
function fieldMessage(message: string): MessageKey {
  // Schemas say 'required' for conditional fields; a `min(1)` text left empty is zod's 'Too small'.
  if (message === 'required' || message.startsWith('Too small')) return 'form.required';
  if (message === NOT_STAFF) return 'slack.form.not_staff';
  // A time the clock refuses: in the past, or a retry sooner than the procedure allows (R31.callback).
  if (message === FIELD_REASONS.notInFuture) return 'form.reason.not_in_future';
  if (message === FIELD_REASONS.tooSoon) return 'form.reason.too_soon';
  if (message === FIELD_REASONS.sameAsChair) return 'form.reason.same_as_chair';
  return 'form.invalid';
}

/** The block a domain path belongs to: itself, or its longest dotted prefix (`participants.3` → `participants`). */
function blockOf(path: string, blocks: string[]): string | null {
  for (let candidate = path; candidate !== ''; candidate = candidate.slice(0, Math.max(candidate.lastIndexOf('.'), 0))) {
    if (blocks.includes(candidate)) return candidate;
  }
  return null;
}

/** `response_action: errors` for a failed submission: each invalid field under its own block. */
export function inlineErrors(error: unknown, form: SubmittedForm, language: Language, aliases: Record<string, string> = {}): Record<string, string> {
  const blocks = form.blockIds();
  const first = blocks[0] ?? 'value';
  if (error instanceof DomainError && error.code === 'INPUT.INVALID') {
    const fields = (error.details.fields as Array<{ path: string; message: string } & Record<string, string | number>> | undefined) ?? [];
    const errors: Record<string, string> = {};
    for (const field of fields) {
      const block = blockOf(aliases[field.path] ?? field.path, blocks) ?? first;
      // The field's own facts fill the words (the minutes a retry must wait, R31.callback).
      errors[block] ??= translate(language, fieldMessage(field.message), field);
    }
    if (Object.keys(errors).length > 0) return errors;
  }
  return { [first]: describeError(error, language) };
}

/** A moment as the person reads it in a confirmation (`today 14:00`), in the institution's time zone. */
export function whenText(services: SlackServices, language: Language, at: Date): string {
  return formatWhen(at, language, services.clock.now(), services.config.TIME_ZONE);
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
