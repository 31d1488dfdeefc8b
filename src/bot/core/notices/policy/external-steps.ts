import { audienceOf, reachableOn } from '../reachability.js';
import { deadlineMet } from './deadlines.js';
import { offerToInform } from './status-notes.js';
import { contactFacts, inThread, open, personOf, say, toPerson, type Rule } from './shapes.js';

/**
 * R24.other-institution: the team sees what the inquiry now waits for (thread); the owner gets the card with
 * Record decision only when someone else added the step — whoever added it was answered by their form (D13).
 */
const externalStepAdded: Rule<'external_step_added'> = (event, snapshot, { platform }) => {
  const text = say('reply.step_added', { number: event.registryNumber, institution: event.institution, due: { at: event.dueAt } });
  const facts = [{ label: { key: 'form.step.what' }, value: event.what }] as const;
  const { ownerId } = snapshot.inquiry.inquiry;
  const owner = ownerId === event.actorId ? undefined : personOf(snapshot, ownerId);
  return [
    inThread(event.inquiryId, { id: 'step.added', text, facts }),
    ...audienceOf([owner], platform).map((person) =>
      toPerson(person, {
        id: 'step.added_for_owner',
        kind: 'workflow',
        text,
        // The owner tells the client what the other institution decides: the contacts are in the DM, not the thread.
        facts: [...facts, ...contactFacts(snapshot.inquiry.inquiry)],
        actions: [{ do: 'form', form: 'record_decision', inquiryId: event.inquiryId, targetId: event.stepId, style: 'primary' }, open(event.inquiryId)],
      }),
    ),
  ];
};

/** R24.other-institution / R19.status: the decision is a result the client may be told; the fact names its institution (D14). */
const externalDecisionRecorded: Rule<'external_decision_recorded'> = (event, snapshot, context) => {
  const owner = personOf(snapshot, snapshot.inquiry.inquiry.ownerId);
  // The owner's nudges about the awaited decision give way to it.
  const met = deadlineMet(event, 'external_step', [{ stage: 'reminder', person: owner }, { stage: 'overdue', person: owner }], context.platform);
  return [...met, ...offerToInform(event, { label: event.institution, value: event.decision }, snapshot, context)];
};

/**
 * R24.other-institution: conflicting decisions → the owner is offered a joint meeting; its form starts from the
 * domain's joint draft (the draft's participants and the institutions that decided, D15).
 */
const externalDecisionsConflict: Rule<'external_decisions_conflict'> = (event, snapshot, { platform }) => {
  const owner = personOf(snapshot, event.ownerId);
  if (!reachableOn(owner, platform)) return [];
  return [
    toPerson(owner, {
      id: 'step.conflict',
      kind: 'workflow',
      tone: 'attention',
      text: say('notice.external_conflict', { number: event.registryNumber, institutions: event.institutions.join(', ') }),
      actions: [{ do: 'form', form: 'plan_meeting', inquiryId: event.inquiryId, prefill: { joint: true }, style: 'primary' }, open(event.inquiryId)],
    }),
  ];
};

export const externalStepRules = {
  external_step_added: externalStepAdded,
  external_decision_recorded: externalDecisionRecorded,
  external_decisions_conflict: externalDecisionsConflict,
};
