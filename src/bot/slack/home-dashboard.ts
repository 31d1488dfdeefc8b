import type { StaffMember } from '../../domain/staff.js';
import type { Logger } from '../../logger.js';
import { dashboardOf, dashboardStamp, hasDashboard } from '../core/reports/dashboard.js';
import type { ReportSources } from '../core/reports/load-report.js';
import type { PlatformContext } from '../platform.js';
import type { KnownBlock } from './render/block-types.js';
import { inert, mrkdwn, plain, LIMITS } from './render/elements.js';
import { PLATFORM, type SlackClient } from './services.js';

/** The image uploaded for one person's Home, and the stamp it was drawn under. */
interface Uploaded {
  stamp: string;
  fileId: string;
  title: string;
  alt: string;
  exportUrl: string | null;
  exportLabel: string | null;
}

export type DashboardContext = ReportSources & Pick<PlatformContext, 'conversations'>;

/**
 * R60.internal: a manager's Home shows this week's report as an image (Slack's chart block is for messages only),
 * drawn by the core (chart-image.ts) and uploaded with `files.getUploadURLExternal` / `files.completeUploadExternal`
 * as a file of the app's own, shown by its id. An image is drawn at most once an hour per person (dashboard.ts), as
 * the Home is republished after every change. A dashboard that cannot be drawn or uploaded is left out, logged.
 */
export async function dashboardBlocks(client: SlackClient, context: DashboardContext, actor: StaffMember, slackUserId: string, logger: Logger): Promise<KnownBlock[]> {
  if (!hasDashboard(actor)) return [];
  try {
    const uploaded = await current(client, context, actor, slackUserId);
    if (!uploaded) return [];
    const blocks: KnownBlock[] = [
      { type: 'header', text: plain(uploaded.title, LIMITS.header) },
      { type: 'image', slack_file: { id: uploaded.fileId }, alt_text: uploaded.alt },
    ];
    if (uploaded.exportUrl && uploaded.exportLabel) blocks.push({ type: 'context', elements: [mrkdwn(`<${uploaded.exportUrl}|${inert(uploaded.exportLabel)}>`)] });
    return [...blocks, { type: 'divider' }];
  } catch (error) {
    logger.warn({ err: error }, 'slack: the Home dashboard could not be drawn or uploaded; left out');
    return [];
  }
}

async function current(client: SlackClient, context: DashboardContext, actor: StaffMember, slackUserId: string): Promise<Uploaded | null> {
  const key = `home:dashboard:${slackUserId}`;
  const stamp = dashboardStamp(actor.language, context);
  const kept = await context.conversations.find<Uploaded>(PLATFORM, key);
  if (kept?.stamp === stamp) return kept;
  const dashboard = await dashboardOf(actor, actor.language, context);
  if (!dashboard) return null;
  const fileId = await upload(client, dashboard.png, dashboard.title);
  const uploaded: Uploaded = { stamp, fileId, title: dashboard.title, alt: dashboard.alt, exportUrl: dashboard.view.export?.url ?? null, exportLabel: dashboard.view.export?.label ?? null };
  await context.conversations.save(PLATFORM, key, uploaded);
  return uploaded;
}

/** Slack's two-step upload (files.upload is retired): a URL for the bytes, the bytes, then the file completed. */
async function upload(client: SlackClient, png: Buffer, title: string): Promise<string> {
  const filename = 'langelis-dashboard.png';
  const { upload_url: url, file_id: fileId } = await client.files.getUploadURLExternal({ filename, length: png.length, alt_text: title });
  if (!url || !fileId) throw new Error('Slack gave no upload URL');
  const sent = await fetch(url, { method: 'POST', headers: { 'content-type': 'image/png' }, body: new Uint8Array(png), signal: AbortSignal.timeout(30_000) });
  if (!sent.ok) throw new Error(`uploading the dashboard image answered ${sent.status}`);
  await client.files.completeUploadExternal({ files: [{ id: fileId, title }] });
  return fileId;
}
