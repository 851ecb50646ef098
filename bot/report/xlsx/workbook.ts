import ExcelJS from 'exceljs';
import type { IsoDate } from '../../../db/work-year.ts';
import { type Locale, t } from '../../i18n/index.ts';
import { formatPeriod } from '../period.ts';
import type { ReportData } from '../report-data.ts';
import { addFindingsSheet, addOverdueSheet } from './overdue-sheet.ts';
import { addRankingSheet } from './ranking-sheet.ts';
import { addResultsSheet } from './results-sheet.ts';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The report as an XLSX file: results, ranking, overdue cases, overdue inspection findings. One
 * builder for the CLI (`thads report --xlsx`) and the HTTP API (`report.xlsx`). `now` is the
 * file's creation time (the clock is a dependency). A report is a few thousand rows at most, so
 * the workbook is built in memory and written once.
 */
export async function buildReportXlsx(data: ReportData, locale: Locale, now: Date): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'thads-bot';
  workbook.created = now;
  workbook.modified = now;
  workbook.title = `${data.summary.name} — ${formatPeriod(data.summary.work_year, data.summary.at, locale)}`;
  workbook.subject = t(locale, 'report.results.title');
  addResultsSheet(workbook, data.summary, locale);
  addRankingSheet(workbook, data.ranking, locale);
  addOverdueSheet(workbook, data, locale);
  addFindingsSheet(workbook, data, locale);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** An ASCII-only file name for a download: `bao-cao-BH-DS-2026-11-30.xlsx`. */
export function reportFileName(unitCode: string, at: IsoDate): string {
  const code = unitCode.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'don-vi';
  return `bao-cao-${code}-${at}.xlsx`;
}
