import { DateTime } from 'luxon';
import {
  fieldErrors, FORM_IDS, FORM_REASONS, FORMS, formProblems, formTitle, openForm, submitForm, type FormCaller, type FormContext, type FormId,
} from '../../core/forms/index.js';
import type { PlatformContext } from '../../platform.js';
import { cardValues, dialogName, formCard, type CardValues, type FormErrors } from '../render/form.js';
import type { Data, DialogResult, TeamsRouter, Turn } from '../router.js';

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** What the form is about, as the button that opened it (or the form's own Submit) names it. */
function contextOf(data: Data): FormContext {
  const [inquiryId, meetingId, stepId] = [text(data.inquiryId), text(data.meetingId), text(data.stepId)];
  const prefill = { ...(data.draft === 'missed_call' ? { draft: 'missed_call' as const } : {}), ...(data.joint === true ? { joint: true as const } : {}) };
  return { ...(inquiryId ? { inquiryId } : {}), ...(meetingId ? { meetingId } : {}), ...(stepId ? { stepId } : {}), prefill };
}

/** The strings a submitted card carries (Teams sends every input as a string). */
function cardInputs(data: Data): CardValues {
  return Object.fromEntries(Object.entries(data).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** The card's inputs as the core reads them: a date (and a time, 09:00 unless given) typed in the institution's zone. */
function formValues(id: FormId, inputs: CardValues, zone: string) {
  const values: Record<string, string> = {};
  const problems: Array<{ path: string; message: string }> = [];
  for (const field of FORMS[id].spec.fields) {
    if (field.kind === 'toggle') values[field.id] = String(inputs[field.id] === 'true');
    else if (field.kind !== 'datetime') values[field.id] = inputs[field.id] ?? '';
    else {
      const date = inputs[`${field.id}Date`]?.trim() ?? '';
      const at = DateTime.fromISO(`${date}T${inputs[`${field.id}Time`]?.trim() || '09:00'}`, { zone });
      values[field.id] = date === '' ? '' : at.isValid ? at.toUTC().toISO()! : date;
      if (date !== '' && !at.isValid) problems.push({ path: field.id, message: FORM_REASONS.unreadable });
    }
  }
  return { values, problems };
}

/** Opens a core form in a dialog (task/fetch) and submits it (task/submit); refusals come back beside the fields. */
function dialog(id: FormId, context: PlatformContext) {
  const zone = context.config.TIME_ZONE;
  const caller = (turn: Turn): FormCaller => ({ actor: turn.actor, language: turn.language });
  const show = async (turn: Turn, data: Data, check: boolean, values?: CardValues, errors?: FormErrors): Promise<DialogResult> => {
    const view = await openForm(id, caller(turn), contextOf(data), context, check);
    return { form: { title: formTitle(view, caller(turn)), card: formCard(view, caller(turn), values ?? cardValues(view, zone), errors) } };
  };
  return {
    fetch: (turn: Turn, data: Data) => show(turn, data, true),
    async submit(turn: Turn, data: Data): Promise<DialogResult> {
      const inputs = cardInputs(data);
      const { values, problems } = formValues(id, inputs, zone);
      try {
        if (problems.length > 0) throw formProblems(problems);
        const confirmation = await submitForm(id, caller(turn), contextOf(data), values, context);
        return confirmation ? { message: confirmation } : { close: true };
      } catch (error) {
        const errors = fieldErrors(error, FORMS[id].spec, values, turn.language);
        if (!errors) throw error;
        return show(turn, data, false, inputs, errors);
      }
    },
  };
}

/** Every form of the core as a dialog. */
export function register(router: TeamsRouter, context: PlatformContext): void {
  for (const id of FORM_IDS) router.onDialog(dialogName(id), dialog(id, context));
}
