import type { StaffMember } from '../../../../domain/staff.js';
import type { KnownBlock } from '../../render/block-types.js';
import type { Reading } from '../../render/notice-blocks.js';
import type { SlackClient, SlackServices } from '../../services.js';

/** What one `/inquiry` subcommand gets: who asked, the rest of the text, and a private way to answer. */
export interface CommandContext {
  services: SlackServices;
  client: SlackClient;
  actor: StaffMember;
  /** The text after the subcommand's name. */
  args: string;
  triggerId: string;
  /** The command as typed (`/inquiry`), for help texts. */
  command: string;
  reply(text: string, blocks?: KnownBlock[]): Promise<void>;
}

export function readingOf(context: CommandContext): Reading {
  return { language: context.actor.language, now: context.services.clock.now(), zone: context.services.config.TIME_ZONE };
}

/** Lists in answers stay well under 50 blocks. */
export const LIST_ITEMS = 20;
