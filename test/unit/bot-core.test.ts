import { describeError } from '../../src/bot/core/describe-error.js';
import { formatWhen } from '../../src/bot/core/format-time.js';
import { fieldErrors, FORMS } from '../../src/bot/core/forms/index.js';
import { en } from '../../src/bot/core/i18n/en.js';
import { staffLanguage, translate } from '../../src/bot/core/i18n/index.js';
import { lt } from '../../src/bot/core/i18n/lt.js';
import { buildInquiryCard } from '../../src/bot/core/inquiry-card.js';
import type { Capabilities } from '../../src/domain/capabilities.js';
import { AlreadyClaimedError, DomainError, InvalidTransitionError } from '../../src/domain/errors.js';
import type { Inquiry } from '../../src/domain/inquiry.js';
import type { StaffMember } from '../../src/domain/staff.js';

const zone = 'Europe/Vilnius';
const now = new Date('2026-11-23T10:00:00+02:00');
const mail: Capabilities = { email: true };
const noMail: Capabilities = { email: false };
const ona: StaffMember = {
  id: 's1', firstName: 'Ona', surname: 'Onaitė', position: null, phone: null, email: 'ona@daigelis.lt', language: 'lt',
  roles: ['representative'], slackUserId: null, teamsUserId: null, managerId: null, active: true,
};

function inquiry(overrides: Partial<Inquiry> = {}): Inquiry {
  return {
    id: 'i1', registryNumber: '2026-000007', kind: 'complaint', channel: 'email', externalId: null,
    client: { name: 'Giedrė', email: 'g@example.lt', phone: null, postalAddress: null, language: 'lt' },
    subject: 'Dėl maitinimo', body: 'Labai   ilgas\n\ntekstas '.repeat(100), receivedAt: new Date('2026-11-23T09:00:00+02:00'),
    status: 'new', ownerId: null, firstReplyDue: new Date('2026-11-24T09:00:00+02:00'), firstReplyAt: null,
    statutoryDue: new Date('2026-12-21T09:00:00+02:00'), promisedBy: null, followUpDue: null, resolvedAt: null, closedAt: null,
    nextCall: null, missedCalls: 0, meetingSummaryDue: null, externalStepDue: null,
    ...overrides,
  };
}

describe('message catalogues', () => {
  it('English has exactly the Lithuanian keys, and no message is empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(lt).sort());
    for (const text of [...Object.values(lt), ...Object.values(en)]) expect(text.trim()).not.toBe('');
  });

  it('R33.language: Lithuanian letters survive placeholders; unknown placeholders stay visible', () => {
    expect(translate('lt', 'reply.claimed', { number: '2026-000007' })).toBe('Jūs atsakingas už 2026-000007.');
    expect(translate('en', 'reply.claimed')).toBe('You own {number}.');
    expect(staffLanguage('en-GB')).toBe('en');
    expect(staffLanguage('lt-LT')).toBe('lt');
    expect(staffLanguage(undefined)).toBe('lt');
  });
});

describe('errors in words', () => {
  it('#17.onboarding: each refused record of a pasted staff directory is named beside the field, in the reader\'s language', () => {
    const fields = [
      { path: '2.email', message: 'Invalid email address', reason: 'email' },
      { path: '0.surname', message: 'Invalid input', reason: 'required' },
      ...[3, 4, 5, 6, 7].map((index) => ({ path: `${index}.roles.0`, message: 'Invalid option', reason: 'choice' })),
    ];
    const error = new DomainError('INPUT.INVALID', 'x', { fields });
    const { spec } = FORMS.staff_directory;
    expect(fieldErrors(error, spec, { directory: '- …' }, 'en')).toEqual({
      directory: [
        'Record 3, field email: Enter an e-mail address such as name@example.com.',
        'Record 1, field surname: Required',
        'Record 4, field roles.0: Choose one of the options offered.',
        'Record 5, field roles.0: Choose one of the options offered.',
        'Record 6, field roles.0: Choose one of the options offered.',
        '…and 2 more.',
      ].join('\n'),
    });
    expect(fieldErrors(error, spec, { directory: '- …' }, 'lt')!.directory).toMatch(/^Įrašas nr\. 3, laukas email: .+\nĮrašas nr\. 1, laukas surname: Privaloma užpildyti\n/);
  });

  it('R4.owner: the loser of a claim is told who won, in their language', () => {
    const error = new AlreadyClaimedError('2026-000007', 's1', 'Ona Onaitė');
    expect(describeError(error, 'lt')).toBe('Užklausos 2026-000007 jau ėmėsi Ona Onaitė.');
    expect(describeError(error, 'en')).toBe('2026-000007 is already claimed by Ona Onaitė.');
  });

  it('translates the status of an invalid transition and lists invalid fields', () => {
    expect(describeError(new InvalidTransitionError('2026-000007', 'closed', 'claim'), 'lt')).toContain('„Uždaryta“');
    const invalid = new DomainError('INPUT.INVALID', 'x', { fields: [{ path: 'summary' }, { path: 'nextStepDue' }] });
    expect(describeError(invalid, 'en')).toBe('Please check: summary, nextStepDue');
  });

  it('anything unexpected gets a generic message, never internals', () => {
    expect(describeError(new Error('connection refused at 10.0.0.1'), 'en')).not.toContain('10.0.0.1');
  });
});

