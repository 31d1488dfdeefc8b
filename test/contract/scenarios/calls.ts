import type { Scenario } from '../scenario.js';
import type { World } from '../world.js';
import { OWNER_ACTIONS } from './inquiry.js';
import { missedOnce, ownedBy, ownedByInactive, PHONE_CLIENT, progressNoteOf } from './support.js';

type Owned = { inquiryId: string };

/** A call that reached the client, with every fact R44.call-notes / R16.expectations ask for. */
const reached = {
  outcome: 'reached' as const,
  summary: 'Aptarėme vietą grupėje',
  clientExpectation: 'Vieta nuo rugsėjo',
  alternativesOffered: 'Kitas darželis',
  risksExplained: 'Eilė ilga',
  nextStep: 'Atsiųsti prašymą',
  nextStepDue: new Date('2027-03-04T09:00:00+02:00'),
};
const agreedCall = { at: new Date('2027-03-02T11:00:00+02:00'), plan: 'Paaiškinti eilės tvarką' };

/** The second miss, logged by `by` (R31.callback: the retry failed too). */
const missedAgain = (by: 'ona' | 'vida') => async (world: World, { inquiryId }: Owned) => {
  await world.app.calls.logCall(inquiryId, world.staff[by].id, { outcome: 'no_answer' });
};

/** The call reminder the scheduler would ask for, at the planned call's time (R29.agreed-time). */
async function callReminder(world: World, { inquiryId }: Owned): Promise<void> {
  const { inquiry } = await world.app.queries.get(inquiryId);
  const outcome = await world.app.notices.notify({ inquiryId, deadline: 'call', stage: 'reminder', dueAt: inquiry.nextCall!.at });
  if (outcome.outcome !== 'sent') throw new Error(`call reminder ${outcome.outcome}`);
}

/** What the card and its thread show after any logged call (the card is re-rendered with the new status). */
const CARD = `announcement update inquiry.card [${OWNER_ACTIONS}]`;
const CALL_NOTE = 'thread post notice.call_logged []';

export const callRows: Scenario[] = [
  {
    id: 'C01',
    title: 'R44.call-notes / R16.expectations: a call that reached the client → the card updates, the thread gets the internal note with every fact; no DM',
    drift: 'D9',
    given: (world) => ownedBy(world, 'ona'),
    when: async (world, { inquiryId }: Owned) => {
      await world.app.calls.logCall(inquiryId, world.staff.ona.id, reached);
    },
    expect: [CARD, `thread post notice.call_logged [] +form.call.expectation +form.call.alternatives +form.call.risks +form.call.next_step`],
  },
  {
    id: 'C02',
    title: 'R31.callback: a first miss with a retry → card, call note and the retry note in the thread; the owner who logged it gets no DM',
    given: (world) => ownedBy(world, 'ona'),
    when: (world, { inquiryId }: Owned) => missedOnce(world, inquiryId, 'ona'),
    expect: [CARD, CALL_NOTE, 'thread post notice.call_scheduled.retry []'],
  },
  {
    id: 'C03',
    title: 'R29.agreed-time: ona schedules an agreed call → a thread note with the plan as an internal fact; nobody is DMed',
    drift: 'D10',
    given: (world) => ownedBy(world, 'ona'),
    when: async (world, { inquiryId }: Owned) => {
      await world.app.calls.scheduleCall(inquiryId, world.staff.ona.id, agreedCall);
    },
    expect: ['thread post notice.call_scheduled.agreed [] +notice.call.plan'],
  },
  {
    id: 'C04',
    title: 'R29.agreed-time: vida schedules a call on ona’s inquiry → the thread note and ona’s DM with Open',
    drift: 'D10',
    given: (world) => ownedBy(world, 'ona'),
    when: async (world, { inquiryId }: Owned) => {
      await world.app.calls.scheduleCall(inquiryId, world.staff.vida.id, agreedCall);
    },
    expect: ['thread post notice.call_scheduled.agreed [] +notice.call.plan', 'dm:ona post notice.call_scheduled.agreed [open] +notice.call.plan'],
  },
  {
    id: 'C05',
    title: 'R31.callback / R29.agreed-time: the retry call’s reminder → ona’s DM says it is a retry, with Log call and Open; no thread',
    drift: 'D4',
    given: async (world) => {
      const owned = await ownedBy(world, 'ona');
      await missedOnce(world, owned.inquiryId, 'ona');
      return owned;
    },
    when: callReminder,
    expect: ['dm:ona post notice.reminder.call [log_call open] +notice.call.retry'],
  },
  {
    id: 'C06',
    title: 'R19.status / R31.callback: the reminder of an "inform the client" call after an earlier miss has no retry line',
    drift: 'D4',
    given: async (world) => {
      const owned = await ownedBy(world, 'ona', PHONE_CLIENT);
      await missedOnce(world, owned.inquiryId, 'ona');
      // The phone client is told the news by a call at once: the retry plan gives way to an "inform" call.
      await world.app.mail.clientChannel.informClient(owned.inquiryId, world.staff.ona.id, await progressNoteOf(world, owned.inquiryId, 'ona'));
      return owned;
    },
    when: callReminder,
    expect: ['dm:ona post notice.reminder.call [log_call open] +notice.call.plan'],
  },
  {
    id: 'C08',
    title: 'R31.callback: the retry failed and the client left no e-mail → ona is told to write a letter or call again; the thread gets the call note',
    drift: 'D5',
    given: async (world) => {
      const owned = await ownedBy(world, 'ona', PHONE_CLIENT);
      await missedOnce(world, owned.inquiryId, 'ona');
      return owned;
    },
    when: missedAgain('ona'),
    expect: [CARD, CALL_NOTE, 'dm:ona post notice.callback_failed.no_email [open schedule_call write_letter]'],
  },
  {
    id: 'C09',
    title: 'R31.callback: the retry failed, the client has e-mail but none is sent here (no SMTP) → a letter or another call, and the text says why',
    drift: 'D5',
    given: async (world) => {
      const owned = await ownedBy(world, 'ona');
      await missedOnce(world, owned.inquiryId, 'ona');
      return owned;
    },
    when: missedAgain('ona'),
    expect: [CARD, CALL_NOTE, 'dm:ona post notice.callback_failed.no_mailer [open schedule_call write_letter]'],
  },
  {
    id: 'C10',
    title: 'R31.callback / R4.owner: the retry on inactive ieva’s inquiry failed (vida logged it) → card and thread only; ieva is not DMed',
    drift: 'D1',
    given: async (world) => {
      const owned = await ownedByInactive(world, 'ieva');
      await missedOnce(world, owned.inquiryId, 'vida');
      return owned;
    },
    when: missedAgain('vida'),
    expect: [CARD, CALL_NOTE],
  },
];
