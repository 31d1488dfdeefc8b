/**
 * A file a client e-mailed, as staff may learn of it in chat: its name and size, never its content (issue #15:
 * health data stays out of chat). Only the owner and supervisors see even that, each through a link of their own.
 */
export interface AttachmentSummary {
  id: string;
  inquiryId: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  /** False when the content broke the size limits and only the record of its arrival was kept (R12.records). */
  stored: boolean;
}

/** An attachment opened for download: the summary and its content, decrypted. */
export interface AttachmentFile extends AttachmentSummary {
  content: Buffer;
}

/** Port: the attachments of inquiries, read inside the caller's transaction; content is decrypted by the adapter. */
export interface AttachmentRepository {
  /** The inquiry's attachments in the order they arrived (message, then position in it). */
  listByInquiry(inquiryId: string): Promise<AttachmentSummary[]>;
  /** One attachment with its content (null content when it was not stored); null when there is none by that id. */
  findWithContent(id: string): Promise<(AttachmentSummary & { content: Buffer | null }) | null>;
}

/** `12 KB`, `1.4 MB` (`1,4 MB` in Lithuanian): a size as a person reads it. */
export function readableSize(bytes: number, language: 'lt' | 'en'): string {
  const [value, unit] = bytes < 1024 ? [bytes, 'B'] : bytes < 1024 * 1024 ? [bytes / 1024, 'KB'] : [bytes / (1024 * 1024), 'MB'];
  const digits = unit === 'B' || value >= 10 ? 0 : 1;
  return `${new Intl.NumberFormat(language === 'lt' ? 'lt-LT' : 'en-GB', { maximumFractionDigits: digits }).format(value)} ${unit}`;
}
