import type { Workbook, Worksheet } from 'exceljs';
import type { Summary, Targets } from '../../../db/numbers/types.ts';
import { formatDate } from '../../format.ts';
import { type Locale, t } from '../../i18n/index.ts';
import { periodLine } from '../period.ts';
import { RESULT_ROWS, rateLabel, rowLabel } from '../results-rows.ts';
import { TARGET_KEYS, targetLabel, targetsMetText } from '../target-rows.ts';
import { addHeaderRow, addNote, addPrintableSheet, addTitleLines, FORMAT, setNumber, setText, toFraction, toPoints } from './sheet-style.ts';

const COLUMNS = 6;

/**
 * Sheet 1, "Kết quả": the unit's full name, the period, then the results table (RESULT_ROWS, by
 * cases and by money, each beside the same period last year), the two rates against the target
 * and last year, and the four targets judged.
 */
export function addResultsSheet(workbook: Workbook, s: Summary, locale: Locale): Worksheet {
  const sheet = addPrintableSheet(workbook, t(locale, 'report.sheet.results'), { locale, landscape: false, widths: [40, 10, 12, 18, 18, 14] });
  const period = periodLine(s.work_year, s.at, locale);
  let r = addTitleLines(sheet, [s.name, t(locale, 'report.results.title'), period], COLUMNS) + 1;
  const header = ['item', 'cases', 'cases_last_year', 'money', 'money_last_year'].map((k) => t(locale, `report.results.${k}`));
  addHeaderRow(sheet, r, header, true);
  const last = s.same_period_last_year;
  for (const { key, depth } of RESULT_ROWS) {
    const row = sheet.getRow(++r);
    setText(row.getCell(1), rowLabel(key, locale), { indent: depth * 2, bold: depth === 0 });
    setNumber(row.getCell(2), s.cases[key], FORMAT.count, locale);
    setNumber(row.getCell(3), last.cases[key], FORMAT.count, locale);
    setNumber(row.getCell(4), s.money[key], FORMAT.money, locale);
    setNumber(row.getCell(5), last.money[key], FORMAT.money, locale);
  }
  r += 2;
  addNote(sheet, r, t(locale, 'report.results.last_year_note', { year: s.work_year - 1, at: formatDate(last.at, locale) }), COLUMNS);
  r = addRates(sheet, r + 2, s, locale);
  addTargets(sheet, r + 2, s, locale);
  return sheet;
}

/** The two rate rows: the rate, the target and the change, last year's rate and the change. */
function addRates(sheet: Worksheet, start: number, s: Summary, locale: Locale): number {
  const header = ['item', 'rate', 'target', 'vs_target', 'last_year', 'vs_last_year'].map((k) => t(locale, `report.rates.${k}`));
  addHeaderRow(sheet, start, header);
  let r = start;
  for (const side of ['cases', 'money'] as const) {
    const row = sheet.getRow(++r);
    const rate = s[side].rate;
    const target = s.targets?.[`${side}_rate`];
    const previous = s.same_period_last_year[`${side}_rate`];
    setText(row.getCell(1), rateLabel(side, locale), { bold: true });
    setNumber(row.getCell(2), toFraction(rate), FORMAT.rate, locale);
    setNumber(row.getCell(3), toFraction(target), FORMAT.rate, locale);
    setNumber(row.getCell(4), toPoints(rate, target), FORMAT.points, locale);
    setNumber(row.getCell(5), toFraction(previous), FORMAT.rate, locale);
    setNumber(row.getCell(6), toPoints(rate, previous), FORMAT.points, locale);
  }
  return r;
}

/** The four targets (WORDING.md's names): the target set, the result, met or not; then how many are met. */
function addTargets(sheet: Worksheet, start: number, s: Summary, locale: Locale): void {
  const header = ['item', 'target', 'result', 'judged'].map((k) => t(locale, `report.targets.${k}`));
  addHeaderRow(sheet, start, header);
  const results: Record<keyof Targets, number | null> = {
    cases_rate: s.cases.rate,
    money_rate: s.money.rate,
    carried_cases_cut: s.carried_cut.cases,
    carried_money_cut: s.carried_cut.money,
  };
  let r = start;
  for (const key of TARGET_KEYS) {
    const row = sheet.getRow(++r);
    setText(row.getCell(1), targetLabel(key, locale));
    if (s.targets) setNumber(row.getCell(2), toFraction(s.targets[key]), FORMAT.rate, locale);
    else setText(row.getCell(2), t(locale, 'report.targets.not_set'));
    setNumber(row.getCell(3), toFraction(results[key]), FORMAT.rate, locale);
    const met = s.targets_met?.[key];
    const judged = met === undefined ? 'report.none' : met === null ? 'report.targets.not_judged' : met ? 'report.targets.met' : 'report.targets.not_met';
    setText(row.getCell(4), t(locale, judged));
  }
  addNote(sheet, ++r, targetsMetText(s, locale), COLUMNS, true);
  addNote(sheet, ++r, t(locale, 'report.targets.cut_note', { base: formatDate(s.carried_cut.base_at, locale) }), COLUMNS);
}
