import type { EscalationSnapshot } from '../../../../domain/inquiry.queries.js';
import type { StaffMember } from '../../../../domain/staff.js';
import type { Fact, Notice, NoticeAction, NoticeContext, NoticeSnapshot, Text } from '../notice.js';
import { audienceOf, onlyReachableOn, reachableAnywhere, reachableOn } from '../reachability.js';
import { announcement, contactFacts, escalationOf, named, open, personOf, say, toPerson, type Rule } from './shapes.js';

/** What the manager (or the head) needs to judge it: the inquiry, what happened, what the client was told and promised. */
function escalationFacts({ escalation, inquiry }: EscalationSnapshot): Fact[] {
  return [
    { label: { key: 'card.subject' }, value: inquiry.subject },
    { label: { key: 'card.client' }, value: inquiry.client.name },
    // The manager may call the client to settle it (R54.escalate-unresolved).
    ...contactFacts(inquiry),
    { label: { key: 'notice.escalation.what_happened' }, value: escalation.whatHappened },
    ...(escalation.clientToldWhat ? [{ label: { key: 'notice.escalation.client_told' }, value: escalation.clientToldWhat } as const] : []),
    ...(escalation.followUpAt ? [{ label: { key: 'notice.escalation.follow_up' }, value: { at: escalation.followUpAt.toISOString() } } as const] : []),
  ];
}

/**
 * The manager's escalation DM, keyed so every later step updates it in place (D19): first with the buttons
 * (Open on every platform, D24), afterwards with the outcome instead of them, so nobody decides twice.
 */
function managerCard(snapshot: EscalationSnapshot, manager: StaffMember, outcome: Text | null): Notice {
  const { escalation, inquiry } = snapshot;
  const actions: NoticeAction[] = [
    { do: 'escalation', verb: 'acknowledge', escalationId: escalation.id },
    { do: 'escalation', verb: 'take_over', escalationId: escalation.id, style: 'primary' },
    ...(escalation.type === 'incident' ? [{ do: 'escalation', verb: 'refer_to_head', escalationId: escalation.id, style: 'danger' } as const] : []),
    open(inquiry.id),
  ];
  return toPerson(manager, {
    id: 'escalation.to_manager',
    kind: 'escalation',
    mode: outcome ? 'update_only' : 'upsert',
    updateKey: { kind: 'escalation', escalationId: escalation.id },
    tone: escalation.type === 'incident' ? 'attention' : 'info',
    text: say(`notice.escalated.${escalation.type}`, { raiser: named(escalation.raisedById), number: inquiry.registryNumber }),
    facts: escalationFacts(snapshot),
    actions: outcome ? [] : actions,
    ...(outcome ? { outcome } : {}),
  });
}

/** The manager's DM gives way to what was done — where this platform reaches the manager. */
function managerOutcome(snapshot: EscalationSnapshot, outcome: Text, { platform }: NoticeContext): Notice[] {
  return audienceOf([snapshot.manager], platform).map((manager) => managerCard(snapshot, manager, outcome));
}

/**
 * R54.escalate-unresolved / R58.incident without a reachable manager (none set, inactive, or no account on any
 * platform switched on): the escalation stays pending, the raiser is told once, and the admins are asked to set
 * one — an admin who raised it is told only as the raiser (D3). Only active staff are told (D1).
 */
function noManager(snapshot: EscalationSnapshot, admins: NoticeSnapshot['admins'], { platform }: NoticeContext): Notice[] {
  const { raisedBy, inquiry } = snapshot;
  const number = inquiry.registryNumber;
  return [
    ...audienceOf([raisedBy], platform).map((raiser) =>
      toPerson(raiser, { id: 'escalation.no_manager', tone: 'attention', text: say('notice.escalation.no_manager', { number }) }),
    ),
    ...audienceOf(admins.filter((admin) => admin.id !== raisedBy.id), platform).map((admin) =>
      toPerson(admin, { id: 'escalation.no_manager_admin', tone: 'attention', text: say('notice.escalation.no_manager_admin', { raiser: named(raisedBy.id), number }) }),
    ),
  ];
}

/**
 * R54 / R58: the direct manager is told by DM, on each platform that reaches them. A manager reached only on
 * another platform is not "missing" here (D18). If this platform is the manager's only way in and refuses the
 * message at send time, the no-manager notices go out instead (`fallback`).
 */
