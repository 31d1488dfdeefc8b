import { emailedRequest, eventually } from '../../support/app.js';
import { fireAt, noticeJobsOf } from '../../support/jobs.js';
import type { SlackHarness } from './slack-harness.js';

/** Small steps the workflow tests share: what Slack was asked to show, and where to click next. */

/** The latest form opened with `callbackId` for the thing `about` (an id in its private metadata). */
export function openedView(h: SlackHarness, callbackId: string, about: string): Promise<Record<string, any>> {
  return eventually(() => {
    const found = h.api.ok('views.open', (body) => body.view.callback_id === callbackId && body.view.private_metadata.includes(about));
    expect(found.length).toBeGreaterThan(0);
    return found.at(-1)!.view;
  });
}

/** The one DM posted to `channel` whose fallback text is `text` (and whose blocks mention `about`); waits for it. */
export function dm(h: SlackHarness, channel: string, text: string, about = ''): Promise<Record<string, any>> {
  return eventually(() => {
    const found = h.api.ok('chat.postMessage', (body) => body.channel === channel && body.text === text && JSON.stringify(body.blocks).includes(about));
    expect(found).toHaveLength(1);
    return found[0]!;
  });
}

/** A message's buttons as `[action_id, value]`, with a link button's `url` instead of a value. */
export function buttonsOf(message: Record<string, any>): Array<[string, string]> {
  return message.blocks
    .filter((block: any) => block.type === 'actions')
    .flatMap((block: any) => block.elements)
    .map((element: any) => [element.action_id, element.url ?? element.value ?? '']);
}

/** The input block with `blockId` of a form. */
export function field(view: Record<string, any>, blockId: string): Record<string, any> {
  const block = view.blocks.find((candidate: any) => candidate.block_id === blockId);
  if (!block) throw new Error(`no field ${blockId} in ${view.callback_id}`);
  return block;
}

/** Where a posted DM is, to click its buttons as Slack sends them (with the message's blocks). */
export function placeOf(h: SlackHarness, message: Record<string, any>) {
  return { channel: message.channel as string, ts: h.api.tsOf(message), blocks: message.blocks as unknown[] };
}

/** Runs a notice job now, once the job is the one for `dueAt` (fireAt waits for the scheduler to settle). */
export async function fireNotice(h: SlackHarness, inquiryId: string, deadline: string, stage: string, dueAt: Date): Promise<void> {
  await eventually(async () => {
    const jobs = await noticeJobsOf(h.t.app, inquiryId);
    expect(jobs.find((job) => job.data.deadline === deadline && job.data.stage === stage)?.data.dueAt).toBe(dueAt.toISOString());
  });
  await fireAt(h.t.app, inquiryId, deadline, stage);
}

let sequence = 0;

/** An e-mailed inquiry from its own client address, announced, claimed by `ownerId`. */
export async function claimedInquiry(h: SlackHarness, ownerId: string, overrides: Record<string, unknown> = {}, client: Record<string, unknown> = {}) {
  sequence += 1;
  const address = `klientas${sequence}@example.lt`;
  const { inquiry } = await h.t.app.inquiries.register(
    emailedRequest({ subject: `Dėl vietos ${sequence}`, client: { name: 'Giedrė Žemaitienė', email: address, phone: null, language: 'lt', ...client }, ...overrides }),
  );
  const ts = await h.announcementOf(inquiry.id);
  return { inquiry: await h.t.app.inquiries.claim(inquiry.id, ownerId), ts, address };
}

/** The confirmation a saved form shows in place of its fields: Slack's modal is updated, no DM is sent (issue #13). */
export function savedText(answer: { status: number; json?: unknown }): string {
  const body = answer.json as { response_action?: string; view?: { blocks?: Array<{ text?: { text?: string } }> } } | undefined;
  expect(answer.status).toBe(200);
  expect(body?.response_action).toBe('update');
  return String(body?.view?.blocks?.[0]?.text?.text ?? '').replace(/^:white_check_mark: /, '');
}
