import type { ServiceHappening, WeeklyDigest } from '../../../../domain/notifier.js';
import type { StaffMember } from '../../../../domain/staff.js';
import type { Notice, NoticeContext } from '../notice.js';
import { audienceOf } from '../reachability.js';
import { say, toChannel, toPerson } from './shapes.js';
import { staffAwayNotices } from './staff-away.js';

/** The app joined the staff channel (Teams: added to a team; Slack: invited to the channel). `help` is how help is asked for there. */
export interface AppInstalled {
  readonly type: 'app_installed';
  readonly help: string;
}

/** Issue #17: the first admin of a newly installed institution, walked through its setup; `help` is the command prefix. */
export interface AdminOnboarding {
  readonly type: 'admin_onboarding';
  readonly staffId: string;
  readonly help: string;
}

/** What is told to staff about no inquiry: a platform's own happening, or the service's. */
export type Happening = AppInstalled | AdminOnboarding | ServiceHappening;

/** Happenings told as notices; the weekly digest is a report, delivered by src/bot/core/reports/digest.ts. */
export type NoticeHappening = Exclude<Happening, WeeklyDigest>;

/** All a happening's policy may look at. */
export interface HappeningSnapshot {
  /** Staff with the admin role (R12.records: they look after the mailbox). */
  readonly admins: readonly StaffMember[];
  /** The people a happening names (staff away: the person, their manager, the substitute, who marked it). */
  readonly people?: ReadonlyMap<string, StaffMember>;
}

/**
 * The policy for happenings: pure, like `noticesFor`. The welcome says, in the channel, what the app will do there,
 * who may use it and how to ask it for help. An e-mail the intake could not register is told to every reachable
 * admin, with no personal data: which mailbox and message, why, since when (R12.records: nothing a client sent is
 * lost silently).
 */
export function happeningNotices(happening: NoticeHappening, snapshot: HappeningSnapshot, context: NoticeContext): Notice[] {
  const { platform } = context;
  switch (happening.type) {
    case 'staff_away':
      return staffAwayNotices(happening, { admins: snapshot.admins, people: snapshot.people ?? new Map() }, context);
    case 'app_installed':
      // Who may use it is said up front: only staff in the directory are answered (issue #13).
      return [toChannel({ id: 'platform.welcome', kind: 'welcome', text: say('notice.welcome', { who: { key: 'notice.welcome.who' }, help: happening.help }) })];
    case 'admin_onboarding':
      // To the one admin who installed the app, privately: the setup, step by step.
      return audienceOf(snapshot.admins.filter((admin) => admin.id === happening.staffId), platform).map((admin) =>
        toPerson(admin, { id: 'platform.onboarding', kind: 'welcome', text: say('notice.onboarding', { help: happening.help }) }),
      );
    case 'mail_unregistered':
      return audienceOf(snapshot.admins, platform).map((admin) =>
        toPerson(admin, {
          id: 'mail.unregistered',
          tone: 'attention',
          text: say('notice.mail_unregistered', { mailbox: happening.mailbox, uid: happening.uid }),
          facts: [
            { label: { key: 'notice.mail_unregistered.reason' }, value: happening.reason },
            { label: { key: 'notice.mail_unregistered.since' }, value: { at: happening.firstSeenAt.toISOString() } },
          ],
        }),
      );
    case 'retention_due':
      // Issue #15: to the one admin it was made for (its link is signed for them), nobody else; no personal data.
      return audienceOf(snapshot.admins.filter((admin) => admin.id === happening.staffId), platform).map((admin) =>
        toPerson(admin, {
          id: 'retention.due',
          tone: 'attention',
          text: say('notice.retention_due', { night: happening.night, count: happening.count }),
          actions: [{ do: 'link', label: 'notice.retention_due.open', url: happening.url }],
        }),
      );
  }
}
