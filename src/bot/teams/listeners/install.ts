import { TeamsInfo, type Activity, type ChannelAccount, type TeamsChannelAccount, type TurnContext } from 'botbuilder';
import { onboardInstaller } from '../../core/onboarding.js';
import type { TeamsConversations } from '../conversations.js';
import type { TeamsRouter } from '../router.js';
import type { TeamsServices } from '../services.js';

interface TeamsChannelData {
  team?: { id?: string };
  channel?: { id?: string };
  tenant?: { id?: string };
}

/**
 * The app added to a team: that channel becomes the staff channel (unless one is configured), everyone on the
 * team is remembered by AAD object id so nudges and escalations can reach them in a 1:1 chat later, and the
 * channel is welcomed.
 */
export function register(router: TeamsRouter, services: TeamsServices): void {
  const { references: conversations, staffChannel, welcome, logger } = services;
  router.onConversationUpdate(async (context) => {
    const activity = context.activity;
    const data = (activity.channelData ?? {}) as TeamsChannelData;
    const teamId = data.team?.id;
    if (!teamId) return;
    const added = activity.membersAdded ?? [];
    const botAdded = added.some((member) => member.id === activity.recipient.id);
    if (botAdded) {
      await conversations.saveStaffChannel({
        serviceUrl: activity.serviceUrl,
        conversationId: staffChannel() ?? baseConversationId(activity.conversation.id),
        tenantId: tenantOf(activity),
        botId: activity.recipient.id,
      });
      const installer = await rememberRoster(context, teamId, conversations, logger);
      if (installer) await onboard(services, installer).catch((error: unknown) => logger.warn({ err: error }, 'teams: onboarding the installer failed'));
      // The install stands without it: a welcome that cannot be posted is logged, not retried.
      await welcome(`@${activity.recipient.name || 'Langelis'} help`).catch((error: unknown) => logger.warn({ err: error }, 'teams: could not post the welcome'));
    }
    for (const member of added) {
      if (member.id !== activity.recipient.id) await rememberMember(activity, member, conversations);
    }
  });
}

/** Remembers every member of the team; returns the one who added the app, as the roster knows them (with an e-mail). */
async function rememberRoster(context: TurnContext, teamId: string, conversations: TeamsConversations, logger: TeamsServices['logger']): Promise<TeamsChannelAccount | null> {
  let installer: TeamsChannelAccount | null = null;
  try {
    let continuationToken: string | undefined;
    do {
      const page = await TeamsInfo.getPagedTeamMembers(context, teamId, 200, continuationToken);
      for (const member of page.members) {
        await rememberMember(context.activity, member, conversations);
        if (member.id === context.activity.from?.id) installer = member;
      }
      continuationToken = page.continuationToken || undefined;
    } while (continuationToken);
  } catch (error) {
    // Members are also remembered as they write to the bot; a failed roster read must not undo the install.
    logger.warn({ err: error }, 'teams: could not read the team roster');
  }
  return installer;
}

/** Issue #17: the one who added the app, in an institution with no admin yet, becomes its first (core/onboarding.ts). */
async function onboard(services: TeamsServices, installer: TeamsChannelAccount): Promise<void> {
  const email = installer.email ?? installer.userPrincipalName;
  const [first = '', ...rest] = (installer.name ?? '').trim().split(/\s+/);
  const firstName = installer.givenName ?? first;
  if (!email || !firstName || !installer.aadObjectId) return;
  await onboardInstaller(services, { firstName, surname: installer.surname ?? (rest.join(' ') || firstName), email, platformIds: { teamsUserId: installer.aadObjectId } }, (staffId) => services.onboarding(staffId));
}

export async function rememberMember(activity: Activity, member: ChannelAccount, conversations: TeamsConversations): Promise<void> {
  if (!member.aadObjectId) return;
  await conversations.savePerson(member.aadObjectId, {
    serviceUrl: activity.serviceUrl,
    userId: member.id,
    tenantId: tenantOf(activity),
    botId: activity.recipient.id,
    conversationId: null,
  });
}

export function tenantOf(activity: Activity): string | null {
  return ((activity.channelData ?? {}) as TeamsChannelData).tenant?.id ?? activity.conversation?.tenantId ?? null;
}

/** A channel message's conversation id carries `;messageid=…` of its thread; the channel is what comes before. */
export function baseConversationId(id: string): string {
  return id.split(';')[0]!;
}
