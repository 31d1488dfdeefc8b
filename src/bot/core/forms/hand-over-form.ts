import { NotOwnerError } from '../../../domain/errors.js';
import { assertCan, mayActOn } from '../../../domain/inquiry.js';
import { invalidField } from '../../../domain/validation.js';
import { fullName } from '../../../domain/staff.js';
import { translate } from '../i18n/index.js';
import { inquiryOf, text, type FormUseCase } from './form-spec.js';

/**
 * R4.owner: hand the inquiry over to a named, active colleague — the owner, or a manager (also of an inquiry nobody
 * owns yet: the manager on duty assigns it). Refused before it opens when the caller may not (D25); the domain
 * checks it again, audits it in the timeline, and the notices tell both people and the thread.
 */
export const handOver: FormUseCase = {
  spec: {
    id: 'hand_over',
    title: 'form.hand_over.title',
    fields: [{ id: 'toStaffId', label: 'form.hand_over.to', kind: 'staff', required: true, hint: 'form.hand_over.hint' }],
  },
  async before(_services, { actor }, target) {
    const inquiry = inquiryOf(target);
    assertCan(inquiry, 'hand_over');
    if (!mayActOn(inquiry, actor)) throw new NotOwnerError(inquiry.registryNumber, 'hand over');
  },
  async submit(services, { actor, language }, target, values) {
    const toStaffId = text(values, 'toStaffId');
    if (toStaffId === '') throw invalidField('toStaffId', 'required');
    const inquiry = await services.inquiries.handOver(inquiryOf(target).id, actor.id, toStaffId);
    const successor = await services.queries.staffMember(inquiry.ownerId ?? toStaffId);
    return translate(language, 'reply.handed_over', { number: inquiry.registryNumber, to: successor ? fullName(successor) : '—' });
  },
};
