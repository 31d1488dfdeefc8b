import type { Capabilities } from '../../../domain/capabilities.js';
import type { DeadlineKind } from '../../../domain/events.js';
import type { EscalationSnapshot, InquirySnapshot } from '../../../domain/snapshots.js';
import type { StaffMember } from '../../../domain/staff.js';
import type { MessageKey } from '../i18n/index.js';

/** The chat platforms; the policy runs once per platform that is switched on. */
export type PlatformId = 'slack' | 'teams';

/** A text parameter each reader gets in their own language and time zone. */
export type TextParam =
  | string
  | number
  /** An instant: "rytoj 14:30" for the reader. */
  | { readonly at: string }
  /** A catalogue word, e.g. `answer.email`. */
  | { readonly key: MessageKey }
  /** A staff id: the person's full name, "—" when unknown. */
  | { readonly person: string };

/** A catalogue text with language-neutral parameters, put into words once per reader when delivered. */
export interface Text {
  readonly key: MessageKey;
  readonly params?: Readonly<Record<string, TextParam>>;
}

/** Who gets a notice. A `person` is a staff id the policy already found reachable on this platform. */
export type Audience =
  /** The inquiry's card in the staff channel. */
  | { readonly to: 'announcement'; readonly inquiryId: string }
  /** A reply under the card (in the channel when the card was never posted on this platform). */
  | { readonly to: 'thread'; readonly inquiryId: string }
  /** A direct message to one person. */
  | { readonly to: 'person'; readonly staffId: string }
  /** The staff channel itself, about no inquiry (the welcome when the app joins it). */
  | { readonly to: 'channel' }
  /**
   * Issue #15: every message this platform keeps about the inquiry (its card, thread notes, DMs) — edited in place,
   * never posted anew (an anonymised inquiry's copies show only its registry number and state).
   */
  | { readonly to: 'every_copy'; readonly inquiryId: string };

/** Which earlier message a notice replaces, stored per (platform, inquiry, key) by the delivery. */
export type UpdateKey =
  | { readonly kind: 'announcement' }
  /** The channel's "nobody has claimed it" nudge, which gives way to who did (R4.owner). */
  | { readonly kind: 'unclaimed' }
  /** One manager's DM that nobody has claimed it (several may get one): gives way to who took it (R4.owner). */
  | { readonly kind: 'unclaimed_to'; readonly staffId: string }
  /** The latest DM nudging about one deadline at one stage: its button gives way once the deadline is met. */
  | { readonly kind: 'deadline'; readonly deadline: string; readonly stage: 'reminder' | 'overdue' }
  /**
   * One reader's "still overdue" DM about one deadline (the manager's, or each admin's): its Take over / Hand over
   * give way once the deadline is met or the inquiry is someone's again (R4.owner, issue #13: no dead buttons).
   */
  | { readonly kind: 'overdue_escalated'; readonly deadline: DeadlineKind; readonly staffId: string }
  | { readonly kind: 'escalation'; readonly escalationId: string }
  /** R60.external: the manager's DM about a low client rating, which the acknowledgement updates. */
  | { readonly kind: 'rating'; readonly ratingId: string }
  | { readonly kind: 'head_decision'; readonly escalationId: string; readonly headId: string };

/**
 * `post`: always new; `upsert`: update the keyed message or post and keep it; `update_only`: nothing if never posted;
 * `repost`: always new, kept under the key in place of the last one (a nudge that comes again, each time visible).
 */
export type DeliveryMode = 'post' | 'upsert' | 'update_only' | 'repost';

/** The visual template; each platform renders every kind. */
export type NoticeKind = 'inquiry_card' | 'note' | 'call_note' | 'deadline' | 'escalation' | 'head_decision' | 'workflow' | 'welcome';
export type NoticeTone = 'info' | 'attention' | 'internal';

/** A fact beside the headline; `internal` marks a staff note that never reaches the client (R35.no-internal). */
export interface Fact {
  readonly label: TextParam;
  readonly value: TextParam;
  readonly internal?: true;
  /** The value is the client's phone (`tel:`) or e-mail (`mailto:`): one tap dials or writes (R29.agreed-time). */
  readonly link?: 'tel' | 'mailto';
}

