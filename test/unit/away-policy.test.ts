import { noticesFor } from '../../src/bot/core/notices/index.js';
import type { Notice, NoticeSnapshot, PlatformId } from '../../src/bot/core/notices/notice.js';
import { happeningNotices } from '../../src/bot/core/notices/policy/happenings.js';
import type { InquiryEvent } from '../../src/domain/events.js';
import type { Inquiry } from '../../src/domain/inquiry.js';
import type { StaffAway } from '../../src/domain/notifier.js';
import type { StaffMember } from '../../src/domain/staff.js';

/*
 * R4.owner, away with cover, decided purely: the domain names the substitute (`recipientId`) and the away person
 * (`coveringForId`); the policy tells the substitute with "covering for …" and nobody else. When an absence is
 * marked, the away person's direct manager hears it on every platform that reaches them — or the admins, with none.
 */
type Name = 'vida' | 'ona' | 'jonas' | 'rasa' | 'petras' | 'tomas' | 'simona' | 'ada' | 'aldona';
const both = ['slack', 'teams'] as const;
const CAST: Record<Name, { on: readonly PlatformId[]; roles?: StaffMember['roles']; manager?: Name; active?: false }> = {
  vida: { on: both, roles: ['manager', 'representative'] },
  ona: { on: both, manager: 'vida' },
  jonas: { on: both, manager: 'vida' },
  rasa: { on: ['teams'], manager: 'vida' },
  petras: { on: ['slack'], manager: 'vida' },
  tomas: { on: both, roles: ['manager'], active: false },
  simona: { on: both, manager: 'tomas' },
  ada: { on: both, roles: ['admin', 'representative'] },
  aldona: { on: both, roles: ['admin'] },
};
const STAFF = new Map(
  (Object.keys(CAST) as Name[]).map((name) => {
    const { on, roles, manager, active } = CAST[name];
    const member: StaffMember = {
      id: name, firstName: name, surname: 'X', position: null, phone: null, email: `${name}@daigelis.lt`, language: 'lt',
      roles: roles ?? ['representative'], slackUserId: on.includes('slack') ? `U${name}` : null, teamsUserId: on.includes('teams') ? `aad-${name}` : null,
      managerId: manager ?? null, active: active ?? true,
    };
    return [name, member] as const;
  }),
);
const admins = [STAFF.get('ada')!, STAFF.get('aldona')!];

const NUMBER = '2027-000042';
const inquiry = {
  id: 'i1', registryNumber: NUMBER, kind: 'request', channel: 'email', externalId: null,
  client: { name: 'Giedrė', email: 'giedre@example.lt', phone: '+37061234567', postalAddress: null, language: 'lt' },
  subject: 'Dėl vietos', body: 'Laba diena', receivedAt: new Date('2027-03-01T09:00:00+02:00'),
  status: 'in_progress', ownerId: 'ona', firstReplyDue: new Date('2027-03-02T09:00:00+02:00'), firstReplyAt: null,
  statutoryDue: null, promisedBy: null, followUpDue: null, resolvedAt: null, closedAt: null,
  nextCall: null, missedCalls: 0, meetingSummaryDue: null, externalStepDue: null,
} as unknown as Inquiry;
const snapshot: NoticeSnapshot = {
  capabilities: { email: true },
  inquiry: { inquiry, owner: STAFF.get('ona')!, timeline: [], escalations: [], meetings: [], letters: [], externalSteps: [] },
  escalation: null,
  people: STAFF,
  admins,
  heads: [],
  letterUrl: (id) => `http://localhost/letters?id=${id}`,
};
const event = (type: string, fields: Record<string, unknown>) =>
  ({ inquiryId: 'i1', registryNumber: NUMBER, at: '2027-03-01T10:00:00Z', actorId: null, type, ...fields }) as unknown as InquiryEvent;

function line(notice: Notice): string {
  const to = notice.audience.to === 'person' ? `dm:${notice.audience.staffId}` : notice.audience.to;
  const notes = (notice.notes ?? []).map((note) => ` +${note.key}${JSON.stringify(note.params ?? {})}`).join('');
  return `${to} ${notice.text.key}${notes}`;
}
const on = (platform: PlatformId, platforms: readonly PlatformId[] = both) => ({ platform, platforms });

