import { EntitySchema } from 'typeorm';

/** Row shapes: snake_case columns as stored, kept apart from the domain types they map to. */
export interface StaffRow {
  id: string;
  first_name: string;
  surname: string;
  position: string | null;
  phone: string | null;
  email: string;
  language: string;
  roles: string[];
  slack_user_id: string | null;
  teams_user_id: string | null;
  manager_id: string | null;
  active: boolean;
}

export interface InquiryRow {
  id: string;
  registry_number: string;
  kind: string;
  channel: string;
  external_id: string | null;
  client_name: string;
  client_email: string | null;
  client_phone: string | null;
  client_postal_address: string | null;
  client_language: string;
  subject: string;
  body: string;
  received_at: Date;
  status: string;
  owner_id: string | null;
  first_reply_due: Date;
  first_reply_at: Date | null;
  statutory_due: Date | null;
  promised_by: Date | null;
  follow_up_due: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  next_call_at: Date | null;
  next_call_plan: string | null;
  next_call_purpose: string | null;
  missed_calls: number;
  meeting_summary_due: Date | null;
  external_step_due: Date | null;
}

export interface EscalationRow {
  id: string;
  inquiry_id: string;
  type: string;
  raised_by_id: string;
  manager_id: string | null;
  what_happened: string;
  client_told_what: string;
  follow_up_at: Date | null;
  status: string;
  raised_at: Date;
  reported_to_authorities: boolean | null;
  decision_note: string | null;
}

export interface TimelineRow {
  id: string;
  inquiry_id: string;
  at: Date;
  actor_id: string | null;
  action: string;
  details: Record<string, unknown>;
}

export interface OutboxRow {
  id: string;
  /** Issue #17: the delivery runs as work of this institution. */
  institution_id: number;
  consumer: string;
  inquiry_id: string;
  event_type: string;
  payload: Record<string, unknown>;
  attempts: number;
  next_attempt_at: Date;
  locked_until: Date | null;
  delivered_at: Date | null;
  last_error: string | null;
  created_at: Date;
}

const timestamp = { type: 'timestamptz', nullable: true } as const;

export const StaffEntity = new EntitySchema<StaffRow>({
  name: 'staff_members',
  columns: {
    id: { type: 'uuid', primary: true },
    first_name: { type: 'text' },
    surname: { type: 'text' },
    position: { type: 'text', nullable: true },
    phone: { type: 'text', nullable: true },
    email: { type: 'text', unique: true },
    language: { type: 'text' },
    roles: { type: 'text', array: true },
    slack_user_id: { type: 'text', nullable: true, unique: true },
    teams_user_id: { type: 'text', nullable: true, unique: true },
    manager_id: { type: 'uuid', nullable: true },
    active: { type: 'boolean', default: true },
  },
});

export const InquiryEntity = new EntitySchema<InquiryRow>({
  name: 'inquiries',
  columns: {
    id: { type: 'uuid', primary: true },
    registry_number: { type: 'text', unique: true },
    kind: { type: 'text' },
    channel: { type: 'text' },
    external_id: { type: 'text', nullable: true },
    client_name: { type: 'text' },
    client_email: { type: 'text', nullable: true },
    client_phone: { type: 'text', nullable: true },
    client_postal_address: { type: 'text', nullable: true },
    client_language: { type: 'text' },
    subject: { type: 'text' },
    body: { type: 'text' },
    received_at: { type: 'timestamptz' },
    status: { type: 'text' },
    owner_id: { type: 'uuid', nullable: true },
    first_reply_due: { type: 'timestamptz' },
    first_reply_at: timestamp,
    statutory_due: timestamp,
    promised_by: timestamp,
    follow_up_due: timestamp,
    resolved_at: timestamp,
    closed_at: timestamp,
    next_call_at: timestamp,
    next_call_plan: { type: 'text', nullable: true },
    next_call_purpose: { type: 'text', nullable: true },
    missed_calls: { type: 'int', default: 0 },
    meeting_summary_due: timestamp,
    external_step_due: timestamp,
  },
  uniques: [{ name: 'inquiries_channel_external_id_key', columns: ['channel', 'external_id'] }],
});

export const TimelineEntity = new EntitySchema<TimelineRow>({
  name: 'inquiry_timeline',
  columns: {
    id: { type: 'bigint', primary: true, generated: 'increment' },
    inquiry_id: { type: 'uuid' },
    at: { type: 'timestamptz' },
    actor_id: { type: 'uuid', nullable: true },
    action: { type: 'text' },
    details: { type: 'jsonb' },
  },
});

export const OutboxEntity = new EntitySchema<OutboxRow>({
  name: 'outbox',
  columns: {
    id: { type: 'bigint', primary: true, generated: 'increment' },
    consumer: { type: 'text' },
    inquiry_id: { type: 'uuid' },
    event_type: { type: 'text' },
    payload: { type: 'jsonb' },
    attempts: { type: 'int', default: 0 },
    next_attempt_at: { type: 'timestamptz' },
    locked_until: timestamp,
    delivered_at: timestamp,
    last_error: { type: 'text', nullable: true },
    created_at: { type: 'timestamptz' },
  },
});

export const EscalationEntity = new EntitySchema<EscalationRow>({
  name: 'escalations',
  columns: {
    id: { type: 'uuid', primary: true },
    inquiry_id: { type: 'uuid' },
    type: { type: 'text' },
    raised_by_id: { type: 'uuid' },
    manager_id: { type: 'uuid', nullable: true },
    what_happened: { type: 'text' },
    client_told_what: { type: 'text' },
    follow_up_at: timestamp,
    status: { type: 'text' },
    raised_at: { type: 'timestamptz' },
    reported_to_authorities: { type: 'boolean', nullable: true },
    decision_note: { type: 'text', nullable: true },
  },
});

export const ENTITIES = [StaffEntity, InquiryEntity, TimelineEntity, OutboxEntity, EscalationEntity];
