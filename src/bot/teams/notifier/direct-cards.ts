import type { StaffMember } from '../../../domain/staff.js';
import type { Language } from '../../core/i18n/index.js';
import type { PlatformContext } from '../../platform.js';
import type { AdaptiveCard } from '../cards/elements.js';
import { cardActivity, type TeamsMessenger } from '../messenger.js';

/** Cards for one person's 1:1 chat, rendered in their language. */
export class DirectCards {
  constructor(
    private readonly context: Pick<PlatformContext, 'queries'>,
    private readonly messenger: TeamsMessenger,
  ) {}

  /** Nobody, an unknown id or someone without Teams is skipped (false): there is nothing to retry. */
  async send(person: StaffMember | string | null, render: (language: Language) => AdaptiveCard | Promise<AdaptiveCard>): Promise<boolean> {
    const member = typeof person === 'string' ? await this.context.queries.staffMember(person) : person;
    if (!member?.teamsUserId) return false;
    return this.messenger.sendToPerson(member.teamsUserId, cardActivity(await render(member.language)));
  }
}
