import type { PlatformContext } from '../platform.js';
import type { TeamsConversations } from './conversations.js';

/** What the Teams listeners share: the core's context and Teams' own parts (as SlackServices is for Slack). */
export interface TeamsServices extends PlatformContext {
  /** How to reach the staff channel and each person, as Teams told us (kept in the conversation store). */
  references: TeamsConversations;
  /** TEAMS_STAFF_CHANNEL when configured; otherwise the channel of the team the app is added to. */
  staffChannel: string | undefined;
  /** Says in the staff channel what the app will do there; `help` is how help is asked for in Teams. */
  welcome(help: string): Promise<void>;
}
