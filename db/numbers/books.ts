import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../client.ts';
import type { IsoDate } from '../work-year.ts';
import { casesAsOf, list, WITH_CONDITIONS } from './case-state.ts';
import type { Books } from './types.ts';

const OPEN_WITH_CONDITIONS = ['enforcing', 'postponed', 'suspended'] as const;

/**
 * The official table by cases and by money for the given units, as of `at` in the work year
 * starting `from`, in one aggregate query; `groupKey` (a column of the cases row `b`, such as
 * `b.officer_id`) splits it into groups, or null for one total.
 *
 * Money in the books: a carried-over case counts what was still owed on `from`; done money is
 * collected in the year on open cases with conditions (never more than their books' amount)
 * plus the whole books' amount of cases completed or terminated in the year (for a terminated
 * case: what was collected plus what remained, which is the same thing).
 */
export async function aggregateBooks(
  db: Db,
  opts: { unitIds: readonly number[]; from: IsoDate; at: IsoDate; groupKey?: SQL | null },
): Promise<{ key: string | null; cases: Books; money: Books }[]> {
  const { unitIds, from, at } = opts;
  if (unitIds.length === 0) return [];
  const key = opts.groupKey ?? sql`null`;
  const is = (status: string) => sql`b.s_at = ${status}`;
  const withConditions = sql`b.s_at in (${list(WITH_CONDITIONS)})`;
  const column = (name: string, condition: SQL) => sql`
    count(*) filter (where ${condition})::bigint as ${sql.identifier(`c_${name}`)},
    coalesce(sum(b.books) filter (where ${condition}), 0)::bigint as ${sql.identifier(`m_${name}`)}`;
  const rows = await queryRows<Record<string, string | number | null>>(
    db,
    sql`
    with base as (${casesAsOf(unitIds, from, at)}),
    paid as (
      select p.case_id,
             sum(p.amount) filter (where p.collected_on < ${from}::date) as before,
             sum(p.amount) filter (where p.collected_on >= ${from}::date) as in_year
      from collections p
      where p.case_id in (select id from base) and p.collected_on <= ${at}::date
      group by p.case_id
    ),
    b as (
      select base.*,
             greatest(base.amount - case when base.carried then coalesce(paid.before, 0) else 0 end, 0) as books,
             coalesce(paid.in_year, 0) as in_year
      from base left join paid on paid.case_id = base.id
    )
    select ${key}::text as key,
      ${column('carried_over', sql`b.carried`)},
      ${column('new', sql`not b.carried`)},
      ${column('total', sql`true`)},
      ${column('entrusted', is('entrusted'))},
      ${column('withdrawn', is('withdrawn'))},
      ${column('without_conditions', is('no_conditions'))},
      ${column('with_conditions', withConditions)},
      ${column('completed', is('completed'))},
      ${column('terminated', is('terminated'))},
      ${column('postponed', is('postponed'))},
      ${column('suspended', is('suspended'))},
      coalesce(sum(least(b.in_year, b.books)) filter (where b.s_at in (${list(OPEN_WITH_CONDITIONS)})), 0)::bigint
        as m_part_paid
    from b
    group by 1`,
  );
  return rows.map((r) => ({ key: r.key === null ? null : String(r.key), cases: toBooks(r, 'c', 0), money: toBooks(r, 'm', Number(r.m_part_paid)) }));
}

function toBooks(row: Record<string, string | number | null>, prefix: 'c' | 'm', partPaid: number): Books {
  const n = (name: string) => Number(row[`${prefix}_${name}`] ?? 0);
  const total = n('total');
  const toEnforce = total - n('entrusted') - n('withdrawn');
  const withConditions = n('with_conditions');
  const done = n('completed') + n('terminated') + partPaid;
  return {
    carried_over: n('carried_over'),
    new: n('new'),
    total,
    entrusted: n('entrusted'),
    withdrawn: n('withdrawn'),
    to_enforce: toEnforce,
    with_conditions: withConditions,
    without_conditions: n('without_conditions'),
    completed: n('completed'),
    terminated: n('terminated'),
    done,
    postponed: n('postponed'),
    suspended: n('suspended'),
    carried_to_next: toEnforce - done,
    carried_with_conditions: withConditions - done,
    rate: rateOf(done, withConditions),
  };
}

/** done ÷ with conditions in percent, rounded half up to 2 decimals, exactly (integers only). */
export function rateOf(done: number, withConditions: number): number | null {
  if (withConditions <= 0) return null;
  const scaled = (BigInt(done) * 20000n + BigInt(withConditions)) / (2n * BigInt(withConditions));
  return Number(scaled) / 100;
}

export const emptyBooks = (): Books => toBooks({}, 'c', 0);
