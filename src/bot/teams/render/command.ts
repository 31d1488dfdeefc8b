import type { InquiryForm } from '../../core/commands/intent.js';
import type { AdminForm, CommandReply } from '../../core/commands/reply.js';
import { translate, type Language, type MessageKey } from '../../core/i18n/index.js';
import { adaptiveCard, heading, note, openDialog, openUrl, type AdaptiveCard } from './elements.js';
import { listCard } from './list.js';
import { reportCard } from './report.js';
import { storyView } from './story.js';

/** The forms a command opens about no inquiry, as their launcher cards say them. */
const ADMIN_LAUNCHERS: Record<AdminForm, { title: MessageKey; prompt: MessageKey }> = {
  institution_settings: { title: 'form.settings.title', prompt: 'teams.settings.prompt' },
  institution_mailbox: { title: 'form.mailbox.title', prompt: 'teams.mailbox.prompt' },
  staff_directory: { title: 'form.staff_import.title', prompt: 'teams.staff_import.prompt' },
};

/** A message cannot open a dialog: the command's form comes as a card whose button opens it. */
const LAUNCHERS: Record<InquiryForm, { action: MessageKey; prompt: MessageKey }> = {
  log_call: { action: 'action.log_call', prompt: 'teams.call.prompt' },
  schedule_call: { action: 'action.schedule_call', prompt: 'teams.launch.prompt' },
  plan_meeting: { action: 'action.plan_meeting', prompt: 'teams.launch.prompt' },
  external_step: { action: 'action.external_step', prompt: 'teams.launch.prompt' },
  record_progress: { action: 'action.record_progress', prompt: 'teams.launch.prompt' },
  write_letter: { action: 'action.write_letter', prompt: 'teams.launch.prompt' },
};

/** The admins' forms, offered by a card whose button opens the dialog. */
/** A command's answer as a card; a form comes as a card whose button opens its dialog, a text as a card of its words. */
export function commandCard(reply: CommandReply, language: Language): AdaptiveCard {
  const t = (key: MessageKey, params?: Record<string, string>) => translate(language, key, params);
  switch (reply.kind) {
    case 'list':
      return listCard(reply.title, reply.rows, reply.empty);
    case 'story':
      return storyView(reply.story, language);
    case 'help':
    case 'usage':
      return guideCard(reply);
    case 'report':
      return reportCard(reply.view);
    case 'link':
      return adaptiveCard([note(reply.text)], [openUrl(reply.link.label, reply.link.url)]);
    case 'text':
      return adaptiveCard([note(reply.text)]);
    case 'form': {
      if (reply.form === 'new_inquiry') return dialogLauncherCard(t('teams.new.prompt'), t('form.new.title'), 'new', {});
      if (!('inquiry' in reply)) return dialogLauncherCard(t(ADMIN_LAUNCHERS[reply.form].prompt), t(ADMIN_LAUNCHERS[reply.form].title), reply.form, {});
      const launcher = LAUNCHERS[reply.form];
      const title = t(launcher.action);
      return dialogLauncherCard(t(launcher.prompt, { number: reply.inquiry.registryNumber, action: title }), title, reply.form, { inquiryId: reply.inquiry.id });
    }
  }
}

/** The help, or one word's usage: how each command is typed here and what it does. */
function guideCard(reply: Extract<CommandReply, { kind: 'help' | 'usage' }>): AdaptiveCard {
  const lines = reply.lines.map((line) => `• **${line.example}** – ${line.meaning}`).join('\n');
  return adaptiveCard([heading(reply.title), note(lines), ...(reply.note ? [note(reply.note, { subtle: true })] : [])]);
}

/** Messages cannot open a dialog by themselves: a card with the button that does. */
function dialogLauncherCard(text: string, buttonTitle: string, dialog: string, data: Record<string, unknown>): AdaptiveCard {
  return adaptiveCard([note(text)], [openDialog(buttonTitle, dialog, data, 'positive')]);
}
