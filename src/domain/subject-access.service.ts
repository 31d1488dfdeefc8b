import { randomUUID } from 'node:crypto';
import type { Clock } from './clock.js';
import { DomainError, NotAllowedError, StaffNotFoundError } from './errors.js';
import type { Inquiry } from './inquiry.js';
import { personKeyOf, type PersonKey } from './person-key.js';
import { fullName, hasRole, type StaffMember } from './staff.js';
import { SUBJECT_ACCESS_LINK_LIFETIME_MS, type SubjectAccessLinkCheck, type SubjectAccessLinkQuery, type SubjectAccessLinks } from './subject-access-link.js';
import { MASKING_NOTE, OtherPeopleMask } from './subject-access-mask.js';
import type { ExportedInquiry, StaffRef, SubjectAccessExport, SubjectAccessScope, SubjectAccessUnitOfWork } from './subject-access.js';
import type { ReceivedQuery } from './signed-link.js';
import type { CallLogRecord } from './events.js';

/** An admin's export request, made: its id, how many inquiries it found, and the signed link's query. */
export interface SubjectAccessLink {
  requestId: string;
  inquiries: number;
  query: SubjectAccessLinkQuery;
}

/** How the export was opened: the page, or the JSON file. */
export type SubjectAccessFormat = 'html' | 'json';

const iso = (at: Date | null): string | null => at?.toISOString() ?? null;

/**
 * R12.records, issue #15 item 3: subject access. An admin names a person by e-mail or phone; Langelis stores the
 * request and answers with a link signed for that admin. Opening it reads everything stored about the person with
 * other people's data masked. The request and every opening are audited (`subject_access_exported`) in the same
 * transaction as the read, so no copy leaves without its line. Erasure reuses `inquiriesOfPerson`.
 */
export class SubjectAccess {
  constructor(
    private readonly unitOfWork: SubjectAccessUnitOfWork,
    private readonly links: SubjectAccessLinks,
    private readonly clock: Clock,
    private readonly newId: () => string = randomUUID,
  ) {}

  /**
   * `export <e-mail or phone>`: admins only (`STAFF.NOT_ALLOWED`); text that is neither gives
   * `SUBJECT_ACCESS.CONTACT_INVALID` (the text itself is never repeated in an error or a log).
   */
  async request(actorId: string, contact: string): Promise<SubjectAccessLink> {
    const key = personKeyOf(contact);
    return this.unitOfWork.run(async (scope) => {
      await admin(scope, actorId);
      if (!key) throw new DomainError('SUBJECT_ACCESS.CONTACT_INVALID', 'Not an e-mail address or a phone number');
      const request = { id: this.newId(), key, requestedBy: actorId, requestedAt: this.clock.now() };
      await scope.subjectAccess.saveRequest(request);
      const inquiries = await scope.subjectAccess.inquiriesOfPerson(key);
      await scope.audit.record({
        at: request.requestedAt,
        actorId,
        action: 'subject_access_exported',
        inquiryId: null,
        registryNumber: null,
        subjectStaffId: null,
        details: { requestId: request.id, step: 'requested', matchedBy: key.kind, inquiries: inquiries.length },
      });
      return { requestId: request.id, inquiries: inquiries.length, query: this.links.sign(request.id, actorId) };
    });
  }