describe('inquiry card', () => {
  it('R4.owner: an unclaimed inquiry offers Claim (primary) and Details only', () => {
    const card = buildInquiryCard(inquiry(), null, 'lt', now, zone, mail);
    expect(card.actions.map((action) => [action.id, action.style])).toEqual([['claim', 'primary'], ['details', undefined]]);
    expect(card.title).toBe('Skundas 2026-000007');
    expect(card.fields).toContainEqual({ label: 'Atsakyti iki', value: 'rytoj 09:00' });
    expect(card.fields).toContainEqual({ label: 'Atsakingas', value: 'niekas dar nepaėmė' });
    expect(card.excerpt.length).toBeLessThanOrEqual(500);
    expect(card.excerpt).not.toMatch(/\s{2}/);
  });

  it('R14.reply-1wd: the owner gets the working actions; Mark replied disappears once replied; overdue is flagged', () => {
    const owned = buildInquiryCard(inquiry({ status: 'claimed', ownerId: 's1' }), ona, 'en', now, zone, noMail);
    expect(owned.actions.map((action) => action.id)).toEqual([
      'log_call', 'mark_replied', 'escalate', 'details',
      'schedule_call', 'plan_meeting', 'external_step', 'record_progress', 'write_letter', 'holding_reply', 'resolve', 'release',
      // R4.owner: to a named colleague, beside Release; an unowned card offers Claim instead.
      'hand_over',
    ]);
    const replied = buildInquiryCard(inquiry({ status: 'in_progress', ownerId: 's1', firstReplyAt: now }), ona, 'en', now, zone, noMail);
    expect(replied.actions.map((action) => action.id)).not.toContain('mark_replied');
    const late = buildInquiryCard(inquiry({ status: 'claimed', ownerId: 's1' }), ona, 'en', new Date('2026-11-24T12:00:00+02:00'), zone, noMail);
    expect(late.state).toBe('overdue');
    expect(late.fields).toContainEqual({ label: 'Reply due', value: 'today 09:00 (overdue)' });
  });

  it('R14.reply-1wd: Reply by e-mail is offered only where e-mail reaches the client (canEmailClient)', () => {
    const ids = (capabilities: Capabilities, email: string | null) =>
      buildInquiryCard(inquiry({ status: 'claimed', ownerId: 's1', client: { name: 'Giedrė', email, phone: '+37060000000', postalAddress: null, language: 'lt' } }), ona, 'en', now, zone, capabilities)
        .actions.map((action) => action.id);
    expect(ids(mail, 'g@example.lt').slice(0, 3)).toEqual(['log_call', 'reply_email', 'mark_replied']);
    expect(ids(noMail, 'g@example.lt')).not.toContain('reply_email');
    expect(ids(mail, null)).not.toContain('reply_email');
  });

  it('no dead buttons: a closed inquiry shows Details only; a resolved one offers what the transition table allows (close, write a letter)', () => {
    const card = buildInquiryCard(inquiry({ status: 'closed', ownerId: 's1' }), ona, 'lt', now, zone, mail);
    expect(card.actions.map((action) => action.id)).toEqual(['details']);
    expect(card.state).toBe('done');
    const resolved = buildInquiryCard(inquiry({ status: 'resolved', ownerId: 's1' }), ona, 'lt', now, zone, mail);
    expect(resolved.actions.map((action) => action.id)).toEqual(['close', 'details', 'write_letter']);
  });

  it('formats times relative to today in Vilnius, across midnight UTC', () => {
    expect(formatWhen(new Date('2026-11-23T23:30:00+02:00'), 'lt', now, zone)).toBe('šiandien 23:30');
    expect(formatWhen(new Date('2026-11-22T08:00:00+02:00'), 'en', now, zone)).toBe('yesterday 08:00');
    expect(formatWhen(new Date('2026-11-27T14:30:00+02:00'), 'lt', now, zone)).toBe('2026-11-27 14:30');
  });
});
