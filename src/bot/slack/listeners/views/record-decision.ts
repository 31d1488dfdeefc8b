import type { App, ViewSubmitAction } from '@slack/bolt';
import { CALLBACKS } from '../../render/modals.js';
import type { SlackServices } from '../../services.js';
import { onSubmit } from './form.js';

/**
 * R24.other-institution: the decision is recorded; the notifier then offers to tell the client (R19.status)
 * and, for a conflict, a joint meeting — that offer is the confirmation.
 */
export function register(app: App, services: SlackServices): void {
  app.view<ViewSubmitAction>(CALLBACKS.decision, onSubmit(services, async (actor, form) => {
    await services.externalSteps.recordDecision(form.metadata.stepId ?? '', actor.id, {
      decision: form.text('decision'),
      conflictsWithOthers: form.checked('conflictsWithOthers'),
    });
    return null;
  }));
}
