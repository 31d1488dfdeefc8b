import type { StaffMember } from '../../src/domain/staff.js';

/**
 * The staff directory every contract scenario plays with (plan §6.2). Each person has an account on Slack, on
 * Teams, or both; some are inactive, some managers are reachable on one platform only, so "who is told where"
 * can be asked of every rule.
 */
export type CastName =
  | 'vida' | 'ona' | 'jonas' | 'rasa' | 'petras' | 'ieva' | 'tomas' | 'simona' | 'marius' | 'giedrius'
  | 'karolis' | 'lukas' | 'ada' | 'aldona' | 'dalia' | 'dana';

export interface CastMember {
  firstName: string;
  surname: string;
  on: ReadonlyArray<'slack' | 'teams'>;
  roles?: StaffMember['roles'];
  manager?: CastName;
  active?: boolean;
  language?: 'lt' | 'en';
  /** Position and phone: the profile R36.signature needs to write to clients. */
  signs?: boolean;
}

const both = ['slack', 'teams'] as const;

export const CAST: Readonly<Record<CastName, CastMember>> = {
  vida: { firstName: 'Vida', surname: 'Vadovė', on: both, roles: ['manager', 'representative'], signs: true },
  ona: { firstName: 'Ona', surname: 'Onaitė', on: both, manager: 'vida', signs: true },
  jonas: { firstName: 'Jonas', surname: 'Jonaitis', on: both, manager: 'vida', language: 'en' },
  rasa: { firstName: 'Rasa', surname: 'Rasaitė', on: ['teams'], manager: 'vida' },
  petras: { firstName: 'Petras', surname: 'Petraitis', on: ['slack'], manager: 'vida' },
  ieva: { firstName: 'Ieva', surname: 'Ievaitė', on: both, manager: 'vida', active: false },
  tomas: { firstName: 'Tomas', surname: 'Tomaitis', on: both, roles: ['manager'], active: false },
  simona: { firstName: 'Simona', surname: 'Simonaitė', on: both, manager: 'tomas' },
  marius: { firstName: 'Marius', surname: 'Mariukas', on: ['teams'], roles: ['manager'] },
  giedrius: { firstName: 'Giedrius', surname: 'Giedraitis', on: both, manager: 'marius' },
  karolis: { firstName: 'Karolis', surname: 'Karolaitis', on: ['slack'], roles: ['manager'] },
  lukas: { firstName: 'Lukas', surname: 'Lukaitis', on: both, manager: 'karolis' },
  ada: { firstName: 'Ada', surname: 'Adomaitė', on: both, roles: ['admin', 'representative'] },
  aldona: { firstName: 'Aldona', surname: 'Administratorė', on: both, roles: ['admin'] },
  dalia: { firstName: 'Dalia', surname: 'Direktorė', on: both, roles: ['head'] },
  dana: { firstName: 'Dana', surname: 'Direktorė', on: both, roles: ['head'] },
};

export const CAST_NAMES = Object.keys(CAST) as CastName[];

/** Slack member id, e.g. `UONA`; the fake Web API opens DMs to it as `DONA`. */
export const slackIdOf = (name: CastName) => `U${name.toUpperCase()}`;
/** The Teams identities: the 29: id the connector addresses, the AAD object id the directory links. */
export const teamsIdOf = (name: CastName) => ({ id: `29:user-${name}`, aadObjectId: `aad-${name}`, name: `${CAST[name].firstName} ${CAST[name].surname}` });
export const emailOf = (name: CastName) => `${name}@daigelis.lt`;

/** The cast as a staff import (managers named by e-mail), each account only on the platforms the person uses. */
export function castImport(): Array<Record<string, unknown>> {
  return CAST_NAMES.map((name) => {
    const member = CAST[name];
    return {
      firstName: member.firstName,
      surname: member.surname,
      email: emailOf(name),
      roles: member.roles ?? ['representative'],
      language: member.language ?? 'lt',
      active: member.active ?? true,
      slackUserId: member.on.includes('slack') ? slackIdOf(name) : null,
      teamsUserId: member.on.includes('teams') ? teamsIdOf(name).aadObjectId : null,
      manager: member.manager ? emailOf(member.manager) : null,
      ...(member.signs ? { position: 'Auklėtoja', phone: '+37060000002' } : {}),
    };
  });
}

/** Who a Slack user id or a Teams 29: id belongs to. */
export function castBySlackId(id: string): CastName | null {
  return CAST_NAMES.find((name) => slackIdOf(name) === id) ?? null;
}
export function castByTeamsId(id: string): CastName | null {
  return CAST_NAMES.find((name) => teamsIdOf(name).id === id) ?? null;
}
