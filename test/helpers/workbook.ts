import ExcelJS from 'exceljs';
import { runWithDeps } from '../../server/cli/main.ts';
import type { CliIo } from '../../server/cli/types.ts';
import type { Deps } from '../../server/deps.ts';

/** Reading an XLSX report back (exceljs) and running the CLI over open dependencies, for the report's tests. */

export function capture(): { io: CliIo; out: { stdout: string; stderr: string } } {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = { stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) }, isTTY: false };
  return { io, out };
}

export async function load(bytes: Uint8Array | Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return workbook;
}

/** The frozen header row of a sheet: where its table starts. */
export const headerRowOf = (sheet: ExcelJS.Worksheet) => (sheet.views[0] as { ySplit: number }).ySplit;
export const valuesOf = (sheet: ExcelJS.Worksheet, row: number, columns: number) =>
  Array.from({ length: columns }, (_, i) => sheet.getRow(row).getCell(i + 1).value);
/** The data rows of a sheet's table: from below its header to the first empty first cell. */
export function tableRows(sheet: ExcelJS.Worksheet): ExcelJS.Row[] {
  const rows: ExcelJS.Row[] = [];
  for (let n = headerRowOf(sheet) + 1; sheet.getRow(n).getCell(1).value !== null; n++) rows.push(sheet.getRow(n));
  return rows;
}
/** The first row of a sheet, from row `from` on, whose first cell is `label`. */
export function rowLabelled(sheet: ExcelJS.Worksheet, label: string, from = 1): ExcelJS.Row {
  for (let n = from; n <= sheet.rowCount; n++) if (sheet.getRow(n).getCell(1).value === label) return sheet.getRow(n);
  throw new Error(`no row "${label}"`);
}

/** Runs a command line over open dependencies: its exit status and what it wrote. */
export async function runThads(deps: Deps, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { io, out } = capture();
  const code = await runWithDeps(deps, argv, io);
  return { code, ...out };
}
