import { z } from 'zod';
import { INQUIRY_KINDS, type Channel, type InquiryKind } from '../../../domain/inquiry.js';
import { translate, type Language } from '../../core/i18n/index.js';
import type { PlatformContext } from '../../platform.js';
import type { FormSpec } from '../cards/forms.js';
import type { TeamsRouter } from '../router.js';
import { registerFormDialog } from './form-dialog.js';

/** R7.channels: what staff register from chat; e-mail and the web form have their own intake. */
const STAFF_CHANNELS = ['phone', 'in_person', 'letter'] as const satisfies readonly Channel[];

const FIELD_OF_PATH: Record<string, string> = {
  kind: 'kind',
  channel: 'channel',
  'client.name': 'clientName',
  'client.email': 'clientEmail',
  'client.phone': 'clientPhone',
  'client.language': 'language',
  // "needs an e-mail address or a phone number": shown under the phone field.
  client: 'clientPhone',
  subject: 'subject',
  body: 'body',
};

function spec(language: Language): FormSpec {
  const t = (key: Parameters<typeof translate>[1]) => translate(language, key);
  return {
    title: t('form.new.title'),
    dialog: 'new',
    hidden: {},
    fields: [
      { id: 'kind', label: t('form.new.kind'), kind: 'choice', required: true, choices: INQUIRY_KINDS.map((value) => ({ title: t(`kind.${value}`), value })) },
      { id: 'channel', label: t('form.new.channel'), kind: 'choice', required: true, choices: STAFF_CHANNELS.map((value) => ({ title: t(`channel.${value}`), value })) },
      { id: 'clientName', label: t('form.new.client_name'), kind: 'text', required: true, maxLength: 200 },
      { id: 'clientEmail', label: t('form.new.client_email'), kind: 'text', maxLength: 320 },
      { id: 'clientPhone', label: t('form.new.client_phone'), kind: 'text', maxLength: 20 },
      { id: 'language', label: t('form.new.language'), kind: 'choice', choices: [{ title: 'lietuvių', value: 'lt' }, { title: 'English', value: 'en' }] },
      { id: 'subject', label: t('form.new.subject'), kind: 'text', required: true, maxLength: 300 },
      { id: 'body', label: t('form.new.body'), kind: 'multiline' },
    ],
  };
}

/** R7.channels: registers a phone, in-person or letter inquiry; the announcement follows from the notifier. */
export function register(router: TeamsRouter, context: PlatformContext): void {
  const optional = (value: string | undefined) => (value?.trim() ? value.trim() : null);
  registerFormDialog(router, {
    name: 'new',
    data: z.object({}),
    fieldOfPath: FIELD_OF_PATH,
    spec: async (turn) => spec(turn.language),
    async submit(turn, _data, values) {
      const { inquiry } = await context.inquiries.register({
        kind: values.kind as InquiryKind,
        channel: values.channel as Channel,
        externalId: null,
        client: {
          name: values.clientName ?? '',
          email: optional(values.clientEmail),
          phone: optional(values.clientPhone),
          language: values.language || 'lt',
        },
        subject: values.subject ?? '',
        body: values.body ?? '',
        receivedAt: context.clock.now(),
        registeredById: turn.actor.id,
      });
      return { message: translate(turn.language, 'reply.registered', { number: inquiry.registryNumber }) };
    },
  });
}