  /**
   * A request keeps the person's e-mail or phone only while its link can open: once every link to it has expired
   * (an hour, and a margin for a clock skew), it is removed — the audit lines name it by id, never by the person.
   * Run by the retention job (src/jobs/retention.job.ts); answers how many were removed.
   */
  async forgetExpired(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - 2 * SUBJECT_ACCESS_LINK_LIFETIME_MS);
    return this.unitOfWork.run((scope) => scope.subjectAccess.forgetRequestsBefore(before));
  }

  /** Checks a link as received (signature, expiry); who it names is checked again when it is opened. */
  verifyLink(query: ReceivedQuery<SubjectAccessLinkQuery>): SubjectAccessLinkCheck {
    return this.links.verify(query);
  }

  /**
   * The export behind a link, for `staffId` if they are still an active admin and the request was theirs (else
   * `STAFF.NOT_ALLOWED`, `STAFF.NOT_FOUND` or `SUBJECT_ACCESS.NOT_FOUND`). Recorded before it is returned.
   */
  open(staffId: string, requestId: string, format: SubjectAccessFormat): Promise<SubjectAccessExport> {
    return this.unitOfWork.run(async (scope) => {
      await admin(scope, staffId);
      const request = await scope.subjectAccess.findRequest(requestId);
      if (!request || request.requestedBy !== staffId) throw new DomainError('SUBJECT_ACCESS.NOT_FOUND', 'No such export request for this admin', { requestId });
      const inquiries = await scope.subjectAccess.inquiriesOfPerson(request.key);
      const exported = await exportOf(scope, request.key, inquiries);
      const now = this.clock.now();
      await scope.audit.record({
        at: now,
        actorId: staffId,
        action: 'subject_access_exported',
        inquiryId: null,
        registryNumber: null,
        subjectStaffId: null,
        details: { requestId, step: 'opened', format, inquiries: inquiries.length, registryNumbers: inquiries.map((inquiry) => inquiry.registryNumber).join(' ') },
      });
      return { format: 'langelis-subject-access-v1', generatedAt: now.toISOString(), requestId, matchedBy: request.key, masked: MASKING_NOTE, inquiries: exported };
    });
  }
}

async function admin(scope: SubjectAccessScope, staffId: string): Promise<StaffMember> {
  const member = await scope.staff.findById(staffId);
  if (!member?.active) throw new StaffNotFoundError(staffId);
  if (!hasRole(member, 'admin')) throw new NotAllowedError('export what is stored about a person', 'admin');
  return member;
}