/** How much of the inquiry's story a notice brings along (a call reminder's recent past, R29.agreed-time). */
export interface StoryExcerpt {
  readonly calls: number;
  readonly timeline: number;
}

/** `take_over`: a manager makes the inquiry theirs (R4.owner: an audited handover to themselves). */
/** `acknowledge_rating`: the manager told of a low client rating acknowledges it (R60.external). */
export type InquiryVerb = 'mark_replied' | 'claim' | 'take_over' | 'acknowledge_rating';
export type EscalationVerb = 'acknowledge' | 'take_over' | 'refer_to_head' | 'report' | 'do_not_report';
/** The forms a notice's button opens; `targetId` names the meeting or external step a form acts on. */
export type NoticeForm =
  | 'log_call' | 'reply_email' | 'write_letter' | 'schedule_call' | 'plan_meeting' | 'record_minutes' | 'send_summary' | 'record_decision'
  | 'hand_over';
/** What a form opens with: the missed-call e-mail draft (R31.callback), the institutions of a joint meeting (R24). */
export interface FormPrefill {
  readonly draft?: 'missed_call';
  readonly joint?: true;
}

/** A button, platform-neutral: Slack makes it an action id and value, Teams an Action.Execute, task/fetch or OpenUrl. */
export type NoticeAction = (
  | { readonly do: 'open'; readonly inquiryId: string }
  | { readonly do: 'verb'; readonly verb: InquiryVerb; readonly inquiryId: string }
  | { readonly do: 'form'; readonly form: NoticeForm; readonly inquiryId: string; readonly targetId?: string; readonly prefill?: FormPrefill }
  | { readonly do: 'escalation'; readonly verb: EscalationVerb; readonly escalationId: string }
  | { readonly do: 'inform_client'; readonly inquiryId: string; readonly noteId: string }
  | { readonly do: 'link'; readonly label: MessageKey; readonly url: string }
) & { readonly style?: 'primary' | 'danger' };

/** Stable name of one decision (`escalation.to_manager`); renderers stamp it on the wire, tests assert it. */
export type NoticeId = `${string}.${string}`;

/** One decision of the policy: who is told what, with which buttons, replacing which message. */
export interface Notice {
  readonly id: NoticeId;
  readonly kind: NoticeKind;
  readonly audience: Audience;
  readonly mode: DeliveryMode;
  readonly updateKey?: UpdateKey;
  readonly text: Text;
  readonly tone: NoticeTone;
  readonly facts: readonly Fact[];
  /** Short lines under the headline (the retry warning of R31.callback). */
  readonly notes?: readonly Text[];
  readonly lines?: StoryExcerpt;
  /** `inquiry_card` carries none: the card derives its buttons from the transition table when rendered. */
  readonly actions: readonly NoticeAction[];
  /** What was done, shown instead of the buttons when a keyed message is updated (nobody decides twice). */
  readonly outcome?: Text;
  /** Delivered instead when the platform refuses the person at send time and this platform is their only way in. */
  readonly fallback?: readonly Notice[];
}

/** Everything the policy may look at, loaded once per event and platform. The policy reads nothing else. */
export interface NoticeSnapshot {
  readonly capabilities: Capabilities;
  readonly inquiry: InquirySnapshot;
  /** Loaded for escalation events; null otherwise. */
  readonly escalation: EscalationSnapshot | null;
  /** Everyone the event names (actor, owner, recipient, chair, recorder, heads), by staff id; unknown ids are absent. */
  readonly people: ReadonlyMap<string, StaffMember>;
  /** Staff with the admin role: told when an escalation has no reachable manager (R54, R58). */
  readonly admins: readonly StaffMember[];
  /** Staff with the head role: their decision DMs give way to the outcome (R58.incident). */
  readonly heads: readonly StaffMember[];
  /** The printable letter's address as staff browsers reach it, signed for the one person told (R55.same-channel). */
  readonly letterUrl: (letterId: string, staffId: string) => string;
}

/** Where the notices go: this platform, among all that are switched on (a person reachable elsewhere is not missing). */
export interface NoticeContext {
  readonly platform: PlatformId;
  readonly platforms: readonly PlatformId[];
}
