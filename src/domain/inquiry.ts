import type { Capabilities } from './capabilities.js';
import { InvalidTransitionError } from './errors.js';
import { supervises, type StaffMember } from './staff.js';

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
  /** R55.same-channel: where a written answer on paper is posted (several lines); null when not given. */
  postalAddress: string | null;
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

/**
 * The transition table: each action with the statuses it may start from. Every command checks it
 * (`assertCan`); what a front end offers is derived from it (`can`, `allowedActions`), never listed by hand.
 */
export const ALLOWED_FROM = {
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
  /** R60.external: staff record a phone or in-person client's rating once the inquiry is resolved. */
  record_rating: ['resolved', 'closed'],
} as const satisfies Record<string, readonly InquiryStatus[]>;
export type InquiryAction = keyof typeof ALLOWED_FROM;
export const INQUIRY_ACTIONS = Object.keys(ALLOWED_FROM) as readonly InquiryAction[];

/** Whether `action` may start from the inquiry's current status. */
export function can(inquiry: Pick<Inquiry, 'status'>, action: InquiryAction): boolean {
  return (ALLOWED_FROM[action] as readonly InquiryStatus[]).includes(inquiry.status);
}

/** Every action the transition table allows from the inquiry's current status, in the table's order. */
export function allowedActions(inquiry: Pick<Inquiry, 'status'>): InquiryAction[] {
  return INQUIRY_ACTIONS.filter((action) => can(inquiry, action));
}

/** Throws a coded error unless `action` may start from the inquiry's current status. */
export function assertCan(inquiry: Inquiry, action: InquiryAction): void {
  if (!can(inquiry, action)) {
    throw new InvalidTransitionError(inquiry.registryNumber, inquiry.status, action.replaceAll('_', ' '));
  }
}

/** R4.owner: `staffId` owns the inquiry now, so claiming it again changes nothing. */
export function isClaimedBy(inquiry: Pick<Inquiry, 'ownerId'>, staffId: string): boolean {
  return inquiry.ownerId === staffId;
}

/**
 * R31.callback: the planned call retries a call the client did not answer. The purpose says why the call
 * was planned; the count of missed calls says the client is still unreached — a reached call resets it and
 * ends the retry, so a leftover `retry` plan after a reached call is no retry.
 */
export function isRetryCall(inquiry: Pick<Inquiry, 'nextCall' | 'missedCalls'>): boolean {
  return inquiry.nextCall?.purpose === 'retry' && inquiry.missedCalls > 0;
}

/**
 * R14.reply-1wd, R31.callback: the institution can write to this client by e-mail — the deployment sends
 * e-mail and the client gave an address. Otherwise a letter or a call answers instead.
 */
export function canEmailClient(inquiry: Pick<Inquiry, 'client'>, capabilities: Capabilities): boolean {
  return capabilities.email && inquiry.client.email !== null;
}

/** R4.owner: who may act on an inquiry — its owner, or a supervisor (manager, head, admin); everyone else may only look, or claim it while nobody has. */
export function mayActOn(inquiry: Pick<Inquiry, 'ownerId'>, actor: StaffMember): boolean {
  return inquiry.ownerId === actor.id || supervises(actor);
}
