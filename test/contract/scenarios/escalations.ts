import type { CastName } from '../cast.js';
import type { Scenario } from '../scenario.js';
import type { World } from '../world.js';
import { OWNER_ACTIONS } from './inquiry.js';
import { ownedBy } from './support.js';

type Raised = { inquiryId: string; escalationId: string };

const incident = { type: 'incident' as const, whatHappened: 'Klientas grasino darbuotojai', clientToldWhat: 'Kad perduosime vadovei' };
const conflict = { type: 'conflict' as const, whatHappened: 'Nesutaria dėl mokesčio', clientToldWhat: 'Paskambinsime rytoj', followUpAt: new Date('2027-03-02T11:00:00+02:00') };

const raise = (by: CastName, input: typeof incident | typeof conflict) => async (world: World, { inquiryId }: { inquiryId: string }) => {
  await world.app.escalations.raise(inquiryId, world.staff[by].id, input);
};

export const escalationRows: Scenario[] = [
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
