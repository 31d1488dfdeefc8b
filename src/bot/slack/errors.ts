import { webApi } from '@slack/bolt';

/**
 * Slack answers about a person that no retry will change: the account is gone, deactivated, or a bot.
 * The notifier skips such a recipient instead of blocking the outbox (the brief's "no account" rule).
 */
const PERMANENT_RECIPIENT_ERRORS = new Set(['user_not_found', 'user_disabled', 'account_inactive', 'cannot_dm_bot', 'user_not_visible']);

/** The Slack error code of a Web API platform error (`{ ok: false, error }`), else null. */
export function slackErrorCode(error: unknown): string | null {
  if (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === webApi.ErrorCode.PlatformError) {
    return String((error as { data?: { error?: unknown } }).data?.error ?? 'unknown');
  }
  return null;
}

export function isUnreachableRecipient(error: unknown): boolean {
  const code = slackErrorCode(error);
  return code !== null && PERMANENT_RECIPIENT_ERRORS.has(code);
}

/** Slack's answers to `chat.update` for a message that is no longer there to edit: deleted, or no longer the bot's. */
const GONE_MESSAGE_ERRORS = new Set(['message_not_found', 'cant_update_message']);

/** The Slack error code when an edit failed because the message is gone, else null. */
export function goneMessageCode(error: unknown): string | null {
  const code = slackErrorCode(error);
  return code !== null && GONE_MESSAGE_ERRORS.has(code) ? code : null;
}
