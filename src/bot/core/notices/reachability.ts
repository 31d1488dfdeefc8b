import type { StaffMember } from '../../../domain/staff.js';
import type { PlatformId } from './notice.js';

type Someone = StaffMember | null | undefined;

/**
 * R4.owner, R54.escalate-unresolved: only active staff with an account on this platform are told here. The
 * one rule for every notice, so nobody who left is ever messaged (drift D1).
 */
export function reachableOn(person: Someone, platform: PlatformId): person is StaffMember {
  if (!person?.active) return false;
  return (platform === 'slack' ? person.slackUserId : person.teamsUserId) !== null;
}

/** Reachable on one of the platforms switched on: someone Teams reaches is not "missing" for Slack. */
export function reachableAnywhere(person: Someone, platforms: readonly PlatformId[]): person is StaffMember {
  return platforms.some((platform) => reachableOn(person, platform));
}

/** The only platform that reaches the person: a refusal there leaves nobody else to tell them. */
export function onlyReachableOn(person: StaffMember, platform: PlatformId, platforms: readonly PlatformId[]): boolean {
  return platforms.filter((other) => reachableOn(person, other)).length === 1 && reachableOn(person, platform);
}

/** Each person once, in the given order, the unreachable left out: nobody is told the same thing twice (D3). */
export function audienceOf(people: readonly Someone[], platform: PlatformId): StaffMember[] {
  const seen = new Set<string>();
  return people.filter((person): person is StaffMember => {
    if (!reachableOn(person, platform) || seen.has(person.id)) return false;
    seen.add(person.id);
    return true;
  });
}
