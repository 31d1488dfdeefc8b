import type { StaffAway } from '../../../../domain/notifier.js';
import type { StaffMember } from '../../../../domain/staff.js';
import type { Notice, NoticeContext } from '../notice.js';
import { audienceOf, reachableAnywhere } from '../reachability.js';
import { say, toPerson } from './shapes.js';

/** What the staff-away rule looks at: the people the happening names, the person's manager, the admins. */
export interface StaffAwaySnapshot {
  readonly admins: readonly StaffMember[];
  readonly people: ReadonlyMap<string, StaffMember>;
}

/**
 * R4.owner, away with cover: the away person's direct manager is told once, on each platform that reaches them, who
 * is away, from–to, and who covers (and later that they are back). With no manager reachable anywhere, the admins
 * are told instead, so an absence never goes unseen; the away person and the substitute hear nothing here (the
 * command answered the one who marked it; the substitute learns from each notice it covers).
 */
export function staffAwayNotices(happening: StaffAway, snapshot: StaffAwaySnapshot, { platform, platforms }: NoticeContext): Notice[] {
  const person = snapshot.people.get(happening.staffId);
  const manager = person?.managerId ? snapshot.people.get(person.managerId) : undefined;
  const told = reachableAnywhere(manager, platforms) ? [manager] : snapshot.admins.filter((admin) => admin.id !== happening.staffId);
  return audienceOf(told, platform).map((reader) =>
    toPerson(reader, {
      id: `staff.${happening.change}`,
      text: say(happening.change === 'away' ? 'notice.staff_away' : 'notice.staff_back', {
        name: { person: happening.staffId },
        from: happening.from,
        to: happening.to,
        substitute: { person: happening.substituteId },
      }),
      facts: [{ label: { key: 'notice.staff_away.by' }, value: { person: happening.byId } }],
    }),
  );
}