const reminder = { deadline: 'first_reply', dueAt: '2027-03-02T07:00:00.000Z' };
const rows: Array<{ title: string; event: InquiryEvent; expect: Partial<Record<PlatformId, string[]>> & { both?: string[] } }> = [
  {
    title: 'R4.owner / R14.reply-1wd: a reminder for away ona goes to jonas, covering for ona; ona is not DMed',
    event: event('reminder_due', { ...reminder, recipientId: 'jonas', coveringForId: 'ona' }),
    expect: { both: ['dm:jonas notice.reminder.first_reply +notice.covering_for{"name":{"person":"ona"}}'] },
  },
  {
    title: 'R4.owner / R14.reply-1wd: overdue while ona is away → the card and thread as always, the DM to jonas covering for ona; not ona',
    event: event('overdue', { ...reminder, recipientId: 'jonas', coveringForId: 'ona' }),
    expect: { both: ['announcement card.title', 'dm:jonas notice.overdue.first_reply +notice.covering_for{"name":{"person":"ona"}}', 'thread notice.overdue.first_reply'] },
  },
  {
    title: 'R4.owner / R14.reply-1wd: with nobody away the owner is reminded, with no covering note',
    event: event('reminder_due', { ...reminder, recipientId: 'ona' }),
    expect: { both: ['dm:ona notice.reminder.first_reply'] },
  },
  {
    title: 'R4.owner: petras (Slack only) covers for away ona → Slack DMs petras; Teams tells nobody (not ona)',
    event: event('reminder_due', { ...reminder, recipientId: 'petras', coveringForId: 'ona' }),
    expect: { slack: ['dm:petras notice.reminder.first_reply +notice.covering_for{"name":{"person":"ona"}}'], teams: [] },
  },
  {
    title: 'R4.owner / R14.reply-1wd: a client message for away ona goes to jonas, covering for ona; ona is not DMed',
    event: event('client_message_received', { clientMessageId: 'm1', ownerId: 'ona', recipientId: 'jonas', coveringForId: 'ona' }),
    expect: { both: ['dm:jonas notice.client_message +notice.covering_for{"name":{"person":"ona"}}'] },
  },
  {
    title: 'R4.owner: an older client message event (no recipientId) still goes to the owner',
    event: event('client_message_received', { clientMessageId: 'm1', ownerId: 'ona' }),
    expect: { both: ['dm:ona notice.client_message'] },
  },
];

describe('R4.owner, away with cover: notices to the substitute', () => {
  describe.each(both)('%s', (platform) => {
    test.each(rows)('$title', ({ event: given, expect: expected }) => {
      expect(noticesFor(given, snapshot, on(platform)).map(line).sort()).toEqual([...(expected.both ?? expected[platform] ?? [])].sort());
    });
  });
});

const away = (staffId: Name, substituteId: Name, change: 'away' | 'back' = 'away'): StaffAway => ({
  type: 'staff_away', change, absenceId: 'a1', staffId, substituteId, from: '2027-03-01', to: '2027-03-05', byId: staffId,
});
const told = (happening: StaffAway, platform: PlatformId, platforms: readonly PlatformId[] = both) =>
  happeningNotices(happening, { admins, people: STAFF }, on(platform, platforms)).map((notice) => `${line(notice)} ${JSON.stringify(notice.text.params)}`);

describe('R4.owner, away with cover: the manager sees it', () => {
  test.each(both)('%s: ona marked away with jonas covering → vida (her manager) is DMed once; not ona, not jonas, not the admins', (platform) => {
    expect(told(away('ona', 'jonas'), platform)).toEqual([
      'dm:vida notice.staff_away {"name":{"person":"ona"},"from":"2027-03-01","to":"2027-03-05","substitute":{"person":"jonas"}}',
    ]);
  });
  test.each(both)('%s: ona back → vida hears it', (platform) => {
    expect(told(away('ona', 'jonas', 'back'), platform).map((text) => text.split(' ').slice(0, 2).join(' '))).toEqual(['dm:vida notice.staff_back']);
  });
  test.each(both)('%s: simona’s manager (tomas) left → the admins are told instead', (platform) => {
    expect(told(away('simona', 'jonas'), platform).map((text) => text.split(' ')[0])).toEqual(['dm:ada', 'dm:aldona']);
  });
  test('vida (no manager of her own) away → the admins', () => {
    expect(told(away('vida', 'ona'), 'slack').map((text) => text.split(' ')[0])).toEqual(['dm:ada', 'dm:aldona']);
  });
});
