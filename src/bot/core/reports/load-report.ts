import { reportAccessOf } from '../../../domain/report-access.js';
import { REPORT_EXPORT_PATH, type ReportLinks } from '../../../domain/report-link.js';
import type { Period, PeriodName, QualityMonitor } from '../../../domain/quality/report.js';
import { fullName, type StaffMember } from '../../../domain/staff.js';
import type { PlatformContext } from '../../platform.js';
import type { Language } from '../i18n/index.js';
import { publicUrl } from '../story-loader.js';
import { buildReportView } from './build-report.js';
import type { ReportView } from './report-view.js';

/** What a report is loaded from: the quality monitor, the staff names, the clock and the signed export links. */
export type ReportSources = Pick<PlatformContext, 'clock' | 'config' | 'queries' | 'siteUrl'> & {
  readonly quality: QualityMonitor;
  readonly reportLinks: ReportLinks;
};

/** Which period, by name and as the monitor bounds it; the digest says it is last week's. */
export interface ReportRequest {
  readonly name: PeriodName;
  readonly period: Period;
  readonly purpose?: 'command' | 'digest';
}

/** The period under way (a command, the App Home) or the last complete one (the weekly digest). */
export function reportRequest(sources: Pick<ReportSources, 'quality' | 'clock'>, name: PeriodName, which: 'current' | 'last'): ReportRequest {
  return { name, period: sources.quality.periodOf(name, sources.clock.now(), which), ...(which === 'last' ? { purpose: 'digest' as const } : {}) };
}

/** The CSV of `period` for `staffId`, signed for them alone; whose rows it holds is decided when it is opened. */
export function exportUrl(sources: Pick<ReportSources, 'siteUrl' | 'reportLinks'>, period: Period, staffId: string): string {
  const query = new URLSearchParams({ ...sources.reportLinks.sign(period, staffId) });
  return `${publicUrl(sources).replace(/\/$/, '')}${REPORT_EXPORT_PATH}?${query.toString()}`;
}

/**
 * The report `reader` may see (report-access.ts), in `language`: their own scope from the monitor and, for a
 * representative, the institution's totals; staff names only for the people the reader's scope holds.
 */
export async function loadReport(reader: StaffMember, request: ReportRequest, language: Language, sources: ReportSources): Promise<ReportView> {
  const access = reportAccessOf(reader);
  const { period } = request;
  const [own, totals] = await Promise.all([
    sources.quality.report(period, access.own),
    access.kind === 'representative' ? sources.quality.report(period, access.totals) : Promise.resolve(null),
  ]);
  const names = new Map<string, string>();
  for (const { staffId } of own.byRepresentative) {
    const person = staffId === reader.id ? reader : await sources.queries.staffMember(staffId);
    names.set(staffId, person ? fullName(person) : '—');
  }
  return buildReportView({
    access,
    periodName: request.name,
    purpose: request.purpose ?? 'command',
    own,
    totals,
    names,
    exportUrl: exportUrl(sources, period, reader.id),
    language,
    zone: sources.config.TIME_ZONE,
  });
}
