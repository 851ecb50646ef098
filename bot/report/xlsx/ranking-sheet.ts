import type { Workbook, Worksheet } from 'exceljs';
import type { Ranking } from '../../../db/numbers/types.ts';
import { targetsCount } from '../../commands/ranking.ts';
import { type Locale, t } from '../../i18n/index.ts';
import { periodLine } from '../period.ts';
import { placeName } from '../../format.ts';
import { addHeaderRow, addNote, addPrintableSheet, addTitleLines, FORMAT, setNumber, setText, toFraction } from './sheet-style.ts';

const HEADERS = [
  'rank', 'name', 'cases_done', 'cases_with_conditions', 'cases_rate', 'cases_target',
  'money_done', 'money_with_conditions', 'money_rate', 'money_target', 'met',
] as const;

/**
 * Sheet 2, "Xếp hạng": a province's child units (by name), or a local unit's officers, in the
 * order and with the ranks of `thads ranking` (db/numbers/ranking.ts), both rates beside their
 * targets, and how many of the four targets each meets.
 */
export function addRankingSheet(workbook: Workbook, r: Ranking, locale: Locale): Worksheet {
  const sheet = addPrintableSheet(workbook, t(locale, 'report.sheet.ranking'), {
    locale,
    landscape: true,
    widths: [7, 30, 12, 12, 11, 11, 20, 20, 11, 11, 16],
  });
  const lines = [r.name, t(locale, `report.ranking.title_${r.by}`), periodLine(r.work_year, r.at, locale)];
  let n = addTitleLines(sheet, lines, HEADERS.length) + 1;
  const nameHeader = r.by === 'units' ? 'report.ranking.unit' : 'report.ranking.officer';
  addHeaderRow(sheet, n, HEADERS.map((k) => t(locale, k === 'name' ? nameHeader : `report.ranking.${k}`)), true);
  if (r.rows.length === 0) addNote(sheet, ++n, t(locale, `report.ranking.empty_${r.by}`), HEADERS.length);
  for (const entry of r.rows) {
    const row = sheet.getRow(++n);
    setNumber(row.getCell(1), entry.rank, FORMAT.count, locale);
    row.getCell(1).alignment = { horizontal: 'center' };
    setText(row.getCell(2), r.by === 'units' ? placeName(entry.name) : entry.name);
    setNumber(row.getCell(3), entry.cases.done, FORMAT.count, locale);
    setNumber(row.getCell(4), entry.cases.with_conditions, FORMAT.count, locale);
    setNumber(row.getCell(5), toFraction(entry.cases.rate), FORMAT.rate, locale);
    setNumber(row.getCell(6), toFraction(entry.targets?.cases_rate), FORMAT.rate, locale);
    setNumber(row.getCell(7), entry.money.done, FORMAT.money, locale);
    setNumber(row.getCell(8), entry.money.with_conditions, FORMAT.money, locale);
    setNumber(row.getCell(9), toFraction(entry.money.rate), FORMAT.rate, locale);
    setNumber(row.getCell(10), toFraction(entry.targets?.money_rate), FORMAT.rate, locale);
    setText(row.getCell(11), targetsCount(entry, locale));
  }
  return sheet;
}
