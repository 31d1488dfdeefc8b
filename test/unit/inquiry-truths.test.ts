import type { Capabilities } from '../../src/domain/capabilities.js';
import { InvalidTransitionError } from '../../src/domain/errors.js';
import {
  ALLOWED_FROM,
  INQUIRY_ACTIONS,
  INQUIRY_STATUSES,
  allowedActions,
  assertCan,
  can,
  canEmailClient,
  isClaimedBy,
  isRetryCall,
  type Inquiry,
  type InquiryAction,
  type InquiryStatus,
  type PlannedCall,
} from '../../src/domain/inquiry.js';

/** A small inquiry builder: only what each truth reads varies per row. */
function inquiry(overrides: Partial<Inquiry> = {}): Inquiry {
  return {
    id: 'i1', registryNumber: '2027-000042', kind: 'request', channel: 'email', externalId: null,
    client: { name: 'Giedrė', email: 'giedre@example.lt', phone: null, postalAddress: null, language: 'lt' },
    subject: 'Dėl vietos', body: 'Laba diena', receivedAt: new Date('2027-03-01T09:00:00+02:00'),
    status: 'new', ownerId: null, firstReplyDue: new Date('2027-03-02T09:00:00+02:00'), firstReplyAt: null,
    statutoryDue: null, promisedBy: null, followUpDue: null, resolvedAt: null, closedAt: null,
    nextCall: null, missedCalls: 0, meetingSummaryDue: null, externalStepDue: null,
    ...overrides,
  };
}

const call = (purpose: PlannedCall['purpose']): PlannedCall => ({ at: new Date('2027-03-01T11:00:00+02:00'), plan: 'Paskambinti', purpose });

describe('actions allowed in each state (ALLOWED_FROM)', () => {
  // One row per status: what the transition table allows from it, in the table's order.
  const expected: Array<[InquiryStatus, InquiryAction[]]> = [
    ['new', ['claim', 'hand_over']],
    ['claimed', ['release', 'hand_over', 'log_call', 'plan_call', 'plan_meeting', 'record_meeting', 'external_step', 'record_progress',
      'inform_client', 'write_letter', 'escalate', 'first_reply', 'holding_reply', 'wait_for_client', 'resolve']],
    ['in_progress', ['release', 'hand_over', 'log_call', 'plan_call', 'plan_meeting', 'record_meeting', 'external_step', 'record_progress',
      'inform_client', 'write_letter', 'escalate', 'first_reply', 'holding_reply', 'wait_for_client', 'resolve']],
    ['waiting_on_client', ['release', 'hand_over', 'log_call', 'plan_call', 'plan_meeting', 'record_meeting', 'external_step', 'record_progress',
      'inform_client', 'write_letter', 'escalate', 'first_reply', 'holding_reply', 'resolve']],
    ['resolved', ['record_meeting', 'inform_client', 'write_letter', 'close', 'reopen', 'record_rating']],
    ['closed', ['reopen', 'record_rating']],
  ];

  it('covers every status', () => {
    expect(expected.map(([status]) => status)).toEqual([...INQUIRY_STATUSES]);
  });

  it.each(expected)('from %s: allowedActions lists exactly what the table allows', (status, actions) => {
    expect(allowedActions(inquiry({ status }))).toEqual(actions);
  });

  // `can` and `assertCan` agree with the table for every (status, action) pair.
  const pairs = INQUIRY_STATUSES.flatMap((status) => INQUIRY_ACTIONS.map((action) => [status, action] as const));
  it.each(pairs)('from %s, %s: can ⇔ the table lists it ⇔ assertCan passes', (status, action) => {
    const listed = (ALLOWED_FROM[action] as readonly InquiryStatus[]).includes(status);
    expect(can(inquiry({ status }), action)).toBe(listed);
    if (listed) expect(() => assertCan(inquiry({ status }), action)).not.toThrow();
    else expect(() => assertCan(inquiry({ status }), action)).toThrow(InvalidTransitionError);
  });

  it.each([
    ['R4.owner: only a new inquiry can be claimed', 'claim', ['new']],
    ['R4.owner: handover is possible until resolution', 'hand_over', ['new', 'claimed', 'in_progress', 'waiting_on_client']],
    ['R14.reply-1wd: the first reply is given while the inquiry is worked on', 'first_reply', ['claimed', 'in_progress', 'waiting_on_client']],
    ['R19.status: the client can be informed even after resolution', 'inform_client', ['claimed', 'in_progress', 'waiting_on_client', 'resolved']],
    ['R19.status: a letter (the answer in writing) can still be written once resolved', 'write_letter', ['claimed', 'in_progress', 'waiting_on_client', 'resolved']],
    ['only a resolved inquiry is closed', 'close', ['resolved']],
  ] as Array<[string, InquiryAction, InquiryStatus[]]>)('%s', (_title, action, statuses) => {
    expect(INQUIRY_STATUSES.filter((status) => can(inquiry({ status }), action))).toEqual(statuses);
  });
});

describe('R4.owner: a claim by the current owner changes nothing (isClaimedBy)', () => {
  it.each([
    ['the owner', 's1', 's1', true],
    ['someone else', 's1', 's2', false],
    ['anyone, when nobody owns it', null, 's1', false],
  ] as Array<[string, string | null, string, boolean]>)('R4.owner: claimed by %s → %s', (_who, ownerId, staffId, expected) => {
    expect(isClaimedBy(inquiry({ ownerId, status: ownerId === null ? 'new' : 'claimed' }), staffId)).toBe(expected);
  });
});

describe('R31.callback: is the next call a retry (isRetryCall)', () => {
  // A retry is a call planned after a miss while the client is still unreached; a reached call resets the count.
  it.each([
    ['a retry after one miss', call('retry'), 1, true],
    ['a retry after the second miss', call('retry'), 2, true],
    ['a "retry" left over after a reached call reset the misses', call('retry'), 0, false],
    ['an agreed call (R29.agreed-time), even after misses', call('agreed'), 1, false],
    ['an "inform the client" call (R19.status)', call('inform'), 0, false],
    ['an "inform the client" call after a miss', call('inform'), 1, false],
    ['no call planned', null, 1, false],
  ] as Array<[string, PlannedCall | null, number, boolean]>)('R31.callback: %s → %s', (_title, nextCall, missedCalls, expected) => {
    expect(isRetryCall(inquiry({ nextCall, missedCalls }))).toBe(expected);
  });
});

describe('can this client be e-mailed (canEmailClient)', () => {
  const on: Capabilities = { email: true };
  const off: Capabilities = { email: false };
  it.each([
    ['R14.reply-1wd: e-mail configured, client has an address', on, 'giedre@example.lt', true],
    ['R14.reply-1wd: e-mail not configured (no SMTP_URL)', off, 'giedre@example.lt', false],
    ['R31.callback: client without an address — a letter or a call instead', on, null, false],
    ['R31.callback: neither', off, null, false],
  ] as Array<[string, Capabilities, string | null, boolean]>)('%s → %s', (_title, capabilities, email, expected) => {
    expect(canEmailClient(inquiry({ client: { name: 'Giedrė', email, phone: '+37060000000', postalAddress: null, language: 'lt' } }), capabilities)).toBe(expected);
  });
});
