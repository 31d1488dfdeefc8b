import { translate, type Language } from '../../core/i18n/index.js';
import { pairValue } from './action-values.js';
import type { Button, KnownBlock } from './block-types.js';
import { actionButton } from './inquiry-blocks.js';
import { LIMITS, plain } from './text.js';

/** Buttons that act on one part of an inquiry; their value is `inquiryId:partId`. */
export type PartAction = 'record_minutes' | 'send_summary' | 'record_decision' | 'inform_client';

export function partButton(action: PartAction, inquiryId: string, partId: string, language: Language, style?: 'primary'): Button {
  return actionButton({ id: action, label: translate(language, `action.${action}`), ...(style ? { style } : {}) }, pairValue(inquiryId, partId));
}

/** A button acting on the whole inquiry (its id is the value). */
export function inquiryButton(action: 'log_call' | 'email_client' | 'write_letter' | 'plan_joint_meeting' | 'mark_replied', inquiryId: string, language: Language, style?: 'primary'): Button {
  return actionButton({ id: action, label: translate(language, `action.${action}`), ...(style ? { style } : {}) }, inquiryId);
}

/**
 * The printable letter (R55.same-channel) as a link button. Slack still sends its click, which the
 * `open_letter` listener acks so nobody sees an error.
 */
export function letterButton(url: string, language: Language): Button {
  return { type: 'button', action_id: 'open_letter', text: plain(translate(language, 'action.open_letter'), LIMITS.buttonLabel), url, style: 'primary' };
}

export function letterLinkBlocks(url: string, language: Language): KnownBlock[] {
  return [{ type: 'actions', block_id: 'letter_link', elements: [letterButton(url, language)] }];
}

