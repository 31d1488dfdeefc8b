import type { InquiryEventType } from '../../../src/domain/events.js';

/**
 * Which contract rows make each domain event happen on both platforms — silent ones included, whose rows check that
 * the event did happen (timeline, outbox) and that nobody is told. `satisfies` makes the compiler refuse a new event
 * type without an entry here, and `event-coverage.test.ts` that an entry names no row, or a row that does not exist.
 * A row is listed under every kind its `when` causes (a holding reply also moves the deadlines).
 */
export const EVENT_COVERAGE = {
  // The inquiry lifecycle: each re-renders the announcement only.
  registered: ['L01', 'L02'],
  claimed: ['L03', 'O12'],
  released: ['L05', 'O11', 'H05'],
  handed_over: ['L06', 'H01', 'H02', 'O06', 'O09', 'O13', 'H04', 'H06'],
  first_reply_sent: ['L07', 'M08', 'O08', 'O10'],
  holding_reply_sent: ['L09', 'D11'],
  waiting_on_client: ['L09b'],
  resolved: ['L10'],
  closed: ['L11'],
  reopened: ['L12'],
  // Calls.
  call_logged: ['C01', 'C02', 'C07', 'C08'],
  call_scheduled: ['C02', 'C03', 'C04', 'W10'],
  callback_failed: ['C07', 'C08', 'C09', 'C10'],
  // Workflows: meetings, other institutions, status notes, letters.
  meeting_planned: ['W01', 'W01b'],
  meeting_held: ['W02'],
  meeting_summary_sent: ['W03', 'W12'],
  external_step_added: ['W04', 'W04b'],
  external_decision_recorded: ['W05', 'W06'],
  external_decisions_conflict: ['W06'],
  progress_recorded: ['W07', 'W07b'],
  client_informed: ['W08', 'W09', 'W10', 'W13'],
  letter_issued: ['W09', 'W11', 'W12', 'W03'],
  // Escalations.
  escalated: ['E01', 'E02', 'E03', 'E04', 'E13'],
  escalation_acknowledged: ['E08'],
  escalation_taken_over: ['E09'],
  escalation_referred: ['E10'],
  escalation_decided: ['E11'],
  // Deadlines: the scheduler's bookkeeping (silent) and what it asks to be told.
  deadlines_changed: ['D11'],
  reminder_due: ['D01', 'D02', 'D06', 'D07', 'D07b', 'C05', 'C06'],
  overdue: ['D03'],
  // Nothing stalls unseen (issue #13): still overdue → the owner's manager; still unclaimed → the manager on duty.
  overdue_escalated: ['O01', 'O04', 'O05'],
  unclaimed_escalated: ['U01', 'U03', 'U04'],
  // E-mail with the client.
  client_message_received: ['M01', 'M02', 'M03', 'M03b', 'M03c'],
  email_requested: ['M08', 'W08'],
  email_sent: ['M06', 'M08', 'W08'],
  email_failed: ['M04', 'M05'],
  // R60.external: client ratings — asking and voiding are silent; a low score goes to the owner's manager alone.
  rating_requested: ['R01'],
  rated: ['R02', 'R03', 'R07', 'R08', 'R09', 'R10'],
  rating_voided: ['R05'],
  rating_acknowledged: ['R04'],
  // Issue #15 (retention): the chat copies are edited to the number and state; nobody is told anew.
  anonymised: ['A01'],
} as const satisfies Record<InquiryEventType, readonly string[]>;
