/** R55.same-channel: a written answer on paper, printed from the page the bot produces, signed (R36). */
export interface Letter {
  id: string;
  inquiryId: string;
  authorId: string;
  body: string;
  language: 'lt' | 'en';
  createdAt: Date;
  /** The progress note it carries to the client (R19.status), if any; makes "inform the client" idempotent. */
  noteId: string | null;
}

export interface LetterRepository {
  /** False when a letter for the same note exists already. */
  insert(letter: Letter): Promise<boolean>;
  findById(id: string): Promise<Letter | null>;
  listByInquiry(inquiryId: string): Promise<Letter[]>;
}
