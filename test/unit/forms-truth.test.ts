import { fieldErrors, fieldLabel, FORMS, openForm } from '../../src/bot/core/forms/index.js';
import { LANGUAGE_NAMES } from '../../src/bot/core/forms/inquiry-forms.js';
import type { PlatformContext } from '../../src/bot/platform.js';
import { callLogSchema } from '../../src/domain/call-log.js';
import { DomainError } from '../../src/domain/errors.js';
import type { Inquiry } from '../../src/domain/inquiry.js';
import { registerInquirySchema } from '../../src/domain/inquiry.schemas.js';
import { FIELD_REASONS, parseInput } from '../../src/domain/validation.js';

/** Issue #13 item 3, "forms that tell the truth": the reasons the domain gives, and the words forms put beside fields. */

const refusal = (run: () => unknown): DomainError => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('not refused');
};

const registration = (client: Record<string, unknown>, more: Record<string, unknown> = {}) => ({
  kind: 'question', channel: 'phone', client: { name: 'Tomas Tomaitis', language: 'lt', ...client }, subject: 'Dėl maitinimo', receivedAt: new Date(), ...more,
});

describe('the reasons a schema gives (parseInput)', () => {
  it('R7.channels: a phone that is no phone number, an e-mail that is no address and an over-long subject each carry their reason and limit', () => {
    const error = refusal(() => parseInput(registerInquirySchema, registration({ phone: 'vakare', email: 'tomas.example.com' }, { subject: 'x'.repeat(301) })));
    expect(error.details.fields).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: 'client.phone', message: FIELD_REASONS.phone }),
      expect.objectContaining({ path: 'client.email', reason: FIELD_REASONS.email }),
      expect.objectContaining({ path: 'subject', reason: FIELD_REASONS.tooLong, max: 300 }),
    ]));
  });

  it('R44.call-notes: an outcome that is none of the choices, and a next-step date that cannot be read', () => {
    const error = refusal(() => parseInput(callLogSchema, { outcome: 'maybe', nextStepDue: 'rytoj' }));
    expect(error.details.fields).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: 'outcome', reason: FIELD_REASONS.choice }),
      expect.objectContaining({ path: 'nextStepDue', reason: FIELD_REASONS.unreadable }),
    ]));
  });

  it('R44.call-notes / R16.expectations: a reached call without a summary is "required" (the schema\'s own reason)', () => {
    const error = refusal(() => parseInput(callLogSchema, { outcome: 'reached', clientExpectation: 'Vieta' }));
    expect(error.details.fields).toEqual([{ path: 'summary', message: 'required' }]);
  });
});

describe('the words beside the fields (fieldErrors, one mapping for both platforms)', () => {
  const spec = (id: keyof typeof FORMS) => FORMS[id].spec;

  it('R7.channels: each reason says what is wrong, the limit with its number, in the person\'s language', () => {
    const error = refusal(() => parseInput(registerInquirySchema, registration({ phone: 'vakare', email: 'tomas.example.com' }, { subject: 'x'.repeat(301) })));
    const values = { 'client.phone': 'vakare', 'client.email': 'tomas.example.com', subject: 'x'.repeat(301) };
    expect(fieldErrors(error, spec('new_inquiry'), values, 'en')).toEqual({
      'client.phone': 'Enter a phone number such as +370 612 34567.',
      'client.email': 'Enter an e-mail address such as name@example.com.',
      subject: 'Too long: at most 300 characters.',
    });
  });

  it('R31.callback: a retry too soon says how far from now it must be', () => {
    const error = new DomainError('INPUT.INVALID', 'x', { fields: [{ path: 'retryAt', message: FIELD_REASONS.tooSoon, minutes: 30 }] });
    expect(fieldErrors(error, spec('log_call'), { retryAt: '2027-03-01T08:10:00Z' }, 'en')).toEqual({ retryAt: 'Too soon: must be at least 30 minutes from now.' });
  });

  it('R14.reply-1wd: a service\'s "length" refusal of a filled text names the form\'s own limit', () => {
    const error = new DomainError('INPUT.INVALID', 'x', { fields: [{ path: 'text', message: 'length' }] });
    expect(fieldErrors(error, spec('reply_email'), { text: 'x' }, 'lt')).toEqual({ text: 'Per ilgas tekstas: ne daugiau kaip 50000 simbolių.' });
    expect(fieldErrors(error, spec('reply_email'), { text: ' ' }, 'lt')).toEqual({ text: 'Privaloma užpildyti' });
  });

  it('R14.holding-reply: a coded refusal with a reason is worded by it beside the promised date, not generically', () => {
    const past = new DomainError('INQUIRY.PROMISE_INVALID', 'x', { registryNumber: 'K-1', reason: FIELD_REASONS.notInFuture });
    const late = new DomainError('INQUIRY.PROMISE_INVALID', 'x', { registryNumber: 'K-1', reason: FIELD_REASONS.afterStatutoryDeadline });
    expect(fieldErrors(past, spec('holding_reply'), {}, 'en')).toEqual({ promisedBy: 'Choose a time in the future.' });
    expect(fieldErrors(late, spec('holding_reply'), {}, 'lt')).toEqual({ promisedBy: 'Pažadėta data negali būti vėlesnė nei teisės aktų nustatytas terminas.' });
  });
});

describe('what a form marks and offers', () => {
  it('R44.call-notes / R16.expectations: conditional fields carry their condition in the label on every platform; always-required and optional ones do not', () => {
    const field = (id: string) => FORMS.log_call.spec.fields.find((candidate) => candidate.id === id)!;
    expect(fieldLabel(field('summary'), 'en')).toBe('What was discussed — required when the client was reached');
    expect(fieldLabel(field('outcome'), 'en')).toBe('Outcome');
    expect(FORMS.log_call.spec.fields.filter((candidate) => candidate.required === 'conditional').every((candidate) => candidate.hint !== undefined)).toBe(true);
  });

  it('R14.urgent-call: "e-mail the client a summary" is offered only with e-mail configured and a client with an address', async () => {
    const offered = async (email: boolean, clientEmail: string | null) => {
      const inquiry = { id: 'i-1', registryNumber: 'K-1', client: { name: 'Petras', email: clientEmail, phone: '+37061234567', language: 'lt' } } as unknown as Inquiry;
      const services = {
        capabilities: { email },
        clock: { now: () => new Date('2027-03-01T08:00:00Z') },
        config: { TIME_ZONE: 'Europe/Vilnius' },
        meetings: { get: async () => null },
        queries: { get: async () => ({ inquiry, externalSteps: [] }), staffWithRole: async () => [] },
      } as unknown as PlatformContext;
      const view = await openForm('log_call', { actor: { id: 's-1', roles: ['representative'] } as never, language: 'lt' }, { inquiryId: inquiry.id }, services);
      return view.spec.fields.some((field) => field.id === 'emailSummaryToClient');
    };
    expect(await offered(true, 'petras@example.com')).toBe(true);
    expect(await offered(false, 'petras@example.com')).toBe(false);
    expect(await offered(true, null)).toBe(false);
  });

  it('R33.language: every client language has its own name', () => {
    expect(FORMS.new_inquiry.spec.fields.find((field) => field.id === 'client.language')!.choices!.map((choice) => choice.label)).toEqual(
      Object.values(LANGUAGE_NAMES).map((literal) => ({ literal })),
    );
    expect(Object.values(LANGUAGE_NAMES)).toEqual(['Lietuvių', 'English', 'Русский', 'Polski', 'Українська']);
  });
});

