import type { CastName } from '../cast.js';
import type { Scenario } from '../scenario.js';
import type { World } from '../world.js';
import { OWNER_ACTIONS_REPLIED } from './inquiry.js';
import { LETTER_CLIENT, meetingOn, ownedBy, PHONE_CLIENT, progressNoteOf, stepOn } from './support.js';

type Owned = { inquiryId: string };
type Meeting = Owned & { meetingId: string };
type Step = Owned & { stepId: string };
type Noted = Owned & { noteId: string };

/** ona's inquiry with a meeting chaired by vida and minuted by ona; `held`: minutes recorded. */
const withMeeting = (held: boolean, client: Record<string, unknown> = {}) => async (world: World): Promise<Meeting> => {
  const owned = await ownedBy(world, 'ona', client);
  const meeting = await meetingOn(world, owned.inquiryId, 'ona', 'vida', 'ona');
  if (held) await world.app.meetings.recordMinutes(meeting.id, world.staff.ona.id, { decisions: 'Vieta skiriama' });
  return { ...owned, meetingId: meeting.id };
};

const sendsSummary = (by: CastName) => async (world: World, { meetingId }: Meeting) => {
  await world.app.mail.clientChannel.sendMeetingSummary(meetingId, world.staff[by].id, 'Susitikime nutarta skirti vietą.');
};

const informs = (by: CastName) => async (world: World, { inquiryId, noteId }: Noted) => {
  await world.app.mail.clientChannel.informClient(inquiryId, world.staff[by].id, noteId);
};

/** ona's inquiry of `client` with a progress note recorded by her (the offer DM is before the mark). */
const noted = (client: Record<string, unknown>) => async (world: World): Promise<Noted> => {
  const owned = await ownedBy(world, 'ona', client);
  return { ...owned, noteId: await progressNoteOf(world, owned.inquiryId, 'ona') };
};

/**
 * The policy's `reply.letter_issued` (R55.same-channel) reads word for word as `reply.informed.letter`, and until
 * renderers stamp notice ids the driver names a message by its text — the first of the two keys.
 */
const LETTER_READY = (name: CastName) => `dm:${name} post reply.informed.letter [link open]`;
const OFFER = 'dm:ona post notice.progress_offer [inform_client open]';
const INFORMED = 'thread post notice.client_informed []';

