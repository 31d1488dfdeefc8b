import { translate, type Language } from '../../core/i18n/index.js';
import { adaptiveCard, heading, note, type AdaptiveCard, type CardElement } from './elements.js';

export type FieldKind = 'text' | 'multiline' | 'choice' | 'datetime' | 'toggle';

export interface FormField {
  id: string;
  label: string;
  kind: FieldKind;
  required?: boolean;
  maxLength?: number;
  choices?: Array<{ title: string; value: string }>;
}

export interface FormSpec {
  title: string;
  /** Which dialog the submit goes back to, and the ids it needs (e.g. the inquiry). */
  dialog: string;
  hidden: Record<string, string>;
  fields: FormField[];
}

export type FormValues = Record<string, string>;
export type FormErrors = Record<string, string>;

/** A dialog's form; after a rejected submit it comes back with the values typed and an error under each field. */
export function formCard(spec: FormSpec, language: Language, values: FormValues = {}, errors: FormErrors = {}): AdaptiveCard {
  const t = (key: Parameters<typeof translate>[1]) => translate(language, key);
  const body: CardElement[] = [heading(spec.title)];
  if (Object.keys(errors).length > 0) body.push(note(t('teams.form.check'), { color: 'attention' }));
  for (const field of spec.fields) {
    body.push(...input(field, values, language));
    if (errors[field.id]) body.push(note(errors[field.id]!, { color: 'attention' }));
  }
  return adaptiveCard(body, [{ type: 'Action.Submit', title: t('form.submit'), style: 'positive', data: { dialog: spec.dialog, ...spec.hidden } }]);
}

function input(field: FormField, values: FormValues, language: Language): CardElement[] {
  const required = field.required ? { isRequired: true, errorMessage: translate(language, 'form.required') } : {};
  const value = values[field.id];
  switch (field.kind) {
    case 'text':
    case 'multiline':
      return [
        {
          type: 'Input.Text',
          id: field.id,
          label: field.label,
          ...(field.kind === 'multiline' ? { isMultiline: true } : {}),
          ...(field.maxLength ? { maxLength: field.maxLength } : {}),
          ...(value ? { value } : {}),
          ...required,
        },
      ];
    case 'choice':
      return [
        {
          type: 'Input.ChoiceSet',
          id: field.id,
          label: field.label,
          style: 'compact',
          placeholder: translate(language, 'form.choose'),
          choices: field.choices ?? [],
          ...(value ? { value } : {}),
          ...required,
        },
      ];
    case 'toggle':
      return [{ type: 'Input.Toggle', id: field.id, title: field.label, valueOn: 'true', valueOff: 'false', value: value === 'true' ? 'true' : 'false' }];
    case 'datetime': {
      const date = values[`${field.id}Date`];
      const time = values[`${field.id}Time`];
      return [
        {
          type: 'ColumnSet',
          columns: [
            {
              type: 'Column',
              width: 'stretch',
              items: [{ type: 'Input.Date', id: `${field.id}Date`, label: `${field.label} (${translate(language, 'teams.form.date')})`, ...(date ? { value: date } : {}), ...required }],
            },
            {
              type: 'Column',
              width: 'stretch',
              items: [{ type: 'Input.Time', id: `${field.id}Time`, label: translate(language, 'teams.form.time'), ...(time ? { value: time } : {}) }],
            },
          ],
        },
      ];
    }
  }
}
