import { translate, type Language } from '../../core/i18n/index.js';
import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from './block-types.js';
import { clip, LIMITS, plain } from './elements.js';

/** Every input's element has this action id; the block id names the domain field it fills. */
export const VALUE = 'value';

interface InputOptions {
  optional?: boolean;
  hint?: string;
  /** Other fields depend on this one: Slack tells the app when it changes, and the form is redrawn. */
  dispatch?: boolean;
}

function input(blockId: string, label: string, element: InputBlock['element'], options: InputOptions): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label, 2000),
    element,
    optional: options.optional ?? false,
    ...(options.dispatch ? { dispatch_action: true } : {}),
    ...(options.hint ? { hint: plain(options.hint, 2000) } : {}),
  };
}

export function textInput(blockId: string, label: string, options: InputOptions & { multiline?: boolean; max?: number; initial?: string } = {}): InputBlock {
  return input(blockId, label, {
    type: 'plain_text_input',
    action_id: VALUE,
    multiline: options.multiline ?? false,
    ...(options.max ? { max_length: options.max } : {}),
    // A text others depend on matters from its first character, not at Enter (which a multi-line input lacks).
    ...(options.dispatch ? { dispatch_action_config: { trigger_actions_on: ['on_character_entered'] } } : {}),
    ...(options.initial ? { initial_value: options.initial } : {}),
  }, options);
}

export function option(value: string, label: string): PlainTextOption {
  return { value, text: plain(label, LIMITS.optionText) };
}

export function select(blockId: string, label: string, options: PlainTextOption[], language: Language, settings: InputOptions & { initial?: string } = {}): InputBlock {
  const initial = options.find((candidate) => candidate.value === settings.initial);
  return input(blockId, label, {
    type: 'static_select',
    action_id: VALUE,
    placeholder: plain(translate(language, 'form.choose'), 150),
    options,
    ...(initial ? { initial_option: initial } : {}),
  }, settings);
}

/** A date and time; Slack shows it in the user's own time zone and returns Unix seconds. */
export function dateTime(blockId: string, label: string, options: InputOptions & { initial?: Date } = {}): InputBlock {
  return input(blockId, label, {
    type: 'datetimepicker',
    action_id: VALUE,
    ...(options.initial ? { initial_date_time: Math.floor(options.initial.getTime() / 1000) } : {}),
  }, options);
}

export function checkbox(blockId: string, label: string, optionLabel: string): InputBlock {
  return input(blockId, label, { type: 'checkboxes', action_id: VALUE, options: [option('yes', optionLabel)] }, { optional: true });
}

/** A choice among a few options, all visible at once. */
export function radio(blockId: string, label: string, options: PlainTextOption[], settings: InputOptions & { initial?: string } = {}): InputBlock {
  const initial = options.find((candidate) => candidate.value === settings.initial);
  return input(blockId, label, { type: 'radio_buttons', action_id: VALUE, options, ...(initial ? { initial_option: initial } : {}) }, settings);
}

/** A Slack member; the handler maps the member to the staff directory (`staff.findBySlackUser`). */
export function person(blockId: string, label: string, language: Language, settings: InputOptions & { initial?: string | null } = {}): InputBlock {
  return input(blockId, label, {
    type: 'users_select',
    action_id: VALUE,
    placeholder: plain(translate(language, 'form.choose'), 150),
    ...(settings.initial ? { initial_user: settings.initial } : {}),
  }, settings);
}

/** A modal with the catalogue's Save / Cancel; what it is about travels in `private_metadata`. */
export function modal(callbackId: string, title: string, blocks: KnownBlock[], metadata: Record<string, string>, language: Language): ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    title: plain(clip(title, LIMITS.modalTitle)),
    submit: plain(clip(translate(language, 'form.submit'), LIMITS.modalTitle)),
    close: plain(clip(translate(language, 'form.cancel'), LIMITS.modalTitle)),
    private_metadata: JSON.stringify(metadata),
    blocks,
  };
}
