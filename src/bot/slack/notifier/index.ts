import type { InquiryEvent, InquiryEventType } from '../../../domain/events.js';
import type { EventDelivery, Notifier, ServiceHappening } from '../../../domain/notifier.js';
import { changesOverview } from '../../core/commands/overview.js';
import { noticesAccept, type Happening } from '../../core/notices/delivery.js';
import type { SlackWorkspaces } from '../workspaces.js';

/**
 * Slack's outbox consumer: the core decides who is told what, Slack renders it as Block Kit and sends it through
 * its surface, exactly once per outbox event (the surface's `forDelivery`); then the Home tabs an event may have
 * changed are republished, so none shows a stale list. Each event is told in its institution's own workspace
 * (issue #17); an institution without one has nobody to tell in Slack.
 */
export class SlackNotifier implements Notifier {
  readonly name = 'slack';

  constructor(
    private readonly workspaces: SlackWorkspaces,
    /** Resolves when no click waits for its ack: notices give way to acks (issue #16). */
    private readonly acksAnswered: () => Promise<void>,
  ) {}

  accepts(type: InquiryEventType): boolean {
    return noticesAccept(type);
  }

  async handle(event: InquiryEvent, delivery?: EventDelivery): Promise<void> {
    const workspace = await this.workspaces.current();
    if (!workspace) return;
    await this.acksAnswered();
    await workspace.notices.handle(event, delivery);
    // After the notices: a Home that cannot be republished never holds the event back (refreshAll logs, never throws).
    if (changesOverview(event.type)) await workspace.homes.refreshAll();
  }

  async happen(happening: Happening | ServiceHappening): Promise<void> {
    const workspace = await this.workspaces.current();
    if (workspace) await workspace.notices.happen(happening);
  }
}
