import { t } from '../../bot/i18n/index.ts';
import { formatPeriod } from '../../bot/report/period.ts';
import { getReportData } from '../../bot/report/report-data.ts';
import { checkWritable, writeFileWhole } from './output-file.ts';
import { reportDate } from './report-date.ts';
import { type CliCommand, UsageError, writeLine } from './types.ts';

/**
 * `thads report <unit> [--at …] --xlsx FILE`: the report as an XLSX file. Without --xlsx it
 * refuses (exit 2): the same numbers on screen are `thads summary`, `ranking` and `overdue`.
 */
export const reportCommand: CliCommand = {
  name: 'report',
  args: ['<unit>'],
  flags: ['at', 'xlsx'],
  async run(deps, args, io) {
    const unit = args.positionals[0]!;
    const file = args.flags.xlsx;
    if (!file) throw new UsageError(t(args.locale, 'report.cli.needs_xlsx', { unit }), 'report');
    const at = reportDate(deps, args);
    await checkWritable(file);
    const data = await getReportData(deps.db, unit, at, deps.numbers);
    // exceljs is loaded only when a report is made: every other command starts without it.
    const { buildReportXlsx } = await import('../../bot/report/xlsx/workbook.ts');
    await writeFileWhole(file, await buildReportXlsx(data, args.locale, deps.now()));
    const { summary } = data;
    const period = formatPeriod(summary.work_year, summary.at, args.locale);
    writeLine(io.stdout, t(args.locale, 'report.cli.written', { name: summary.name, period, file }));
    return 0;
  },
};
