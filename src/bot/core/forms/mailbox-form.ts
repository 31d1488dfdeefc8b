import type { MailboxView } from '../../../domain/mailbox-settings.service.js';
import { translate } from '../i18n/index.js';
import type { FormUseCase, FormValues } from './form-spec.js';

const DEFAULT_FOLDER = 'INBOX';

/**
 * Issue #17: an institution's admins set its own mailbox in chat — `settings mailbox` opens this form with the servers
 * as saved, their passwords left out. A server typed without its password keeps the saved one; both servers emptied
 * remove the mailbox. The domain tries the servers before saving, and a server that does not answer or refuses the
 * login is shown beside its field.
 */
export const institutionMailboxForm: FormUseCase = {
  spec: {
    id: 'institution_mailbox',
    title: 'form.mailbox.title',
    fields: [
      { id: 'imapUrl', label: 'form.mailbox.imap', kind: 'text', required: false, hint: 'form.mailbox.imap_hint' },
      { id: 'imapFolder', label: 'form.mailbox.folder', kind: 'text', required: false, hint: 'form.mailbox.folder_hint' },
      { id: 'smtpUrl', label: 'form.mailbox.smtp', kind: 'text', required: false, hint: 'form.mailbox.smtp_hint' },
      { id: 'from', label: 'form.mailbox.from', kind: 'text', required: 'conditional', requiredWhen: [{ field: 'smtpUrl', filled: true }], hint: 'form.mailbox.from_hint' },
    ],
  },
  // Refused before it opens to anyone but the institution's admins (STAFF.NOT_ALLOWED).
  async before(services, { actor }) {
    await services.mailboxSettings.show(actor.id);
  },
  async initial(services, { actor }) {
    return valuesOf(await services.mailboxSettings.show(actor.id));
  },
  async submit(services, { actor, language }, _target, values) {
    const filled = (id: string) => (values[id] ?? '').trim() || null;
    const saved = await services.mailboxSettings.replace(actor.id, {
      imapUrl: filled('imapUrl'),
      imapFolder: filled('imapFolder') ?? DEFAULT_FOLDER,
      smtpUrl: filled('smtpUrl'),
      from: filled('from'),
    });
    if (!saved) return translate(language, 'reply.mailbox_removed');
    const none = translate(language, 'reply.mailbox_none');
    return translate(language, 'reply.mailbox_saved', {
      reads: saved.imapUrl ? `${saved.imapUrl} (${saved.imapFolder})` : none,
      sends: saved.smtpUrl && saved.from ? saved.from : none,
    });
  },
};

function valuesOf(mailbox: MailboxView | null): FormValues {
  if (!mailbox) return { imapFolder: DEFAULT_FOLDER };
  return {
    imapFolder: mailbox.imapFolder,
    ...(mailbox.imapUrl ? { imapUrl: mailbox.imapUrl } : {}),
    ...(mailbox.smtpUrl ? { smtpUrl: mailbox.smtpUrl } : {}),
    ...(mailbox.from ? { from: mailbox.from } : {}),
  };
}
