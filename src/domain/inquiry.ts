import { InvalidTransitionError } from './errors.js';

export const INQUIRY_KINDS = ['request', 'question', 'complaint'] as const;
export type InquiryKind = (typeof INQUIRY_KINDS)[number];

/** R7.channels: the "window principle" — every way a client reaches the institution. */
export const CHANNELS = ['email', 'web', 'phone', 'in_person', 'letter'] as const;
export type Channel = (typeof CHANNELS)[number];

export const INQUIRY_STATUSES = ['new', 'claimed', 'in_progress', 'waiting_on_client', 'resolved', 'closed'] as const;
export type InquiryStatus = (typeof INQUIRY_STATUSES)[number];

/** Statuses in which the institution still owes the client something. */
export const OPEN_STATUSES: readonly InquiryStatus[] = ['new', 'claimed', 'in_progress', 'waiting_on_client'];

export interface ClientContact {
  name: string;
  email: string | null;
  phone: string | null;
  /** R33.language: BCP 47 primary tag, `lt` by default. */
  language: string;
}

/** A registered request, question or complaint (R15.register). */
export interface Inquiry {
  id: string;
  /** Human-readable, unique per institution and year: `2026-000123`. */
  registryNumber: string;
  kind: InquiryKind;
  channel: Channel;
  /** Id of the message at its source (e-mail Message-ID, form submission id); makes registration idempotent. */
  externalId: string | null;
  client: ClientContact;
  subject: string;
  body: string;
  receivedAt: Date;
  status: InquiryStatus;
  ownerId: string | null;
  /** R14.reply-1wd */
  firstReplyDue: Date;
  firstReplyAt: Date | null;
  /** R59.statutory: formal requests and complaints only. */
  statutoryDue: Date | null;
  /** R14.holding-reply: the date promised to the client in a holding reply. */
  promisedBy: Date | null;
  /** R54.escalate-unresolved: the follow-up promised to the client in an unresolved conflict. */
  followUpDue: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  /** R29.agreed-time / R31.callback: the next call the owner is to make, if one is planned. */
  nextCall: PlannedCall | null;
  /** R31.callback: calls in a row the client did not answer; a reached call resets it. */
  missedCalls: number;
  /** R48.meeting-summary-2wd: the earliest summary still owed after a meeting. */
  meetingSummaryDue: Date | null;
  /** R24.other-institution: the earliest external step still pending. */
  externalStepDue: Date | null;
}

/** A call agreed with the client for a time (R29), a retry after a missed call (R31), or news to tell (R19). */
export interface PlannedCall {
  at: Date;
  plan: string;
  purpose: 'agreed' | 'retry' | 'inform';
}

export function isOpen(inquiry: Pick<Inquiry, 'status'>): boolean {
  return OPEN_STATUSES.includes(inquiry.status);
}

/** The date the inquiry must be resolved by: a promise made to the client wins over the statutory default. */
export function resolutionDue(inquiry: Pick<Inquiry, 'promisedBy' | 'statutoryDue'>): Date | null {
  return inquiry.promisedBy ?? inquiry.statutoryDue;
}

/** Formal requests and complaints carry the statutory deadline (R59.statutory); plain questions do not. */
export function carriesStatutoryDeadline(kind: InquiryKind): boolean {
  return kind !== 'question';
}

/** Actions that change an inquiry's status, with the statuses each may start from. */
const ALLOWED_FROM = {
  claim: ['new'],
  release: ['claimed', 'in_progress', 'waiting_on_client'],
  hand_over: ['new', 'claimed', 'in_progress', 'waiting_on_client'],
  log_call: ['claimed', 'in_progress', 'waiting_on_client'],
  plan_call: ['claimed', 'in_progress', 'waiting_on_client'],
  plan_meeting: ['claimed', 'in_progress', 'waiting_on_client'],
  record_meeting: ['claimed', 'in_progress', 'waiting_on_client', 'resolved'],
  external_step: ['claimed', 'in_progress', 'waiting_on_client'],
  record_progress: ['claimed', 'in_progress', 'waiting_on_client'],
  inform_client: ['claimed', 'in_progress', 'waiting_on_client', 'resolved'],
  write_letter: ['claimed', 'in_progress', 'waiting_on_client', 'resolved'],
  escalate: ['claimed', 'in_progress', 'waiting_on_client'],
  first_reply: ['claimed', 'in_progress', 'waiting_on_client'],
  holding_reply: ['claimed', 'in_progress', 'waiting_on_client'],
  wait_for_client: ['claimed', 'in_progress'],
  resolve: ['claimed', 'in_progress', 'waiting_on_client'],
  close: ['resolved'],
  reopen: ['resolved', 'closed'],
} satisfies Record<string, readonly InquiryStatus[]>;
export type InquiryAction = keyof typeof ALLOWED_FROM;

/** Throws a coded error unless `action` may start from the inquiry's current status. */
export function assertCan(inquiry: Inquiry, action: InquiryAction): void {
  if (!(ALLOWED_FROM[action] as readonly InquiryStatus[]).includes(inquiry.status)) {
    throw new InvalidTransitionError(inquiry.registryNumber, inquiry.status, action.replaceAll('_', ' '));
  }
}
