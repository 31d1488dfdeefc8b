import { answeredSpec, conditionFields, fieldHint, fieldLabel, type FieldSpec, type FormSpec, type FormValues, type FormView } from '../../core/forms/index.js';
import { translate, type Language } from '../../core/i18n/index.js';
import type { InputBlock, KnownBlock, ModalView } from './block-types.js';
import { checkbox, dateTime, modal, option, person, radio, select, textInput } from './form-parts.js';
import { clip, inert, LIMITS, mrkdwn, plain } from './elements.js';

/** Slack's most for a plain-text input; the domain may allow longer texts, but a modal cannot hold them. */
export const TEXT_MAX = 3000;

/** One input block for a field of the core's form; the block id is the field's domain path. */
function input(field: FieldSpec, view: FormView, values: FormValues, dispatch: boolean, language: Language): InputBlock {
  const t = (key: Parameters<typeof translate>[1]) => translate(language, key);
  const label = fieldLabel(field, language);
  const hint = fieldHint(field, language);
  const settings = { optional: field.required !== true, dispatch, ...(hint ? { hint } : {}) };
  const initial = values[field.id];
  const options = () => (field.choices ?? []).map((choice) => option(choice.value, typeof choice.label === 'string' ? t(choice.label) : choice.label.literal));
  switch (field.kind) {
    case 'text':
    case 'multiline': {
      const max = Math.min(field.limit?.max ?? TEXT_MAX, TEXT_MAX);
      return textInput(field.id, label, { ...settings, multiline: field.kind === 'multiline', max, ...(initial ? { initial: clip(initial, max) } : {}) });
    }
    case 'choice':
      return field.expanded ? radio(field.id, label, options(), { ...settings, initial }) : select(field.id, label, options(), language, { ...settings, initial });
    case 'datetime':
      return dateTime(field.id, label, { ...settings, ...(initial ? { initial: new Date(initial) } : {}) });
    case 'toggle':
      return checkbox(field.id, label, label);
    case 'staff':
      return person(field.id, label, language, { ...settings, initial: view.staff.find((member) => member.id === initial)?.slackUserId ?? null });
  }
}

/**
 * The modal of a core form; what it is about travels in `private_metadata` (ids only). Slack marks every input that
 * may be left empty "(optional)", so a field required only by some answers is drawn as those answers make it — the
 * answers so far, or what the form starts with — and the form is redrawn when they change (`dispatch_action`).
 */
export function formModal(view: FormView, language: Language, answers: FormValues = {}): ModalView {
  const { context, note } = view;
  const values = { ...view.initial, ...answers };
  const spec = answeredSpec(view.spec, values);
  const dispatching = conditionFields(view.spec);
  const blocks: KnownBlock[] = [
    ...(note ? [{ type: 'section' as const, block_id: 'note', text: mrkdwn(`*${inert(note.title)}*\n${inert(clip(note.text, 2000))}`) }] : []),
    ...spec.fields.map((field) => input(field, view, values, dispatching.has(field.id), language)),
  ];
  const metadata = Object.fromEntries(Object.entries({ inquiryId: context.inquiryId, meetingId: context.meetingId, stepId: context.stepId }).filter(([, value]) => value !== undefined)) as Record<string, string>;
  return modal(spec.id, translate(language, spec.shortTitle ?? spec.title), blocks, metadata, language);
}

/**
 * What a saved form turns into: the same modal, now saying what was done, with only Close. The confirmation stays
 * where the person acted and with them alone (no DM for every save).
 */
export function savedModal(spec: FormSpec, confirmation: string, language: Language): ModalView {
  return {
    type: 'modal',
    callback_id: `${spec.id}:saved`,
    title: plain(clip(translate(language, spec.shortTitle ?? spec.title), LIMITS.modalTitle)),
    close: plain(clip(translate(language, 'action.close'), LIMITS.modalTitle)),
    blocks: [{ type: 'section', text: mrkdwn(`:white_check_mark: ${inert(confirmation)}`) }],
  };
}
