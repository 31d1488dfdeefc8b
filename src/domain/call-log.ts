import { z } from 'zod';

export const CALL_OUTCOMES = ['reached', 'no_answer', 'busy'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

const note = (max: number) => z.string().trim().max(max);

/**
 * R44.call-notes and R16.expectations: what the owner records after a call. For a call that reached the
 * client the summary and the client's expected result are required; a missed call needs no summary.
 */
export const callLogSchema = z
  .object({
    outcome: z.enum(CALL_OUTCOMES),
    summary: note(3000).default(''),
    clientExpectation: note(1000).default(''),
    alternativesOffered: note(1000).default(''),
    risksExplained: note(1000).default(''),
    nextStep: note(1000).default(''),
    nextStepDue: z.coerce.date().nullable().default(null),
    /** R14.urgent-call: the client is to get an e-mail summary (sent by the e-mail feature). */
    emailSummaryToClient: z.boolean().default(false),
    /** R31.callback: when to try again after a missed call (checked against the clock by the service). */
    retryAt: z.coerce.date().nullable().default(null),
  })
  .superRefine((call, context) => {
    if (call.outcome !== 'reached') return;
    if (call.summary === '') context.addIssue({ code: 'custom', path: ['summary'], message: 'required' });
    if (call.clientExpectation === '') context.addIssue({ code: 'custom', path: ['clientExpectation'], message: 'required' });
    if (call.nextStep !== '' && call.nextStepDue === null) context.addIssue({ code: 'custom', path: ['nextStepDue'], message: 'required' });
  });

export type CallLogInput = z.input<typeof callLogSchema>;
export type CallLog = z.output<typeof callLogSchema>;

/** R29.agreed-time: a call agreed with the client for a set time, with what the owner means to cover. */
export const scheduleCallSchema = z.object({
  at: z.coerce.date(),
  plan: note(2000).min(1),
});
export type ScheduleCallInput = z.input<typeof scheduleCallSchema>;

export function isMissed(outcome: CallOutcome): boolean {
  return outcome !== 'reached';
}
