/** Builders of the payloads Slack sends, trimmed to what a real one always carries. */
const team = { id: 'T0TEST001', domain: 'daigelis' };
let triggers = 0;
const trigger = () => `${++triggers}.1800000000.trigger${triggers}`;

export function blockAction(user: string, actionId: string, value: string, place: { channel?: string; ts?: string; blocks?: unknown[] } = {}) {
  return {
    type: 'block_actions',
    team,
    user: { id: user, username: user.toLowerCase(), team_id: team.id },
    api_app_id: 'A0TEST001',
    token: 'legacy',
    trigger_id: trigger(),
    container: place.channel ? { type: 'message', message_ts: place.ts, channel_id: place.channel } : { type: 'view', view_id: 'VHOME' },
    ...(place.channel ? { channel: { id: place.channel, name: 'x' }, message: { ts: place.ts, type: 'message', text: '', blocks: place.blocks ?? [] } } : {}),
    response_url: 'https://hooks.slack.com/actions/T0TEST001/1/x',
    actions: [{ type: 'button', action_id: actionId, block_id: 'inquiry_actions', value, action_ts: '1800000000.1' }],
  };
}

/** A choice in a message's select menu (the card's "More actions…"): Slack sends the option, not a value. */
export function menuChoice(user: string, actionId: string, value: string, place: { channel?: string; ts?: string; blocks?: unknown[] } = {}) {
  const payload = blockAction(user, actionId, value, place);
  const option = { text: { type: 'plain_text', text: value }, value };
  return { ...payload, actions: [{ type: 'static_select', action_id: actionId, block_id: 'inquiry_actions', selected_option: option, action_ts: '1800000000.1' }] };
}

/** Input values by block id, as Slack nests them under `value` (our action id). */
export type FormValues = Record<string, { type: string } & Record<string, unknown>>;

export const text = (value: string | null) => ({ type: 'plain_text_input', value });
export const choice = (value: string | null) => ({ type: 'static_select', selected_option: value === null ? null : { value, text: { type: 'plain_text', text: value } } });
export const when = (at: Date | null) => ({ type: 'datetimepicker', selected_date_time: at === null ? null : Math.floor(at.getTime() / 1000) });
export const person = (user: string | null) => ({ type: 'users_select', selected_user: user });
export const picked = (value: string) => ({ type: 'radio_buttons', selected_option: { value, text: { type: 'plain_text', text: value } } });
export const ticked = (on: boolean) => ({ type: 'checkboxes', selected_options: on ? [{ value: 'yes', text: { type: 'plain_text', text: 'yes' } }] : [] });

export function viewSubmission(user: string, callbackId: string, values: FormValues, metadata: Record<string, string> = {}) {
  return {
    type: 'view_submission',
    team,
    user: { id: user, username: user.toLowerCase(), team_id: team.id },
    api_app_id: 'A0TEST001',
    token: 'legacy',
    trigger_id: trigger(),
    view: {
      id: 'VMODAL1',
      type: 'modal',
      callback_id: callbackId,
      private_metadata: JSON.stringify(metadata),
      state: { values: Object.fromEntries(Object.entries(values).map(([block, value]) => [block, { value }])) },
      hash: 'h',
    },
  };
}

/**
 * An input with `dispatch_action` changed inside an open modal: Slack sends the view as it stands (its blocks as
 * drawn, the answers so far) with the changed element as the action.
 */
export function formAnswer(user: string, view: { callback_id: string; private_metadata: string; blocks: unknown[] }, changed: string, values: FormValues) {
  const element = values[changed]!;
  return {
    type: 'block_actions',
    team,
    user: { id: user, username: user.toLowerCase(), team_id: team.id },
    api_app_id: 'A0TEST001',
    token: 'legacy',
    trigger_id: trigger(),
    container: { type: 'view', view_id: 'VMODAL1' },
    view: {
      id: 'VMODAL1',
      type: 'modal',
      callback_id: view.callback_id,
      private_metadata: view.private_metadata,
      blocks: view.blocks,
      state: { values: Object.fromEntries(Object.entries(values).map(([block, value]) => [block, { value }])) },
      hash: '1800000000.abc',
    },
    actions: [{ ...element, action_id: 'value', block_id: changed, action_ts: '1800000000.2' }],
  };
}

export function slashCommand(user: string, text: string, responseUrl: string) {
  return {
    token: 'legacy',
    team_id: team.id,
    team_domain: team.domain,
    channel_id: 'C0STAFF01',
    channel_name: 'aptarnavimas',
    user_id: user,
    user_name: user.toLowerCase(),
    command: '/inquiry',
    text,
    api_app_id: 'A0TEST001',
    response_url: responseUrl,
    trigger_id: trigger(),
  };
}

export function appHomeOpened(user: string) {
  return {
    token: 'legacy',
    team_id: team.id,
    api_app_id: 'A0TEST001',
    type: 'event_callback',
    event_id: `Ev${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: 'app_home_opened', user, channel: `D${user.slice(1)}`, tab: 'home', event_ts: '1800000000.1' },
    authorizations: [{ team_id: team.id, user_id: 'UBOT00001', is_bot: true }],
  };
}

/** Someone (the bot itself: `UBOT00001`) joined a channel. */
export function memberJoinedChannel(user: string, channel: string) {
  return {
    token: 'legacy',
    team_id: team.id,
    api_app_id: 'A0TEST001',
    type: 'event_callback',
    event_id: `Ev${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: 'member_joined_channel', user, channel, channel_type: 'C', team: team.id, event_ts: '1800000000.2' },
    authorizations: [{ team_id: team.id, user_id: 'UBOT00001', is_bot: true }],
  };
}
