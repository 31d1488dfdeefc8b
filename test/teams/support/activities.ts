/** Bot Framework activities as Teams sends them, for posting to `/api/messages`. */
export interface TeamsUser {
  id: string;
  aadObjectId: string;
  name: string;
}

export const BOT = { id: '28:langelis-bot', name: 'Langelis' };
export const TENANT = 'tenant-0001';
export const TEAM_ID = '19:team-general@thread.tacv2';

export function teamsUser(name: string, n: number): TeamsUser {
  return { id: `29:user-${n}`, aadObjectId: `00000000-0000-0000-0000-00000000000${n}`, name };
}

let sequence = 0;

function base(serviceUrl: string, from: TeamsUser | typeof BOT, conversation: Record<string, unknown>, locale = 'lt-LT') {
  sequence += 1;
  return {
    id: `incoming-${sequence}`,
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    locale,
    from,
    recipient: BOT,
    conversation: { tenantId: TENANT, ...conversation },
    channelData: { tenant: { id: TENANT } } as Record<string, unknown>,
  };
}

const channelConversation = (thread?: string) => ({ id: thread ? `${TEAM_ID};messageid=${thread}` : TEAM_ID, conversationType: 'channel', isGroup: true });
const personalConversation = (user: TeamsUser) => ({ id: `a:personal-${user.id}`, conversationType: 'personal' });

/** The app added to a team: Teams tells the bot it joined, in the team's General channel. */
export function installedInTeam(serviceUrl: string, by: TeamsUser) {
  const activity = base(serviceUrl, by, channelConversation());
  return {
    ...activity,
    type: 'conversationUpdate',
    membersAdded: [BOT],
    channelData: { ...activity.channelData, eventType: 'teamMemberAdded', team: { id: TEAM_ID, name: 'Darželio komanda' } },
  };
}

export function memberJoinedTeam(serviceUrl: string, member: TeamsUser) {
  const activity = base(serviceUrl, member, channelConversation());
  return {
    ...activity,
    type: 'conversationUpdate',
    membersAdded: [member],
    channelData: { ...activity.channelData, eventType: 'teamMemberAdded', team: { id: TEAM_ID } },
  };
}

export interface Where {
  personal?: boolean;
  locale?: string;
}

function conversationFor(user: TeamsUser, where: Where) {
  return where.personal ? personalConversation(user) : channelConversation('1700000000000');
}

/** A message; in a channel it @mentions the bot, as Teams requires. */
export function message(serviceUrl: string, user: TeamsUser, text: string, where: Where = {}) {
  const activity = base(serviceUrl, user, conversationFor(user, where), where.locale);
  const mention = `<at>${BOT.name}</at>`;
  return {
    ...activity,
    type: 'message',
    text: where.personal ? text : `${mention} ${text}`,
    textFormat: 'plain',
    entities: where.personal ? [] : [{ type: 'mention', text: mention, mentioned: BOT }],
  };
}

/** A click on an `Action.Execute` (Universal Actions). */
export function cardAction(serviceUrl: string, user: TeamsUser, verb: string, data: Record<string, unknown>, where: Where = {}) {
  return {
    ...base(serviceUrl, user, conversationFor(user, where), where.locale),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

export function taskFetch(serviceUrl: string, user: TeamsUser, data: Record<string, unknown>, where: Where = {}) {
  return { ...base(serviceUrl, user, conversationFor(user, where), where.locale), type: 'invoke', name: 'task/fetch', value: { data, context: { theme: 'default' } } };
}

export function taskSubmit(serviceUrl: string, user: TeamsUser, data: Record<string, unknown>, where: Where = {}) {
  return { ...base(serviceUrl, user, conversationFor(user, where), where.locale), type: 'invoke', name: 'task/submit', value: { data, context: { theme: 'default' } } };
}

/** Posts an activity to the bot as the Bot Connector would; returns the HTTP answer (invoke responses). */
export async function postActivity(appUrl: string, activity: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${appUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}
