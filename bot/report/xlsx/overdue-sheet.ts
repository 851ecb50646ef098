import type { Workbook, Worksheet } from 'exceljs';
import { formatCount, formatDate } from '../../format.ts';
import { type Locale, t } from '../../i18n/index.ts';
import type { ReportData } from '../report-data.ts';
import { placeName } from '../../format.ts';
import { overdueReasonText } from '../overdue-reason.ts';
import { addHeaderRow, addNote, addPrintableSheet, addTitleLines, FORMAT, setDate, setNumber, setText } from './sheet-style.ts';

const HEADERS = ['no', 'case', 'unit', 'officer', 'reason', 'due', 'days', 'amount', 'remaining'] as const;

/**
 * Sheet 3, "Việc quá hạn": the overdue cases of `thads overdue`, most overdue first, one row per
 * case (so the rows count the cases), each broken time limit in WORDING.md's one wording; the due
 * day is the earliest one, from which the days late are counted.
 */
export function addOverdueSheet(workbook: Workbook, data: ReportData, locale: Locale): Worksheet {
  const { overdue, unitNames } = data;
  const sheet = addPrintableSheet(workbook, t(locale, 'report.sheet.overdue'), {
    locale,
    landscape: true,
    widths: [7, 16, 20, 24, 40, 13, 11, 19, 19],
  });
  const lines = [
    overdue.name,
    t(locale, 'report.overdue.title'),
    t(locale, 'report.overdue.count', { at: formatDate(overdue.at, locale), count: formatCount(overdue.total_cases, locale) }),
  ];
  if (overdue.total_cases > overdue.cases.length) {
    const counts = { shown: formatCount(overdue.cases.length, locale), total: formatCount(overdue.total_cases, locale) };
    lines.push(t(locale, 'report.overdue.more', counts));
  }
  let n = addTitleLines(sheet, lines, HEADERS.length) + 1;
  addHeaderRow(sheet, n, HEADERS.map((k) => t(locale, `report.overdue.${k}`)), true);
  overdue.cases.forEach((c, i) => {
    const row = sheet.getRow(++n);
    setNumber(row.getCell(1), i + 1, FORMAT.count, locale);
    setText(row.getCell(2), c.code);
    setText(row.getCell(3), placeName(unitNames.get(c.unit) ?? c.unit));
    setText(row.getCell(4), c.officer_name ?? c.officer ?? t(locale, 'report.overdue.no_officer'));
    setText(row.getCell(5), c.reasons.map((reason) => overdueReasonText(reason, locale)).join('\n'));
    if (c.reasons[0]) setDate(row.getCell(6), c.reasons[0].due, locale);
    setNumber(row.getCell(7), c.days_overdue, FORMAT.count, locale);
    setNumber(row.getCell(8), c.amount, FORMAT.money, locale);
    setNumber(row.getCell(9), c.remaining, FORMAT.money, locale);
  });
  if (overdue.cases.length === 0) addNote(sheet, n + 1, t(locale, 'cli.summary.no_overdue'), HEADERS.length);
  return sheet;
}

const FINDING_HEADERS = ['no', 'code', 'inspection', 'unit', 'description', 'responsible', 'due', 'days', 'status'] as const;

/** Sheet 4: inspection findings past their remedy deadline (the second list of `thads overdue`). */
export function addFindingsSheet(workbook: Workbook, data: ReportData, locale: Locale): Worksheet {
  const { overdue, unitNames, staffNames } = data;
  const sheet = addPrintableSheet(workbook, t(locale, 'report.sheet.findings'), {
    locale,
    landscape: true,
    widths: [7, 14, 16, 20, 50, 18, 13, 11, 22],
  });
  const lines = [
    overdue.name,
    t(locale, 'report.findings.title'),
    t(locale, 'report.findings.count', { at: formatDate(overdue.at, locale), count: formatCount(overdue.findings.length, locale) }),
  ];
  let n = addTitleLines(sheet, lines, FINDING_HEADERS.length) + 1;
  addHeaderRow(sheet, n, FINDING_HEADERS.map((k) => t(locale, k === 'no' ? 'report.overdue.no' : `report.findings.${k}`)), true);
  overdue.findings.forEach((f, i) => {
    const row = sheet.getRow(++n);
    setNumber(row.getCell(1), i + 1, FORMAT.count, locale);
    setText(row.getCell(2), f.code);
    setText(row.getCell(3), f.inspection);
    setText(row.getCell(4), placeName(unitNames.get(f.unit) ?? f.unit));
    setText(row.getCell(5), f.description);
    setText(row.getCell(6), f.responsible ? (staffNames.get(f.responsible) ?? f.responsible) : t(locale, 'report.none'));
    setDate(row.getCell(7), f.due_date, locale);
    setNumber(row.getCell(8), f.days_overdue, FORMAT.count, locale);
    setText(row.getCell(9), t(locale, `report.findings.status.${f.status}`));
  });
  return sheet;
}
