import { formatCount, formatDate, formatMoney, renderTable, truncateText } from '../../bot/format.ts';
import { type Locale, t } from '../../bot/i18n/index.ts';
import { overdueReasonText } from '../../bot/report/overdue-reason.ts';
import { getOverdue } from '../../db/numbers/overdue.ts';
import type { OverdueReport } from '../../db/numbers/types.ts';
import { reportDate, writeJson } from './report-date.ts';
import { type CliCommand, UsageError, writeLine } from './types.ts';

export const overdueCommand: CliCommand = {
  name: 'overdue',
  args: ['<unit>'],
  flags: ['at', 'limit', 'json'],
  async run(deps, args, io) {
    const limit = listLimit(args.flags.limit, args.locale);
    const report = await getOverdue(deps.db, args.positionals[0]!, reportDate(deps, args), deps.numbers, { limit });
    if (args.flags.json) writeJson(io.stdout, report);
    else writeLine(io.stdout, renderOverdue(report, args.locale));
    return 0;
  },
};

// A briefing-sized list by default; `--limit` asks for more (a whole province can have thousands).
const DEFAULT_LIMIT = 50;

function listLimit(value: string | undefined, locale: Locale): number {
  if (value === undefined) return DEFAULT_LIMIT;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(t(locale, 'cli.usage.bad_limit', { value }), 'overdue');
  return Number(value);
}

export function renderOverdue(r: OverdueReport, locale: Locale): string {
  const lines = [
    t(locale, 'cli.overdue.title', { name: r.name, unit: r.unit, at: formatDate(r.at, locale) }),
    '',
    t(locale, 'cli.overdue.cases', { count: formatCount(r.total_cases, locale) }),
  ];
  if (r.cases.length > 0) {
    // One line per broken time limit; the case's own columns only on its first line.
    const rows = r.cases.flatMap((c) =>
      c.reasons.map((reason, i) => [
        i === 0 ? c.code : '',
        i === 0 ? (c.officer_name ?? c.officer ?? '—') : '',
        overdueReasonText(reason, locale),
        formatDate(reason.due, locale),
        i === 0 ? formatCount(c.days_overdue, locale) : '',
        i === 0 ? formatMoney(c.remaining, locale) : '',
      ]),
    );
    lines.push(
      renderTable(
        ['case', 'officer', 'reason', 'due', 'days', 'remaining'].map((k) => t(locale, `cli.overdue.${k}`)),
        rows,
        { align: ['left', 'left', 'left', 'right', 'right', 'right'] },
      ),
    );
    if (r.total_cases > r.cases.length) {
      const shown = formatCount(r.cases.length, locale);
      lines.push(t(locale, 'cli.overdue.more', { shown, total: formatCount(r.total_cases, locale), limit: r.total_cases }));
    }
  }
  lines.push('', t(locale, 'cli.overdue.findings', { count: formatCount(r.findings.length, locale) }));
  if (r.findings.length > 0) {
    lines.push(
      renderTable(
        ['finding', 'inspection', 'description', 'responsible', 'due', 'days', 'status'].map((k) =>
          t(locale, `cli.overdue.finding_${k}`),
        ),
        r.findings.map((f) => [
          f.code,
          f.inspection,
          truncateText(f.description, 48),
          f.responsible ?? '—',
          formatDate(f.due_date, locale),
          formatCount(f.days_overdue, locale),
          t(locale, `cli.overdue.finding_status.${f.status}`),
        ]),
        { align: ['left', 'left', 'left', 'left', 'right', 'right', 'left'] },
      ),
    );
  }
  return lines.join('\n');
}