/** Reads every record of the person's inquiries and masks other people's data in it. */
async function exportOf(scope: SubjectAccessScope, key: PersonKey, inquiries: readonly Inquiry[]): Promise<ExportedInquiry[]> {
  const staff = await scope.staff.listByRole(null);
  const byId = new Map(staff.map((member) => [member.id, member]));
  const staffRef = async (id: string | null): Promise<StaffRef | null> => {
    if (!id) return null;
    // Staff who left are still named: they acted for the institution on this person's inquiry.
    const member = byId.get(id) ?? (await scope.staff.findById(id));
    return member ? { name: fullName(member), position: member.position } : null;
  };
  const records = [];
  for (const inquiry of inquiries) {
    const { subjectAccess: store } = scope;
    records.push({
      inquiry,
      messages: await store.clientMessages(inquiry.id),
      calls: (await scope.inquiries.timeline(inquiry.id)).filter((entry) => entry.action === 'call_logged'),
      meetings: await scope.meetings.listByInquiry(inquiry.id),
      letters: await scope.letters.listByInquiry(inquiry.id),
      emails: await store.outgoingEmails(inquiry.id),
      attachments: await store.attachments(inquiry.id),
      ratings: await store.ratings(inquiry.id),
    });
  }
  const own = (pick: (inquiry: Inquiry) => string | null) => inquiries.map(pick).filter((value): value is string => !!value);
  const known = {
    ownNames: own((inquiry) => inquiry.client.name),
    ownEmails: [...own((inquiry) => inquiry.client.email), ...(key.kind === 'email' ? [key.value] : [])],
    ownPhones: [...own((inquiry) => inquiry.client.phone), ...(key.kind === 'phone' ? [key.value] : [])],
    staffNames: staff.map(fullName),
    staffEmails: staff.map((member) => member.email),
    staffPhones: staff.map((member) => member.phone).filter((phone): phone is string => !!phone),
  };
  const texts = records.flatMap((record) => [
    record.inquiry.subject,
    record.inquiry.body,
    ...record.messages.flatMap((message) => [message.subject, message.body]),
    ...record.calls.flatMap((entry) => Object.values((entry.details.call ?? {}) as Record<string, unknown>).filter((value): value is string => typeof value === 'string')),
    ...record.meetings.flatMap((meeting) => [meeting.agenda, meeting.decisions ?? '', meeting.keyPoints ?? '', meeting.previousKeyPoints]),
    ...record.letters.map((letter) => letter.body),
    ...record.emails.flatMap((email) => [email.subject, email.body]),
    ...record.ratings.map((rating) => rating.comment ?? ''),
  ]);
  const mask = new OtherPeopleMask(known, await scope.subjectAccess.otherClientNamesIn(texts.join('\n'), inquiries.map((inquiry) => inquiry.id)));
  const out: ExportedInquiry[] = [];
  for (const { inquiry, messages, calls, meetings, letters, emails, attachments, ratings } of records) {
    out.push({
      registryNumber: inquiry.registryNumber,
      kind: inquiry.kind,
      channel: inquiry.channel,
      status: inquiry.status,
      receivedAt: inquiry.receivedAt.toISOString(),
      resolvedAt: iso(inquiry.resolvedAt),
      closedAt: iso(inquiry.closedAt),
      // The inquiry's own client is the person (the matcher said so): their contact stays whole.
      client: { name: inquiry.client.name, email: inquiry.client.email, phone: inquiry.client.phone, postalAddress: inquiry.client.postalAddress, language: inquiry.client.language },
      owner: await staffRef(inquiry.ownerId),
      subject: mask.text(inquiry.subject),
      body: mask.text(inquiry.body),
      messages: messages.map((message) => ({ receivedAt: message.receivedAt.toISOString(), from: mask.address(message.fromAddress), subject: mask.text(message.subject), body: mask.text(message.body) })),
      calls: await Promise.all(calls.map(async (entry) => callOf(entry.at, await staffRef(entry.actorId), entry.details.call as Partial<CallLogRecord> | undefined, mask))),
      meetings: await Promise.all(
        meetings.map(async (meeting) => ({
          startsAt: meeting.startsAt.toISOString(),
          format: meeting.format,
          status: meeting.status,
          chair: await staffRef(meeting.chairId),
          recorder: await staffRef(meeting.recorderId),
          participants: meeting.participants.map((name) => mask.participant(name)),
          agenda: mask.text(meeting.agenda),
          decisions: mask.text(meeting.decisions),
          keyPoints: mask.text(meeting.keyPoints),
          heldAt: iso(meeting.heldAt),
          summarySentAt: iso(meeting.summarySentAt),
        })),
      ),
      letters: await Promise.all(
        letters.map(async (letter) => ({ outgoingNumber: letter.outgoingNumber, createdAt: letter.createdAt.toISOString(), language: letter.language, author: await staffRef(letter.authorId), body: mask.text(letter.body) })),
      ),
      emails: emails.map((email) => ({
        createdAt: email.createdAt.toISOString(),
        sentAt: iso(email.sentAt),
        status: email.status,
        purpose: email.purpose,
        to: mask.address(email.to.address) ?? '',
        subject: mask.text(email.subject),
        body: mask.text(email.body),
      })),
      attachments: attachments.map((file) => ({ receivedAt: iso(file.receivedAt), filename: mask.text(file.filename), contentType: file.contentType, sizeBytes: file.sizeBytes, stored: file.stored })),
      ratings: ratings.map((rating) => ({
        requestedAt: rating.requestedAt.toISOString(),
        channel: rating.channel,
        status: rating.status,
        answeredAt: iso(rating.answeredAt),
        score: rating.score,
        comment: mask.text(rating.comment),
      })),
    });
  }
  return out;
}

/** A call note from the timeline (R44.call-notes): what was said, in the staff member's words, masked. */
function callOf(at: Date, by: StaffRef | null, call: Partial<CallLogRecord> | undefined, mask: OtherPeopleMask): ExportedInquiry['calls'][number] {
  const text = (value: string | undefined) => mask.text(value ?? '');
  return {
    at: at.toISOString(),
    by,
    outcome: call?.outcome ?? '',
    summary: text(call?.summary),
    clientExpectation: text(call?.clientExpectation),
    alternativesOffered: text(call?.alternativesOffered),
    risksExplained: text(call?.risksExplained),
    nextStep: text(call?.nextStep),
  };
}
