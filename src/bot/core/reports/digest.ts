import type { WeeklyDigest } from '../../../domain/notifier.js';
import { getsWeeklyDigest } from '../../../domain/report-access.js';
import type { ChatSurface } from '../surface.js';
import { loadReport, type ReportSources } from './load-report.js';
import type { ReportView } from './report-view.js';

/** How a platform shows a report it sends by itself; `charts: false` is the same report for a client that refuses charts. */
export interface ReportRenderer<M> {
  report(view: ReportView, options: { charts: boolean }): M;
  /** Whether a send's error is the platform refusing the chart blocks (then the report goes again without them). */
  refusesCharts(error: unknown): boolean;
}

export interface DigestParts<M> {
  readonly sources: ReportSources;
  readonly surface: ChatSurface<M>;
  readonly renderer: ReportRenderer<M>;
  readonly log: { warn(fields: Record<string, unknown>, message: string): void };
}

/**
 * R60.internal: last week's report to one manager or the head, as a direct message in their language — what their
 * role lets them see, never to the channel. A person who no longer manages anyone hears nothing; one this platform
 * cannot reach is skipped (the job marks them told here); a platform that refuses the chart blocks gets the report
 * without them; any other platform error is thrown, so the job asks again next run.
 */
export async function deliverDigest<M>(digest: WeeklyDigest, { sources, surface, renderer, log }: DigestParts<M>): Promise<void> {
  const person = await sources.queries.staffMember(digest.staffId);
  if (!person || !getsWeeklyDigest(person)) return;
  const language = await surface.languageOf(person);
  const view = await loadReport(person, { name: 'week', period: digest.week, purpose: 'digest' }, language, sources);
  let result;
  try {
    result = await surface.sendToPerson(person, renderer.report(view, { charts: true }));
  } catch (error) {
    if (!renderer.refusesCharts(error)) throw error;
    log.warn({ err: error, platform: surface.platform }, 'a weekly digest with charts was refused; sending it without them');
    result = await surface.sendToPerson(person, renderer.report(view, { charts: false }));
  }
  if (!result.ok) log.warn({ staffId: person.id, platform: surface.platform, reason: result.reason }, 'a weekly digest could not be delivered here; skipped');
}
