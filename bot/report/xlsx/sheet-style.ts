import type { Cell, Workbook, Worksheet } from 'exceljs';
import { type Locale, t } from '../../i18n/index.ts';

/**
 * Number formats. OOXML stores format codes in en-US notation whatever the reader's language:
 * `#,##0` is shown `1.234.567` by a Vietnamese Excel or LibreOffice, `1,234,567` by an English one.
 * Rates are fractions under `0.00%` (84.25% is 0.8425), so they sort, sum and chart as numbers and
 * show `84,25%` in Vietnamese; changes between rates are percentage points, plain numbers under a
 * "(điểm %)" header (WORDING.md: "điểm %" only as a column header).
 */
export const FORMAT = {
  count: '#,##0',
  money: '#,##0',
  rate: '0.00%',
  points: '+0.00;-0.00;0.00',
} as const;

export const dateFormat = (locale: Locale): string => (locale === 'vi' ? 'dd/mm/yyyy' : 'dd mmm yyyy');

/** A rate in percent (84.25) as the cell's fraction (0.8425), exact to the two decimals it has. */
export const toFraction = (percent: number | null | undefined): number | null =>
  percent === null || percent === undefined ? null : Math.round(percent * 100) / 10000;

/** The change from `b` to `a` in percentage points, 2 decimals; null when either side is missing. */
export const toPoints = (a: number | null | undefined, b: number | null | undefined): number | null =>
  a === null || a === undefined || b === null || b === undefined ? null : Math.round((a - b) * 100) / 100;

/** A calendar date as Excel keeps it: midnight UTC of that day (no time zone can shift it). */
export const toDateCell = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

/**
 * A new sheet on A4, ready to print: fitted to one page wide (as many pages high as it needs),
 * the header row frozen and repeated on every printed page, page numbers in the footer.
 */
export function addPrintableSheet(
  workbook: Workbook,
  name: string,
  options: { locale: Locale; landscape: boolean; widths: number[] },
): Worksheet {
  const sheet = workbook.addWorksheet(name, {
    pageSetup: {
      paperSize: 9,
      orientation: options.landscape ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: `&C${t(options.locale, 'report.footer')}` },
  });
  options.widths.forEach((width, i) => {
    sheet.getColumn(i + 1).width = width;
  });
  return sheet;
}

/**
 * The title lines at the top of a sheet, each merged across `span` columns, the first one large.
 * Returns the number of the first row after them.
 */
export function addTitleLines(sheet: Worksheet, lines: string[], span: number): number {
  lines.forEach((line, i) => {
    const row = sheet.getRow(i + 1);
    row.getCell(1).value = line;
    row.getCell(1).font = { bold: i === 0, size: i === 0 ? 14 : 11 };
    row.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    sheet.mergeCells(i + 1, 1, i + 1, span);
  });
  return lines.length + 1;
}

const thin = { style: 'thin' as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

/** A header row at `rowNumber`: bold, shaded, wrapped. With `freeze`, it is frozen and printed on each page. */
export function addHeaderRow(sheet: Worksheet, rowNumber: number, headers: string[], freeze = false): void {
  const row = sheet.getRow(rowNumber);
  headers.forEach((header, i) => {
    const cell = row.getCell(i + 1);
    cell.value = header;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7ECF3' } };
    cell.border = BORDER;
  });
  if (freeze) {
    sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: rowNumber, topLeftCell: `A${rowNumber + 1}` }];
    sheet.pageSetup.printTitlesRow = `${rowNumber}:${rowNumber}`;
  }
}

/** A number in a cell with its format; a missing one is a dash (nothing to divide by, or no target). */
export function setNumber(cell: Cell, value: number | null | undefined, format: string, locale: Locale): void {
  cell.border = BORDER;
  if (value === null || value === undefined) {
    cell.value = t(locale, 'report.none');
    cell.alignment = { horizontal: 'right' };
    return;
  }
  cell.value = value;
  cell.numFmt = format;
}

/** Text in a table cell: bordered, wrapped, indented by `indent` levels. */
export function setText(cell: Cell, value: string, options: { indent?: number; bold?: boolean } = {}): void {
  cell.value = value;
  cell.border = BORDER;
  cell.alignment = { vertical: 'top', wrapText: true, indent: options.indent ?? 0 };
  if (options.bold) cell.font = { bold: true };
}

/** A date in a table cell, as a real date under the locale's format. */
export function setDate(cell: Cell, iso: string, locale: Locale): void {
  cell.value = toDateCell(iso);
  cell.numFmt = dateFormat(locale);
  cell.border = BORDER;
  cell.alignment = { horizontal: 'center', vertical: 'top' };
}

/** A line of notes under a table, merged across `span` columns. */
export function addNote(sheet: Worksheet, rowNumber: number, text: string, span: number, bold = false): void {
  const cell = sheet.getRow(rowNumber).getCell(1);
  cell.value = text;
  cell.font = { italic: !bold, bold };
  cell.alignment = { wrapText: true, vertical: 'top' };
  sheet.mergeCells(rowNumber, 1, rowNumber, span);
}
