import { formatCount, renderTable, truncateText } from '../../bot/format.ts';
import { type Locale, t } from '../../bot/i18n/index.ts';
import { countByStatus, type Delivery, listDeliveries } from '../../db/outbox.ts';
import { formatLocal } from '../../jobs/schedule.ts';
import { platformName } from './jobs-run.ts';
import { writeJson } from './report-date.ts';
import { type CliCommand, UsageError, writeLine } from './types.ts';

const DEFAULT_LIMIT = 50;

/** `thads deliveries [--failed] [--limit N] [--json]`: the outbox, newest first, with totals by status. */
export const deliveriesCommand: CliCommand = {
  name: 'deliveries',
  args: [],
  flags: ['failed', 'limit', 'json'],
  async run(deps, args, io) {
    const limit = parseLimit(args.flags.limit, args.locale);
    const failed = args.flags.failed === true;
    const rows = await listDeliveries(deps.db, { failed, limit });
    const counts = await countByStatus(deps.db);
    if (args.flags.json) {
      writeJson(io.stdout, { counts, deliveries: rows.map(({ payload: _payload, ...row }) => row) });
    } else writeLine(io.stdout, renderDeliveries(rows, counts, failed, deps.config.timeZone, args.locale));
    return 0;
  },
};

function parseLimit(value: string | undefined, locale: Locale): number {
  if (value === undefined) return DEFAULT_LIMIT;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(t(locale, 'cli.usage.bad_limit', { value }), 'deliveries');
  return Number(value);
}

function renderDeliveries(rows: Delivery[], counts: Record<Delivery['status'], number>, failed: boolean, timeZone: string, locale: Locale): string {
  const count = (n: number) => formatCount(n, locale);
  const totals = t(locale, 'delivery.counts', Object.fromEntries(Object.entries(counts).map(([k, n]) => [k, count(n)])));
  if (rows.length === 0) return [t(locale, failed ? 'delivery.empty_failed' : 'delivery.empty'), totals].join('\n');
  const headers = ['id', 'job', 'platform', 'destination', 'period', 'status', 'attempts', 'when', 'error'].map((k) => t(locale, `delivery.table.${k}`));
  const table = rows.map((r) => [
    String(r.id),
    r.job,
    platformName(r.platform),
    r.destination,
    r.period,
    t(locale, `delivery.status.${r.status}`),
    count(r.attempts),
    formatLocal(r.status === 'sent' && r.sentAt ? r.sentAt : r.nextAttemptAt, timeZone),
    truncateText(r.lastError ?? '', 50),
  ]);
  return [renderTable(headers, table, { align: ['right', 'left', 'left', 'left', 'left', 'left', 'right', 'left', 'left'] }), '', totals].join('\n');
}
