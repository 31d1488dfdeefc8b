/**
 * Stable error codes of the domain. Adapters map each code to a user-facing message in one place;
 * codes never change meaning once released.
 */
export type DomainErrorCode =
  | 'INQUIRY.NOT_FOUND'
  | 'INQUIRY.ALREADY_CLAIMED'
  | 'INQUIRY.INVALID_TRANSITION'
  | 'INQUIRY.NOT_OWNER'
  | 'INQUIRY.PROMISE_INVALID'
  | 'INQUIRY.WRONG_ANSWER_CHANNEL'
  | 'MEETING.NOT_FOUND'
  | 'MEETING.INVALID_TRANSITION'
  | 'EXTERNAL_STEP.NOT_FOUND'
  | 'EXTERNAL_STEP.INVALID_TRANSITION'
  | 'NOTE.NOT_FOUND'
  | 'LETTER.NOT_FOUND'
  /** A letter link made for someone who is no longer active staff (R55.same-channel). */
  | 'LETTER.FORBIDDEN'
  | 'ESCALATION.NOT_FOUND'
  | 'ESCALATION.INVALID_TRANSITION'
  | 'ESCALATION.NOT_RECIPIENT'
  | 'ESCALATION.NO_HEAD'
  | 'STAFF.NOT_FOUND'
  | 'STAFF.NOT_ALLOWED'
  | 'STAFF.INVALID'
  /** R4.owner, away with cover: dates that cannot be read, end before they start or are over. */
  | 'ABSENCE.DATE_UNREADABLE'
  | 'ABSENCE.ENDS_BEFORE_START'
  | 'ABSENCE.IN_PAST'
  /** The substitute is the person, is away then, or the person covers for a colleague then; "back" with no absence. */
  | 'ABSENCE.SUBSTITUTE_SELF'
  | 'ABSENCE.SUBSTITUTE_AWAY'
  | 'ABSENCE.COVERING'
  | 'ABSENCE.NONE'
  | 'INPUT.INVALID'
  /** R60.external: no rating request (an unknown link), one that is over (used, expired, void), one already given. */
  | 'RATING.NOT_FOUND'
  | 'RATING.CLOSED'
  | 'RATING.ALREADY_RATED'
  /** Only the manager told of a low score acknowledges its follow-up. */
  | 'RATING.NOT_RECIPIENT'
  | 'MAIL.SIGNATURE_INCOMPLETE'
  | 'MAIL.NO_CLIENT_EMAIL'
  | 'MAIL.NOT_CONFIGURED'
  /** R12.records: `audit <from> <to>` with dates that cannot be read or end before they start. */
  | 'AUDIT.PERIOD_INVALID'
  /** Issue #15, subject access: `export` with text that is neither an e-mail address nor a phone number. */
  | 'SUBJECT_ACCESS.CONTACT_INVALID'
  /** A subject-access link whose request is gone or was another admin's. */
  | 'SUBJECT_ACCESS.NOT_FOUND'
  /** Issue #17, the city overview: a month that cannot be read, or one that has not begun. */
  | 'CITY.MONTH_INVALID';

/** Base of every error the domain raises on purpose; anything else is a bug. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Facts an adapter may show the user (never personal data of clients). */
    readonly details: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DomainError';
  }
}

export class InquiryNotFoundError extends DomainError {
  constructor(reference: string) {
    super('INQUIRY.NOT_FOUND', `Inquiry ${reference} was not found`, { reference });
  }
}

/** R4.owner: the loser of a claim learns who won. */
export class AlreadyClaimedError extends DomainError {
  constructor(registryNumber: string, readonly ownerId: string, ownerName: string) {
    super('INQUIRY.ALREADY_CLAIMED', `Inquiry ${registryNumber} is already claimed by ${ownerName}`, {
      registryNumber,
      ownerId,
      ownerName,
    });
  }
}

export class InvalidTransitionError extends DomainError {
  constructor(registryNumber: string, status: string, action: string) {
    super('INQUIRY.INVALID_TRANSITION', `Inquiry ${registryNumber} is ${status}: cannot ${action}`, {
      registryNumber,
      status,
      action,
    });
  }
}

export class NotOwnerError extends DomainError {
  constructor(registryNumber: string, action: string) {
    super('INQUIRY.NOT_OWNER', `Only the owner of ${registryNumber} or a manager may ${action}`, {
      registryNumber,
      action,
    });
  }
}

export class StaffNotFoundError extends DomainError {
  constructor(reference: string) {
    super('STAFF.NOT_FOUND', `No staff member is registered as ${reference}`, { reference });
  }
}

export class NotAllowedError extends DomainError {
  constructor(action: string, requiredRole: string) {
    super('STAFF.NOT_ALLOWED', `Only a ${requiredRole} may ${action}`, { action, requiredRole });
  }
}
