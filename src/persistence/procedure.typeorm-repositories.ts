import type { EntityManager } from 'typeorm';
import type { ExternalStep, ExternalStepRepository } from '../domain/external-step.js';
import { outgoingNumber, type Letter, type LetterRepository } from '../domain/letter.js';
import type { Meeting, MeetingFormat, MeetingRepository, MeetingStatus } from '../domain/meeting.js';
import { cipherOf, sealContext } from './encryption.js';
import { isUuid } from './ids.js';
import { nextInYear } from './year-counter.js';

/**
 * A table whose rows map one to one onto a domain record: insert, update by id, lock by id, list by inquiry.
 * Column names are fixed in code (never user input), so building the SQL from them is safe.
 */
class RecordTable<T extends { id: string }> {
  constructor(
    private readonly db: EntityManager,
    private readonly table: string,
    private readonly toRow: (record: T) => Record<string, unknown>,
    private readonly toRecord: (row: Record<string, any>) => T,
    private readonly order: string,
  ) {}

  /** False when a unique constraint other than the key already holds the record (ON CONFLICT DO NOTHING). */
  async insert(record: T): Promise<boolean> {
    const row = this.toRow(record);
    const columns = Object.keys(row);
    const inserted = await this.db.query(
      `INSERT INTO ${this.table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})
       ON CONFLICT DO NOTHING RETURNING id`,
      Object.values(row),
    );
    return inserted.length === 1;
  }

  async update(record: T): Promise<void> {
    const { id, ...row } = this.toRow(record);
    const columns = Object.keys(row);
    await this.db.query(`UPDATE ${this.table} SET ${columns.map((column, i) => `${column} = $${i + 2}`).join(', ')} WHERE id = $1`, [id, ...Object.values(row)]);
  }

  async lock(id: string): Promise<T | null> {
    if (!isUuid(id)) return null;
    const rows = await this.db.query(`SELECT * FROM ${this.table} WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0] ? this.toRecord(rows[0]) : null;
  }

  async find(id: string): Promise<T | null> {
    if (!isUuid(id)) return null;
    const rows = await this.db.query(`SELECT * FROM ${this.table} WHERE id = $1`, [id]);
    return rows[0] ? this.toRecord(rows[0]) : null;
  }

  async byInquiry(inquiryId: string): Promise<T[]> {
    const rows: Record<string, unknown>[] = await this.db.query(`SELECT * FROM ${this.table} WHERE inquiry_id = $1 ORDER BY ${this.order}`, [inquiryId]);
    return rows.map(this.toRecord);
  }
}

export class TypeormMeetingRepository implements MeetingRepository {
  private readonly rows: RecordTable<Meeting>;

  constructor(db: EntityManager) {
    this.rows = new RecordTable<Meeting>(
      db,
      'meetings',
      (meeting) => ({
        id: meeting.id,
        inquiry_id: meeting.inquiryId,
        format: meeting.format,
        starts_at: meeting.startsAt,
        chair_id: meeting.chairId,
        recorder_id: meeting.recorderId,
        agenda: meeting.agenda,
        participants: meeting.participants,
        previous_key_points: meeting.previousKeyPoints,
        status: meeting.status,
        decisions: meeting.decisions,
        key_points: meeting.keyPoints,
        held_at: meeting.heldAt,
        summary_due: meeting.summaryDue,
        summary_sent_at: meeting.summarySentAt,
        planned_by_id: meeting.plannedById,
      }),
      (row) => ({
        id: row.id,
        inquiryId: row.inquiry_id,
        format: row.format as MeetingFormat,
        startsAt: row.starts_at,
        chairId: row.chair_id,
        recorderId: row.recorder_id,
        agenda: row.agenda,
        participants: row.participants,
        previousKeyPoints: row.previous_key_points,
        status: row.status as MeetingStatus,
        decisions: row.decisions,
        keyPoints: row.key_points,
        heldAt: row.held_at,
        summaryDue: row.summary_due,
        summarySentAt: row.summary_sent_at,
        plannedById: row.planned_by_id,
      }),
      'starts_at, created_at',
    );
  }

  async insert(meeting: Meeting): Promise<void> {
    await this.rows.insert(meeting);
  }

  update(meeting: Meeting): Promise<void> {
    return this.rows.update(meeting);
  }

  getForUpdate(id: string): Promise<Meeting | null> {
    return this.rows.lock(id);
  }

  listByInquiry(inquiryId: string): Promise<Meeting[]> {
    return this.rows.byInquiry(inquiryId);
  }
}

export class TypeormExternalStepRepository implements ExternalStepRepository {
  private readonly rows: RecordTable<ExternalStep>;

  constructor(db: EntityManager) {
    this.rows = new RecordTable<ExternalStep>(
      db,
      'external_steps',
      (step) => ({
        id: step.id,
        inquiry_id: step.inquiryId,
        institution: step.institution,
        what: step.what,
        due_at: step.dueAt,
        status: step.status,
        decision: step.decision,
        decided_at: step.decidedAt,
        created_by_id: step.createdById,
      }),
      (row) => ({
        id: row.id,
        inquiryId: row.inquiry_id,
        institution: row.institution,
        what: row.what,
        dueAt: row.due_at,
        status: row.status as ExternalStep['status'],
        decision: row.decision,
        decidedAt: row.decided_at,
        createdById: row.created_by_id,
      }),
      'created_at',
    );
  }

  async insert(step: ExternalStep): Promise<void> {
    await this.rows.insert(step);
  }

  update(step: ExternalStep): Promise<void> {
    return this.rows.update(step);
  }

  getForUpdate(id: string): Promise<ExternalStep | null> {
    return this.rows.lock(id);
  }

  listByInquiry(inquiryId: string): Promise<ExternalStep[]> {
    return this.rows.byInquiry(inquiryId);
  }
}

export class TypeormLetterRepository implements LetterRepository {
  private readonly rows: RecordTable<Letter>;

  constructor(private readonly db: EntityManager) {
    this.rows = new RecordTable<Letter>(
      db,
      'letters',
      (letter) => ({
        id: letter.id,
        inquiry_id: letter.inquiryId,
        author_id: letter.authorId,
        outgoing_number: letter.outgoingNumber,
        // The letter's text is health data as often as not: sealed at rest (src/persistence/encryption.ts).
        sealed_body: cipherOf(db).sealText(letter.body, sealContext('letters', 'body', letter.id)),
        language: letter.language,
        created_at: letter.createdAt,
        note_id: letter.noteId,
      }),
      (row) => ({
        id: row.id,
        inquiryId: row.inquiry_id,
        authorId: row.author_id,
        outgoingNumber: row.outgoing_number,
        // A row written before the encryption keeps its plaintext until the next start seals it (sealPlaintextRows).
        body: row.sealed_body ? cipherOf(db).openText(row.sealed_body, sealContext('letters', 'body', row.id)) : row.body,
        language: row.language as Letter['language'],
        createdAt: row.created_at,
        noteId: row.note_id,
      }),
      'created_at',
    );
  }

  async nextOutgoingNumber(year: number): Promise<string> {
    return outgoingNumber(year, await nextInYear(this.db, 'letter_counters', year));
  }

  insert(letter: Letter): Promise<boolean> {
    return this.rows.insert(letter);
  }

  findById(id: string): Promise<Letter | null> {
    return this.rows.find(id);
  }

  listByInquiry(inquiryId: string): Promise<Letter[]> {
    return this.rows.byInquiry(inquiryId);
  }
}