export const workflowRows: Scenario[] = [
  {
    id: 'W01',
    title: 'R45.meetings: ona plans a meeting (chair vida, recorder ona) → each gets it once with its facts, Record minutes and Open; no thread',
    drift: 'D11',
    given: (world) => ownedBy(world, 'ona'),
    when: async (world, { inquiryId }: Owned) => {
      await meetingOn(world, inquiryId, 'ona', 'vida', 'ona');
    },
    expect: ['dm:vida post notice.meeting_planned [open record_minutes] +form.meeting.agenda', 'dm:ona post notice.meeting_planned [open record_minutes] +form.meeting.agenda'],
  },
  {
    id: 'W01b',
    title: 'R45.meetings: recorder rasa (Teams only) → Teams tells vida and rasa; Slack tells vida only',
    given: (world) => ownedBy(world, 'ona'),
    when: async (world, { inquiryId }: Owned) => {
      await meetingOn(world, inquiryId, 'ona', 'vida', 'rasa');
    },
    expect: (_context, platform) => [
      'dm:vida post notice.meeting_planned [open record_minutes] +form.meeting.agenda',
      ...(platform === 'teams' ? ['dm:rasa post notice.meeting_planned [open record_minutes] +form.meeting.agenda'] : []),
    ],
  },
  {
    id: 'W02',
    title: 'R48.meeting-summary-2wd: minutes recorded → only the recorder ona is asked for the summary, with Send summary and Open',
    given: withMeeting(false),
    when: async (world, { meetingId }: Meeting) => {
      await world.app.meetings.recordMinutes(meetingId, world.staff.ona.id, { decisions: 'Vieta skiriama' });
    },
    expect: ['dm:ona post notice.meeting_held [open send_summary]'],
  },
  {
    id: 'W12',
    title: 'R48.meeting-summary-2wd / R55.same-channel: recorder ona sends the summary of a client without e-mail → thread, chair vida, and ona gets the letter link',
    drift: 'D12',
    given: withMeeting(true, PHONE_CLIENT),
    when: sendsSummary('ona'),
    expect: ['thread post notice.meeting_summary_sent []', 'dm:vida post notice.meeting_summary_sent [open]', LETTER_READY('ona')],
  },
  {
    id: 'W03',
    title: 'R48.meeting-summary-2wd: chair vida sends the summary → thread and recorder ona; vida (the actor) gets only her letter’s link',
    drift: 'D12',
    given: withMeeting(true, PHONE_CLIENT),
    when: sendsSummary('vida'),
    expect: ['thread post notice.meeting_summary_sent []', 'dm:ona post notice.meeting_summary_sent [open]', LETTER_READY('vida')],
  },
  {
    id: 'W04',
    title: 'R24.other-institution: ona adds an external step → the thread names the institution and what we wait for; nobody is DMed',
    drift: 'D13',
    given: (world) => ownedBy(world, 'ona'),
    when: async (world, { inquiryId }: Owned) => {
      await stepOn(world, inquiryId, 'ona');
    },
    expect: ['thread post reply.step_added [] +form.step.what'],
  },
  {
    id: 'W04b',
    title: 'R24.other-institution: vida adds a step on ona’s inquiry → the thread, and ona with Record decision and Open',
    drift: 'D13',
    given: (world) => ownedBy(world, 'ona'),
    when: async (world, { inquiryId }: Owned) => {
      await stepOn(world, inquiryId, 'vida');
    },
    expect: ['thread post reply.step_added [] +form.step.what', 'dm:ona post reply.step_added [open record_decision] +form.step.what'],
  },
  {
    id: 'W05',
    title: 'R24.other-institution / R19.status: ona records the decision → only she is offered to inform the client',
    drift: 'D14',
    given: async (world): Promise<Step> => {
      const owned = await ownedBy(world, 'ona');
      return { ...owned, stepId: (await stepOn(world, owned.inquiryId, 'ona')).id };
    },
    when: async (world, { stepId }: Step) => {
      await world.app.externalSteps.recordDecision(stepId, world.staff.ona.id, { decision: 'Leista priimti' });
    },
    expect: [OFFER],
  },
  {
    id: 'W06',
    title: 'R24.other-institution: a decision conflicting with another institution’s → the offer, and ona is offered a joint meeting',
    drift: 'D15',
    given: async (world): Promise<Step> => {
      const owned = await ownedBy(world, 'ona');
      const first = await stepOn(world, owned.inquiryId, 'ona');
      const second = await stepOn(world, owned.inquiryId, 'ona', 'Pedagoginė psichologinė tarnyba');
      await world.app.externalSteps.recordDecision(first.id, world.staff.ona.id, { decision: 'Leista priimti' });
      return { ...owned, stepId: second.id };
    },
    when: async (world, { stepId }: Step) => {
      await world.app.externalSteps.recordDecision(stepId, world.staff.ona.id, { decision: 'Reikia kitos grupės', conflictsWithOthers: true });
    },
    expect: [OFFER, 'dm:ona post notice.external_conflict [open plan_meeting]'],
  },
  {
    id: 'W07',
    title: 'R19.status: ona records an intermediate result → only she is offered to inform the client',
    given: (world) => ownedBy(world, 'ona'),
    when: async (world, { inquiryId }: Owned) => {
      await progressNoteOf(world, inquiryId, 'ona');
    },
    expect: [OFFER],
  },
  {
    id: 'W07b',
    title: 'R19.status: vida records a result on ona’s inquiry → the offer goes to vida, who recorded it; ona is not told',
    given: (world) => ownedBy(world, 'ona'),
    when: async (world, { inquiryId }: Owned) => {
      await progressNoteOf(world, inquiryId, 'vida');
    },
    expect: ['dm:vida post notice.progress_offer [inform_client open]'],
  },
  {
    id: 'W09',
    title: 'R19.status / R55.same-channel: ona informs a letter client → the thread is told; the letter’s own notice stays silent',
    drift: 'D6',
    given: noted(LETTER_CLIENT),
    when: informs('ona'),
    expect: [INFORMED],
  },
  {
    id: 'W10',
    title: 'R19.status: ona informs a phone client → an "inform" call note with the news as its plan, and the thread is told; no DM',
    given: noted(PHONE_CLIENT),
    when: informs('ona'),
    expect: ['thread post notice.call_scheduled.inform [] +notice.call.plan', INFORMED],
  },
  {
    id: 'W11',
    title: 'R55.same-channel / R14.reply-1wd: ona writes a letter → the card drops Mark replied; ona alone gets the printable link',
    drift: 'D17',
    given: (world) => ownedBy(world, 'ona', LETTER_CLIENT),
    when: async (world, { inquiryId }: Owned) => {
      await world.app.mail.clientChannel.issueLetter(inquiryId, world.staff.ona.id, 'Gerbiama kliente, vieta skirta.');
    },
    expect: [`announcement update inquiry.card [${OWNER_ACTIONS_REPLIED}]`, LETTER_READY('ona')],
  },
  {
    id: 'W13',
    title: 'R19.status: vida informs ona’s letter client → the thread, and ona is told with Open',
    drift: 'D16',
    given: noted(LETTER_CLIENT),
    when: informs('vida'),
    expect: [INFORMED, 'dm:ona post notice.client_informed [open]'],
  },
];