const escalated: Rule<'escalated'> = (_event, snapshot, context) => {
  const escalation = escalationOf(snapshot);
  const { manager } = escalation;
  if (!reachableAnywhere(manager, context.platforms)) return noManager(escalation, snapshot.admins, context);
  if (!reachableOn(manager, context.platform)) return [];
  const card = managerCard(escalation, manager, null);
  return [onlyReachableOn(manager, context.platform, context.platforms) ? { ...card, fallback: noManager(escalation, snapshot.admins, context) } : card];
};

/** The raiser hears what the manager did (acknowledged, took over), unless the raiser did it. */
function toRaiser(snapshot: EscalationSnapshot, actorId: string | null, text: Text, { platform }: NoticeContext): Notice[] {
  const raiser = snapshot.raisedBy.id === actorId ? undefined : snapshot.raisedBy;
  return audienceOf([raiser], platform).map((person) => toPerson(person, { id: 'escalation.outcome', text }));
}

/** R54.escalate-unresolved: acknowledged — the manager's DM shows it, the raiser is told (D19). */
const acknowledged: Rule<'escalation_acknowledged'> = (event, snapshot, context) => {
  const escalation = escalationOf(snapshot);
  const text = say('notice.escalation.acknowledged', { manager: named(event.actorId ?? escalation.escalation.managerId), number: event.registryNumber });
  return [...managerOutcome(escalation, text, context), ...toRaiser(escalation, event.actorId, text, context)];
};

/** R54 / R4.owner: the manager owns the inquiry now — the card shows it, the DM shows it, and the raiser is told (D2). */
const takenOver: Rule<'escalation_taken_over'> = (event, snapshot, context) => {
  const escalation = escalationOf(snapshot);
  const text = say('notice.escalation.taken_over', { manager: named(event.managerId), number: event.registryNumber });
  return [announcement(event, snapshot), ...managerOutcome(escalation, text, context), ...toRaiser(escalation, event.actorId, text, context)];
};

/** R58.incident: each head gets the incident with Report / Do not report, keyed so the decision can replace them (D20). */
const referred: Rule<'escalation_referred'> = (event, snapshot, context) => {
  const escalation = escalationOf(snapshot);
  const heads = audienceOf(event.headIds.map((id) => personOf(snapshot, id)), context.platform).map((head) =>
    toPerson(head, {
      id: 'escalation.head_decision',
      kind: 'head_decision',
      mode: 'upsert',
      updateKey: { kind: 'head_decision', escalationId: event.escalationId, headId: head.id },
      tone: 'attention',
      text: say('notice.escalation.referred', { manager: named(event.actorId), number: event.registryNumber }),
      facts: escalationFacts(escalation),
      actions: [
        { do: 'escalation', verb: 'report', escalationId: event.escalationId, style: 'danger' },
        { do: 'escalation', verb: 'do_not_report', escalationId: event.escalationId },
        open(event.inquiryId),
      ],
    }),
  );
  return [...managerOutcome(escalation, say('notice.escalation.referred_done', { number: event.registryNumber }), context), ...heads];
};

/**
 * R58.incident: the decision replaces the buttons on every head's DM (update-only: heads never asked have none,
 * D21), and the manager and the raiser are told, each once.
 */
const decided: Rule<'escalation_decided'> = (event, snapshot, context) => {
  const escalation = escalationOf(snapshot);
  const text = say(event.reportToAuthorities ? 'notice.escalation.decided.report' : 'notice.escalation.decided.no_report', { number: event.registryNumber });
  const heads = audienceOf(snapshot.heads, context.platform).map((head) =>
    toPerson(head, {
      id: 'escalation.head_decision',
      kind: 'head_decision',
      mode: 'update_only',
      updateKey: { kind: 'head_decision', escalationId: event.escalationId, headId: head.id },
      text: say('notice.escalation.referred', { manager: named(escalation.escalation.managerId), number: event.registryNumber }),
      facts: escalationFacts(escalation),
      outcome: text,
    }),
  );
  const told = audienceOf([escalation.manager, escalation.raisedBy], context.platform).map((person) => toPerson(person, { id: 'escalation.decided', text }));
  return [...heads, ...told];
};

export const escalationRules = {
  escalated,
  escalation_acknowledged: acknowledged,
  escalation_taken_over: takenOver,
  escalation_referred: referred,
  escalation_decided: decided,
};
