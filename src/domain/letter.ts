/** R55.same-channel: a written answer on paper, printed from the page the bot produces, signed (R36). */
export interface Letter {
  id: string;
  inquiryId: string;
  authorId: string;
  /**
   * The institution's own outgoing number, `S-2027-000012`: a per-year sequence of its own, apart from the
   * inquiries' registry, assigned once when the letter is issued and printed on it.
   */
  outgoingNumber: string;
  body: string;
  language: 'lt' | 'en';
  createdAt: Date;
  /** The progress note it carries to the client (R19.status), if any; makes "inform the client" idempotent. */
  noteId: string | null;
}

/** Outgoing letters are numbered `S-<year>-<six digits>`, the year of issue in the institution's time zone. */
export const OUTGOING_NUMBER_PREFIX = 'S';

export function outgoingNumber(year: number, sequence: number): string {
  return `${OUTGOING_NUMBER_PREFIX}-${year}-${String(sequence).padStart(6, '0')}`;
}

export interface LetterRepository {
  /**
   * The next outgoing number of the year. The counter row stays locked until the transaction ends, so two
   * letters issued at once get distinct numbers and a rolled-back issue leaves no gap.
   */
  nextOutgoingNumber(year: number): Promise<string>;
  /** False when a letter for the same note exists already. */
  insert(letter: Letter): Promise<boolean>;
  findById(id: string): Promise<Letter | null>;
  listByInquiry(inquiryId: string): Promise<Letter[]>;
}
