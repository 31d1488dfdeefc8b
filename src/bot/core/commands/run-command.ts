import { AUDIT_EXPORT_PATH } from '../../../domain/audit-link.js';
import { SUBJECT_ACCESS_PATH } from '../../../domain/subject-access-link.js';
import { fullName, supervises, type StaffMember } from '../../../domain/staff.js';
import type { PlatformContext } from '../../platform.js';
import { translate, type Language } from '../i18n/index.js';
import { loadReport, reportRequest } from '../reports/load-report.js';
import { loadStory, publicUrl } from '../story-loader.js';
import { erasureReply } from './erasure-reply.js';
import { helpReply, usageReply, type CommandSyntax } from './guide.js';
import { LISTS, type CommandIntent, type PersonRef } from './intent.js';
import { listReply, listRows, type CommandReply } from './reply.js';

/** Who asked, in which language, and how the platform names people and commands. */
export interface CommandCaller {
  actor: StaffMember;
  language: Language;
  syntax: CommandSyntax;
  /** The staff member behind a mention on this platform; throws `STAFF.NOT_FOUND` for someone unknown. */
  staffOf(person: PersonRef): Promise<StaffMember>;
}

/**
 * Carries out one command for every platform and says what to answer; the answer is private to the caller and
 * nobody else is told. Refusals are thrown as coded domain errors, which each platform already words.
 */
export async function runCommand(intent: CommandIntent, caller: CommandCaller, context: PlatformContext): Promise<CommandReply> {
  const { actor, language, syntax } = caller;
  const reading = { language, now: context.clock.now(), zone: context.config.TIME_ZONE };
  switch (intent.do) {
    case 'help':
      return helpReply(language, syntax);
    case 'usage':
      return usageReply(intent.word, language, syntax);
    case 'new':
      return { kind: 'form', form: 'new_inquiry' };
    case 'settings':
      // Refused here to anyone but an admin (STAFF.NOT_ALLOWED), before a form is offered.
      if (intent.part === 'mailbox') {
        await context.mailboxSettings.show(actor.id);
        return { kind: 'form', form: 'institution_mailbox' };
      }
      await context.institutionSettings.show(actor.id);
      return { kind: 'form', form: 'institution_settings' };
    case 'staff_import':
      // Issue #17: refused here to anyone but an admin (STAFF.NOT_ALLOWED), before a form is offered.
      await context.staff.checkImporter(actor.id);
      return { kind: 'form', form: 'staff_directory' };
    case 'form':
      return { kind: 'form', form: intent.form, inquiry: (await context.queries.get(intent.reference)).inquiry };
    case 'show':
      return { kind: 'story', story: await loadStory(context, intent.reference, language, actor) };
    case 'mine': {
      const items = await context.queries.list({ ownerId: actor.id, openOnly: true, limit: LISTS.mine.limit });
      return listReply(translate(language, 'list.mine'), listRows(items, reading, context.capabilities), language);
    }
    case 'find': {
      // Issue #15 (least privilege): a representative searches the inquiries they own or could claim, not colleagues'.
      const items = await context.queries.list({ text: intent.text, limit: LISTS.find.limit, ...(supervises(actor) ? {} : { ownOrUnclaimedOf: actor.id }) });
      return listReply(translate(language, 'list.found'), listRows(items, reading, context.capabilities), language);
    }
    case 'staff_profile': {
      const updated = await context.staff.updateProfile(actor.id, actor.id, { [intent.field]: intent.value });
      return { kind: 'text', text: translate(updated.language, 'reply.profile_saved') };
    }
    case 'staff_manager': {
      const member = await caller.staffOf(intent.member);
      const manager = await caller.staffOf(intent.manager);
      await context.staff.setManager(actor.id, member.id, manager.id);
      return { kind: 'text', text: translate(language, 'reply.manager_set', { member: fullName(member), manager: fullName(manager) }) };
    }
    case 'staff_away': {
      // R4.owner: oneself, or (a supervisor) the member named first; the domain checks who may.
      const member = intent.member ? await caller.staffOf(intent.member) : actor;
      const substitute = await caller.staffOf(intent.substitute);
      const absence = await context.absences.setAway(actor.id, member.id, { from: intent.from, to: intent.to, substituteId: substitute.id });
      return { kind: 'text', text: translate(language, 'reply.away_set', { member: fullName(member), from: absence.from, to: absence.to, substitute: fullName(substitute) }) };
    }
    case 'report':
      return { kind: 'report', view: await loadReport(actor, reportRequest(context, intent.period, 'current'), language, context) };
    case 'audit': {
      // R12.records: admins only (the domain refuses anyone else); the link is signed for the asker alone.
      const made = await context.audit.exportLink(actor.id, intent.from, intent.to);
      const url = `${publicUrl(context).replace(/\/$/, '')}${AUDIT_EXPORT_PATH}?${new URLSearchParams({ ...made.query }).toString()}`;
      const text = translate(language, 'audit.ready', { from: made.from, to: made.to });
      return { kind: 'link', text, link: { label: translate(language, 'audit.download'), url } };
    }
    case 'export': {
      // Issue #15, R12.records: admins only (the domain refuses anyone else, privately); the link names the stored
      // request, never the person's contact, and opens for the asker alone. The page speaks the asker's language.
      const made = await context.subjectAccess.request(actor.id, intent.contact);
      const query = { ...made.query, ...(language === 'en' ? { lang: 'en' } : {}) };
      const url = `${publicUrl(context).replace(/\/$/, '')}${SUBJECT_ACCESS_PATH}?${new URLSearchParams(query).toString()}`;
      const text = translate(language, 'subject_access.ready', { count: made.inquiries });
      return { kind: 'link', text, link: { label: translate(language, 'subject_access.open'), url } };
    }
    case 'erase': {
      // Issue #15, R12.records: admins only (the domain refuses anyone else, privately). The reply names registry
      // numbers and reasons, never the contact; the chat copies of what was anonymised are edited through the outbox.
      const result = await context.erasure.erase(actor.id, intent.contact);
      return erasureReply(result, language, context.config.TIME_ZONE);
    }
    case 'hold': {
      // Issue #15: admins and managers (the domain refuses anyone else); recorded in the audit log.
      const held = await context.retention.setLegalHold(actor.id, intent.reference, intent.on);
      return { kind: 'text', text: translate(language, intent.on ? 'reply.hold_on' : 'reply.hold_off', { number: held.registryNumber }) };
    }
    case 'retention_run': {
      // Issue #15: the nightly job at once, for an admin trying it; the chat copies are edited through the outbox.
      const run = await context.retention.runNow(actor.id);
      return { kind: 'text', text: translate(language, 'reply.retention_run', { count: run.anonymised.length }) };
    }
    case 'staff_back': {
      const member = intent.member ? await caller.staffOf(intent.member) : actor;
      await context.absences.back(actor.id, member.id);
      return { kind: 'text', text: translate(language, 'reply.back', { member: fullName(member) }) };
    }
  }
}
