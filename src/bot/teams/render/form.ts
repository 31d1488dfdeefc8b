import { DateTime } from 'luxon';
import { fullName } from '../../../domain/staff.js';
import type { FieldSpec, FormCaller, FormView } from '../../core/forms/index.js';
import { fieldHint, fieldLabel, formTitle } from '../../core/forms/index.js';
import { translate, type Language } from '../../core/i18n/index.js';
import { adaptiveCard, heading, note, plain, type AdaptiveCard, type CardElement } from './elements.js';

/** What a dialog's inputs carry, by input id (a date-time field is two inputs: `<id>Date`, `<id>Time`). */
export type CardValues = Record<string, string>;
export type FormErrors = Readonly<Record<string, string>>;

/** A core form's values as the card's inputs: a moment shown in the institution's zone. */
export function cardValues(view: FormView, zone: string): CardValues {
  const values: CardValues = {};
  for (const field of view.spec.fields) {
    const value = view.initial[field.id];
    if (value === undefined) continue;
    if (field.kind !== 'datetime') values[field.id] = value;
    else {
      const at = DateTime.fromISO(value, { zone });
      values[`${field.id}Date`] = at.toFormat('yyyy-MM-dd');
      values[`${field.id}Time`] = at.toFormat('HH:mm');
    }
  }
  return values;
}

/** Teams' dialog name of a form (the launcher of `new` predates the core's ids). */
export const dialogName = (id: string): string => (id === 'new_inquiry' ? 'new' : id);

/** A dialog's form; after a rejected submit it comes back with the values typed and an error under each field. */
export function formCard(view: FormView, caller: FormCaller, values: CardValues, errors: FormErrors = {}): AdaptiveCard {
  const t = (key: Parameters<typeof translate>[1]) => translate(caller.language, key);
  const body: CardElement[] = [heading(formTitle(view, caller))];
  if (view.note) body.push(plain(view.note.text, { label: view.note.title }));
  if (Object.keys(errors).length > 0) body.push(note(t('teams.form.check'), { color: 'attention' }));
  for (const field of view.spec.fields) {
    body.push(input(field, view, values, caller.language));
    if (errors[field.id]) body.push(note(errors[field.id]!, { color: 'attention' }));
    const hint = fieldHint(field, caller.language);
    if (hint) body.push(note(hint, { subtle: true }));
  }
  const { inquiryId, meetingId, stepId } = view.context;
  const data = { dialog: dialogName(view.spec.id), ...(inquiryId ? { inquiryId } : {}), ...(meetingId ? { meetingId } : {}), ...(stepId ? { stepId } : {}) };
  return adaptiveCard(body, [{ type: 'Action.Submit', title: t('form.submit'), style: 'positive', data }]);
}

function input(field: FieldSpec, view: FormView, values: CardValues, language: Language): CardElement {
  const t = (key: Parameters<typeof translate>[1]) => translate(language, key);
  const label = fieldLabel(field, language);
  const required = field.required === true ? { isRequired: true, errorMessage: t('form.required') } : {};
  const value = values[field.id];
  const shown = value ? { value } : {};
  switch (field.kind) {
    case 'text':
    case 'multiline':
      return {
        type: 'Input.Text', id: field.id, label, ...(field.kind === 'multiline' ? { isMultiline: true } : {}),
        ...(field.limit?.max ? { maxLength: field.limit.max } : {}), ...shown, ...required,
      };
    case 'choice':
    case 'staff': {
      const choices = field.kind === 'staff'
        ? view.staff.map((member) => ({ title: fullName(member), value: member.id }))
        : (field.choices ?? []).map((choice) => ({ title: typeof choice.label === 'string' ? t(choice.label) : choice.label.literal, value: choice.value }));
      return { type: 'Input.ChoiceSet', id: field.id, label, style: field.expanded ? 'expanded' : 'compact', placeholder: t('form.choose'), choices, ...shown, ...required };
    }
    case 'toggle':
      return { type: 'Input.Toggle', id: field.id, title: label, valueOn: 'true', valueOff: 'false', value: value === 'true' ? 'true' : 'false' };
    case 'datetime': {
      const date = values[`${field.id}Date`];
      const time = values[`${field.id}Time`];
      const column = (item: CardElement) => ({ type: 'Column', width: 'stretch', items: [item] });
      return {
        type: 'ColumnSet',
        columns: [
          column({ type: 'Input.Date', id: `${field.id}Date`, label: `${label} (${t('teams.form.date')})`, ...(date ? { value: date } : {}), ...required }),
          column({ type: 'Input.Time', id: `${field.id}Time`, label: t('teams.form.time'), ...(time ? { value: time } : {}) }),
        ],
      };
    }
  }
}
