import type { StaffMember } from '../../domain/staff.js';
import type { SendResult } from '../core/surface.js';
import type { PlatformContext } from '../platform.js';
import type { TeamsConversations } from './conversations.js';
import type { AdaptiveCard } from './render/elements.js';

/** What the Teams listeners share: the core's context and Teams' own parts (as SlackServices is for Slack). */
export interface TeamsServices extends PlatformContext {
  /** How to reach the staff channel and each person, as Teams told us (kept in the conversation store). */
  references: TeamsConversations;
  /**
   * The staff channel the institution whose work is under way configured (its settings; TEAMS_STAFF_CHANNEL for the
   * first one); otherwise the channel of the team the app is added to.
   */
  staffChannel(): string | undefined;
  /** Says in the staff channel what the app will do there; `help` is how help is asked for in Teams. */
  welcome(help: string): Promise<void>;
  /** Walks a new institution's first admin through its setup, privately (issue #17). */
  onboarding(staffId: string): Promise<void>;
  /** Sends to the person's 1:1 chat with the bot (opened on first need), as notices reach them (TeamsSurface). */
  sendToPerson(person: StaffMember, card: AdaptiveCard): Promise<SendResult>;
}
