import type { z } from 'zod';
import { DomainError } from '../../../domain/errors.js';
import { describeError } from '../../core/describe-error.js';
import { formCard, type FormErrors, type FormSpec, type FormValues } from '../cards/forms.js';
import type { Data, DialogResult, TeamsRouter, Turn } from '../router.js';
import { fieldErrors, formValues, isFilled } from './form-input.js';

/** A dialog that is one form: opened with some ids, submitted to one domain command. */
export interface FormDialog<D> {
  name: string;
  /** The ids the dialog is opened with; the form carries them back hidden. */
  data: z.ZodType<D>;
  /** The form, in the person's language. */
  spec(turn: Turn, data: D): Promise<FormSpec>;
  /** What the form starts with when it opens (drafts, earlier answers). */
  initial?(turn: Turn, data: D, raw: Data): Promise<FormValues>;
  /** Refuses before any form opens, so nobody types what cannot be used (a coded error becomes words). */
  before?(turn: Turn, data: D): Promise<void>;
  /** The one domain call, and what to answer. */
  submit(turn: Turn, data: D, values: FormValues): Promise<DialogResult>;
  /** Form field of each path the domain may reject. */
  fieldOfPath: Record<string, string>;
  /** Any other refusal is shown under this field, keeping what was typed (instead of closing the dialog). */
  refusalField?: string;
  /** Only refusals with these codes go under `refusalField`; without it, every coded refusal does. */
  refusalCodes?: readonly string[];
  /** Says why a filled-in value was refused, where "invalid" would leave the person guessing. */
  explain?: Record<string, (turn: Turn) => string>;
}

/** The form; after a refusal, again with the values typed and an error under each field. */
function showForm(spec: FormSpec, turn: Turn, values?: FormValues, errors?: FormErrors): DialogResult {
  return { form: { title: spec.title, card: formCard(spec, turn.language, values, errors) } };
}

/** Opens the form (task/fetch) and runs its submit (task/submit); refused input comes back in the form. */
export function registerFormDialog<D>(router: TeamsRouter, dialog: FormDialog<D>): void {
  router.onDialog(dialog.name, {
    async fetch(turn, raw) {
      const data = dialog.data.parse(raw);
      await dialog.before?.(turn, data);
      return showForm(await dialog.spec(turn, data), turn, await dialog.initial?.(turn, data, raw));
    },
    async submit(turn, raw) {
      const data = dialog.data.parse(raw);
      const values = formValues(raw);
      try {
        return await dialog.submit(turn, data, values);
      } catch (error) {
        const errors = fieldErrors(error, dialog.fieldOfPath, values, turn.language) ?? refusal(error, dialog, turn);
        if (!errors) throw error;
        // Only the domain's refusals of a value are explained; an unreadable date stays "invalid".
        for (const [field, explain] of Object.entries(error instanceof DomainError ? (dialog.explain ?? {}) : {})) {
          if (errors[field] && isFilled(values, field)) errors[field] = explain(turn);
        }
        return showForm(await dialog.spec(turn, data), turn, values, errors);
      }
    },
  });
}

function refusal(error: unknown, dialog: Pick<FormDialog<unknown>, 'refusalField' | 'refusalCodes'>, turn: Turn): FormErrors | null {
  const { refusalField: field, refusalCodes: codes } = dialog;
  if (!field || !(error instanceof DomainError) || (codes && !codes.includes(error.code))) return null;
  return { [field]: describeError(error, turn.language) };
}
