import type { Scenario } from '../scenario.js';
import { answeredBy, ownedBy, redeliver } from './support.js';

/** What the announcement offers an owner without outgoing e-mail (card actions, neutral names). */
export const OWNER_ACTIONS = 'escalate external_step hand_over holding_reply log_call mark_replied open plan_meeting record_progress release resolve schedule_call write_letter';
export const OWNER_ACTIONS_REPLIED = OWNER_ACTIONS.replace(' mark_replied', '');

type Owned = { inquiryId: string };

export const inquiryRows: Scenario[] = [
  {
    id: 'L01',
    title: 'R15.register / R4.owner: a registered inquiry is announced once in the staff channel with Claim and Open; nobody is DMed',
    given: async () => ({}),
    when: async (world) => {
      await world.app.inquiries.register({ ...(await import('../../support/app.js')).emailedRequest({ subject: 'Nauja užklausa' }) });
    },
    expect: ['announcement post inquiry.card [claim open]'],
  },
  {
    id: 'L02',
    title: 'R15.register / R12.records: the outbox hands `registered` over again → the announcement is updated in place, not posted twice',
    given: async (world) => ({ inquiryId: (await world.newInquiry()).id }),
    when: (world, { inquiryId }: Owned, driver) => redeliver(world, driver.platform, inquiryId, 'registered'),
    expect: ['announcement update inquiry.card [claim open]'],
  },
  {
    id: 'L03',
    title: 'R4.owner: ona claims → the announcement shows her and the owner’s actions; nobody is DMed',
    given: async (world) => ({ inquiryId: (await world.newInquiry()).id }),
    when: async (world, { inquiryId }: Owned) => {
      await world.app.inquiries.claim(inquiryId, world.staff.ona.id);
    },
    expect: [`announcement update inquiry.card [${OWNER_ACTIONS}]`],
  },
  {
    id: 'L03b',
    title: 'R4.owner: jonas clicks Claim after ona → only jonas is told, privately, who owns it',
    given: async (world) => {
      const inquiry = await world.newInquiry();
      await world.app.inquiries.claim(inquiry.id, world.staff.ona.id);
      return { inquiryId: inquiry.id };
    },
    when: async (_world, { inquiryId }: Owned, driver) => driver.click({ by: 'jonas', action: 'claim', inquiryId }),
    expect: ['private:jonas post error.INQUIRY.ALREADY_CLAIMED []'],
  },
  {
    id: 'L05',
    title: 'R4.owner: ona releases → the announcement offers Claim again; nobody is DMed',
    given: async (world) => ({ inquiryId: (await world.app.inquiries.claim((await world.newInquiry()).id, world.staff.ona.id)).id }),
    when: async (world, { inquiryId }: Owned) => {
      await world.app.inquiries.release(inquiryId, world.staff.ona.id);
    },
    expect: ['announcement update inquiry.card [claim open]'],
  },

  {
    id: 'L06',
    title: 'R4.owner: vida hands ona’s inquiry over to jonas → the announcement shows him, jonas and ona are DMed, the thread is told (G1 closed; see H01)',
    given: (world) => ownedBy(world, 'ona'),
    when: async (world, { inquiryId }: Owned) => {
      await world.app.inquiries.handOver(inquiryId, world.staff.vida.id, world.staff.jonas.id);
    },
    expect: [`announcement update inquiry.card [${OWNER_ACTIONS}]`, 'dm:jonas post notice.handed_over.to_you [open]', 'dm:ona post notice.handed_over.from_you []', 'thread post notice.handed_over.thread []'],
  },
  {
    id: 'L07',
    title: 'R14.reply-1wd: ona marks the first reply sent → the announcement drops Mark replied; nobody is DMed',
    given: (world) => ownedBy(world, 'ona'),
    when: async (world, { inquiryId }: Owned) => {
      await world.app.inquiries.recordFirstReply(inquiryId, world.staff.ona.id);
    },
    expect: [`announcement update inquiry.card [${OWNER_ACTIONS_REPLIED}]`],
  },
  {
    id: 'L09',
    title: 'R14.holding-reply: a holding reply with a promised date updates the announcement; nobody is DMed',
    given: (world) => ownedBy(world, 'ona'),
    when: async (world, { inquiryId }: Owned) => {
      await world.app.inquiries.sendHoldingReply(inquiryId, world.staff.ona.id, new Date('2027-03-10T12:00:00+02:00'));
    },
    expect: [`announcement update inquiry.card [${OWNER_ACTIONS_REPLIED}]`],
  },
  {
    id: 'L09b',
    title: 'R19.status / R4.owner: ona marks the inquiry as waiting on the client → the announcement shows the status; nobody is DMed',
    given: (world) => ownedBy(world, 'ona'),
    when: async (world, { inquiryId }: Owned) => {
      await world.app.inquiries.waitForClient(inquiryId, world.staff.ona.id);
    },
    expect: [`announcement update inquiry.card [${OWNER_ACTIONS}]`],
  },
  {
    id: 'L10',
    title: 'R19.status: resolving leaves Close, Write letter and Open on the announcement; nobody is DMed',
    given: (world) => answeredBy(world, 'ona'),
    when: async (world, { inquiryId }: Owned) => {
      await world.app.inquiries.resolve(inquiryId, world.staff.ona.id);
    },
    expect: ['announcement update inquiry.card [close open write_letter]'],
  },
  {
    id: 'L11',
    title: 'R12.records: closing leaves only Open on the announcement; nobody is DMed',
    given: (world) => answeredBy(world, 'ona', { resolved: true }),
    when: async (world, { inquiryId }: Owned) => {
      await world.app.inquiries.close(inquiryId, world.staff.ona.id);
    },
    expect: ['announcement update inquiry.card [open]'],
  },
  {
    id: 'L12',
    title: 'R12.records: reopening a resolved inquiry brings the owner’s actions back; nobody is DMed',
    given: (world) => answeredBy(world, 'ona', { resolved: true }),
    when: async (world, { inquiryId }: Owned) => {
      await world.app.inquiries.reopen(inquiryId, world.staff.ona.id, 'Klientas parašė dar kartą');
    },
    expect: [`announcement update inquiry.card [${OWNER_ACTIONS_REPLIED}]`],
  },
];
