import { reportAccessOf } from '../../../domain/report-access.js';
import type { StaffMember } from '../../../domain/staff.js';
import { translate, type Language } from '../i18n/index.js';
import { dashboardPng } from './chart-image.js';
import { loadReport, reportRequest, type ReportSources } from './load-report.js';
import type { ReportView } from './report-view.js';

/** A dashboard as an image, for surfaces that show no chart elements (Slack's App Home). */
export interface Dashboard {
  readonly title: string;
  /** Says what the image shows, for screen readers. */
  readonly alt: string;
  readonly view: ReportView;
  readonly png: Buffer;
}

/** Whether this person's Home shows a dashboard: those who manage, the head and admins. */
export function hasDashboard(person: StaffMember): boolean {
  return reportAccessOf(person).kind !== 'representative';
}

/**
 * Changes once an hour (and with the language): a surface that republishes often may reuse the image it made under
 * the same stamp instead of drawing and uploading it again, so the image lags the lists by an hour at most.
 */
export function dashboardStamp(language: Language, sources: Pick<ReportSources, 'clock' | 'config'>): string {
  const hour = new Intl.DateTimeFormat('en-CA', { timeZone: sources.config.TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' });
  return `${language}:${hour.format(sources.clock.now())}`;
}

/**
 * R60.internal: the same report a manager (or the head, or an admin) gets from `report`, this week so far, drawn as
 * one image. Representatives get none on their Home: their own figures are a command away.
 */
export async function dashboardOf(person: StaffMember, language: Language, sources: ReportSources): Promise<Dashboard | null> {
  if (!hasDashboard(person)) return null;
  const view = await loadReport(person, reportRequest(sources, 'week', 'current'), language, sources);
  const png = await dashboardPng(view);
  if (!png) return null;
  return { title: translate(language, 'report.home.title'), alt: translate(language, 'report.home.image'), view, png };
}
