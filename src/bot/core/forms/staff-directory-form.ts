import { DomainError } from '../../../domain/errors.js';
import { parseStaffText, StaffTextError } from '../../../formats/staff-directory.js';
import { translate } from '../i18n/index.js';
import { formProblems, FORM_REASONS } from './field-errors.js';
import type { FormUseCase } from './form-spec.js';

/**
 * The most a pasted directory may hold: Slack's multiline input takes no more (its plain_text_input), and the form says
 * the same on every platform, so its hint holds everywhere. About ten people; a larger directory is pasted in parts
 * (people are matched by e-mail, managers found among those imported before) or loaded with `npm run staff:import`.
 */
const DIRECTORY_MAX = 3000;

/**
 * Issue #17, onboarding without a developer: an institution's admin imports its staff directory with managers in
 * chat — `staff import` opens this form, the text is read as the command line reads a file (YAML or JSON, one entry
 * per person) and imported all or nothing into the admin's own institution. Refusals are shown beside the field,
 * naming the record and its field; only admins (STAFF.NOT_ALLOWED).
 */
export const staffDirectoryForm: FormUseCase = {
  spec: {
    id: 'staff_directory',
    title: 'form.staff_import.title',
    shortTitle: 'form.staff_import.short_title',
    fields: [{ id: 'directory', label: 'form.staff_import.directory', kind: 'multiline', required: true, hint: 'form.staff_import.directory_hint', limit: { max: DIRECTORY_MAX } }],
    listField: 'directory',
  },
  // Refused before it opens to anyone but the institution's admins (STAFF.NOT_ALLOWED).
  async before(services, { actor }) {
    await services.staff.checkImporter(actor.id);
  },
  async submit(services, { actor, language }, _target, values) {
    const records = recordsOf(values.directory ?? '');
    try {
      const summary = await services.staff.importMembersAs(actor.id, records);
      return translate(language, 'reply.staff_imported', { created: summary.created, updated: summary.updated });
    } catch (error) {
      throw recordProblems(error, records, actor.id);
    }
  },
};

/** The pasted text as records; refused beside the field when it is not a list of people in YAML or JSON. */
function recordsOf(text: string): unknown[] {
  let records: unknown;
  try {
    records = parseStaffText(text);
  } catch (error) {
    if (!(error instanceof StaffTextError)) throw error;
    throw formProblems([{ path: 'directory', message: FORM_REASONS.unreadableText, line: error.line ?? 1 }]);
  }
  if (!Array.isArray(records) || records.length === 0) throw formProblems([{ path: 'directory', message: FORM_REASONS.notList }]);
  return records;
}

/**
 * The directory's refusals as problems of the records, to be worded beside the field: a field left out is "required"
 * (zod only says what type it expected); an unknown manager (STAFF.NOT_FOUND naming an e-mail, not the admin) is the
 * `manager` of the record that names them; a circle of managers (STAFF.INVALID) is the list's. Anything else as it is.
 */
function recordProblems(error: unknown, records: readonly unknown[], actorId: string): unknown {
  if (!(error instanceof DomainError)) return error;
  const field = (index: number, name: string) => (records[index] as Record<string, unknown> | null | undefined)?.[name];
  if (error.code === 'INPUT.INVALID') {
    const problems = (error.details.fields as Array<{ path: string; message: string }> | undefined) ?? [];
    return formProblems(problems.map((problem) => {
      const [index, name, ...deeper] = problem.path.split('.');
      const missing = name !== undefined && deeper.length === 0 && /^\d+$/.test(index!) && field(Number(index), name) === undefined;
      return missing ? { ...problem, reason: 'required' } : problem;
    }));
  }
  const reference = error.details.reference;
  if (error.code === 'STAFF.NOT_FOUND' && typeof reference === 'string' && reference !== actorId) {
    const index = records.findIndex((_record, at) => String(field(at, 'manager') ?? '').trim().toLowerCase() === reference);
    if (index >= 0) return formProblems([{ path: `${index}.manager`, message: FORM_REASONS.unknownManager }]);
  }
  if (error.code === 'STAFF.INVALID') return formProblems([{ path: 'directory', message: FORM_REASONS.managerLoop }]);
  return error;
}
