import type { CastName } from '../cast.js';
import type { Scenario } from '../scenario.js';
import type { World } from '../world.js';
import { OWNER_ACTIONS } from './inquiry.js';
import { ownedBy, redeliver } from './support.js';

type Raised = { inquiryId: string; escalationId: string };

const incident = { type: 'incident' as const, whatHappened: 'Klientas grasino darbuotojai', clientToldWhat: 'Kad perduosime vadovei' };
const conflict = { type: 'conflict' as const, whatHappened: 'Nesutaria dėl mokesčio', clientToldWhat: 'Paskambinsime rytoj', followUpAt: new Date('2027-03-02T11:00:00+02:00') };

const raise = (by: CastName, input: typeof incident | typeof conflict) => async (world: World, { inquiryId }: { inquiryId: string }) => {
  await world.app.escalations.raise(inquiryId, world.staff[by].id, input);
};

/** ona's inquiry with her escalation of `input` to vida (vida's DM with the buttons is before the mark); `referred`: vida sent it on to the heads. */
const raised = (input: typeof incident | typeof conflict, { referred = false } = {}) => async (world: World): Promise<Raised> => {
  const { inquiryId } = await ownedBy(world, 'ona');
  const escalation = await world.app.escalations.raise(inquiryId, world.staff.ona.id, input);
  if (referred) await world.app.escalations.referToHead(escalation.id, world.staff.vida.id);
  return { inquiryId, escalationId: escalation.id };
};

/** vida's escalation DM, as first shown: with every decision the manager may take. */
const TO_VIDA = {
  conflict: 'dm:vida post notice.escalated.conflict [escalation.acknowledge escalation.take_over open]',
  incident: 'dm:vida post notice.escalated.incident [escalation.acknowledge escalation.refer_to_head escalation.take_over open]',
};
/** A head's DM of a referred incident, with the two decisions and Open. */
const HEAD_DECISION = (head: 'dalia' | 'dana') => `dm:${head} post notice.escalation.referred [escalation.do_not_report escalation.report open]`;

export const escalationRows: Scenario[] = [
  {
    id: 'E01',
    title: 'R54.escalate-unresolved: ona raises a conflict → her manager vida is DMed with Acknowledge, Take over and Open; ona is not told, nobody else',
    given: (world) => ownedBy(world, 'ona'),
    when: raise('ona', conflict),
    expect: [TO_VIDA.conflict],
  },
  {
    id: 'E02',
    title: 'R58.incident: ona reports an incident → vida is DMed at once, also offered Refer to head; nobody else',
    given: (world) => ownedBy(world, 'ona'),
    when: raise('ona', incident),
    expect: [TO_VIDA.incident],
  },
  {
    id: 'E08',
    title: 'R54.escalate-unresolved: vida acknowledges ona’s conflict → vida’s escalation DM is updated with the outcome, its buttons gone; ona is told',
    drift: 'D19',
    given: raised(conflict),
    when: async (world, { escalationId }: Raised) => {
      await world.app.escalations.acknowledge(escalationId, world.staff.vida.id);
    },
    expect: ['dm:vida update notice.escalated.conflict []', 'dm:ona post notice.escalation.acknowledged []'],
  },
  {
    id: 'E10',
    title: 'R58.incident: vida refers ona’s incident to the head → vida’s DM shows it was referred; heads dalia and dana are asked to decide; ona is not told',
    drift: 'D20',
    given: raised(incident),
    when: async (world, { escalationId }: Raised) => {
      await world.app.escalations.referToHead(escalationId, world.staff.vida.id);
    },
    expect: ['dm:vida update notice.escalated.incident []', HEAD_DECISION('dalia'), HEAD_DECISION('dana')],
  },
  {
    id: 'E11',
    title: 'R58.incident: head dalia decides to report → both heads’ decision DMs show the decision, buttons gone; manager vida and raiser ona are told',
    drift: 'D21',
    given: raised(incident, { referred: true }),
    when: async (world, { escalationId }: Raised) => {
      await world.app.escalations.recordHeadDecision(escalationId, world.staff.dalia.id, { reportToAuthorities: true, note: 'Pranešti policijai' });
    },
    expect: [
      'dm:dalia update notice.escalation.referred []',
      'dm:dana update notice.escalation.referred []',
      'dm:vida post notice.escalation.decided.report []',
      'dm:ona post notice.escalation.decided.report []',
    ],
  },
  {
    id: 'E13',
    title: 'R58.incident / R12.records: the outbox hands `escalated` over again → vida’s DM is updated in place, not posted twice; nobody else',
    given: raised(incident),
    when: (world, { inquiryId }: Raised, driver) => redeliver(world, driver.platform, inquiryId, 'escalated'),
    expect: [TO_VIDA.incident.replace(' post ', ' update ')],
  },
  {
    id: 'E03',
    title: 'R54.escalate-unresolved: ada (an admin without a manager) escalates → she is told once that it waits; aldona is asked to set a manager',
    drift: 'D3',
    given: (world) => ownedBy(world, 'ada'),
    when: raise('ada', incident),
    expect: ['dm:ada post notice.escalation.no_manager []', 'dm:aldona post notice.escalation.no_manager_admin []'],
  },
  {
    id: 'E04',
    title: 'R58.incident: simona escalates while her manager tomas is inactive → simona and the admins are told; tomas nothing',
    drift: 'D1',
    given: (world) => ownedBy(world, 'simona'),
    when: raise('simona', incident),
    expect: ['dm:simona post notice.escalation.no_manager []', 'dm:ada post notice.escalation.no_manager_admin []', 'dm:aldona post notice.escalation.no_manager_admin []'],
  },
  {
    id: 'E09',
    title: 'R54.escalate-unresolved: vida takes over ona’s conflict → the announcement shows vida, vida’s escalation DM shows the outcome, ona is told',
    drift: 'D2',
    given: async (world): Promise<Raised> => {
      const { inquiryId } = await ownedBy(world, 'ona');
      const escalation = await world.app.escalations.raise(inquiryId, world.staff.ona.id, conflict);
      return { inquiryId, escalationId: escalation.id };
    },
    when: async (world, { escalationId }: Raised) => {
      await world.app.escalations.takeOver(escalationId, world.staff.vida.id);
    },
    expect: [`announcement update inquiry.card [${OWNER_ACTIONS}]`, 'dm:vida update notice.escalated.conflict []', 'dm:ona post notice.escalation.taken_over []'],
  },
];
