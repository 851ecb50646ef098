import { and, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { targets, units } from '../schema.ts';
import { type IsoDate, sameDayLastYear, workYearOf, workYearStart } from '../work-year.ts';
import { aggregateBooks, type BooksGroup, emptyBooks, rateOf } from './books.ts';
import type { NumbersOptions } from './options.ts';
import { overdueCondition } from './overdue.ts';
import { carriedCutBaseAt, creditAndFlags, targetsMet, toCarriedCut, toTargets } from './summary.ts';
import type { Books, Summary } from './types.ts';

export interface UnitNode {
  id: number;
  code: string;
  name: string;
  kind: Summary['kind'];
  parentId: number | null;
}

/** Every unit's summary, keyed by unit id, and the tree they were computed on. */
export interface AllSummaries {
  units: UnitNode[];
  summaries: Map<number, Summary>;
}

/**
 * The summary of every unit as of `at`, equal to getSummary unit by unit, in a fixed number of
 * queries whatever the number of units: the books are grouped by unit in one pass over the cases
 * (one for this year, one for the same day last year) and a province's are its subtree's sum.
 * For the jobs, which need every unit at once.
 */
export async function getAllSummaries(db: Db, at: IsoDate, options: NumbersOptions): Promise<AllSummaries> {
  const workYear = workYearOf(at);
  const from = workYearStart(workYear);
  const lastYearAt = sameDayLastYear(at);
  const baseAt = carriedCutBaseAt(from);
  const nodes: UnitNode[] = await db
    .select({ id: units.id, code: units.code, name: units.name, kind: units.kind, parentId: units.parentId })
    .from(units)
    .orderBy(units.code);
  const ids = nodes.map((u) => u.id);
  const groupKey = sql`b.unit_id`;
  const previousFrom = workYearStart(workYear - 1);
  const [current, lastYear, targetRows] = await Promise.all([
    aggregateBooks(db, { unitIds: ids, from, at, groupKey, countWhere: overdueCondition(at, options), previousFrom }),
    aggregateBooks(db, { unitIds: ids, from: workYearStart(workYearOf(lastYearAt)), at: lastYearAt, groupKey }),
    db.select().from(targets).where(and(isNull(targets.officerId), sql`${targets.workYear} = ${workYear}`)),
  ]);
  const byKey = (groups: BooksGroup[]) => new Map(groups.map((g) => [Number(g.key), g]));
  const currentOf = byKey(current);
  const lastOf = byKey(lastYear);
  const goals = new Map(targetRows.map((r) => [r.unitId, toTargets(r)]));
  const subtrees = getSubtrees(nodes);

  const summaries = new Map<number, Summary>();
  for (const node of nodes) {
    const subtree = subtrees.get(node.id)!;
    const now = sumGroups(subtree.map((id) => currentOf.get(id)));
    const last = sumGroups(subtree.map((id) => lastOf.get(id)));
    const cut = toCarriedCut(baseAt, now.cutBase, now);
    const goal = goals.get(node.id) ?? null;
    summaries.set(node.id, {
      unit: node.code,
      name: node.name,
      kind: node.kind,
      work_year: workYear,
      from,
      at,
      cases: now.cases,
      money: now.money,
      targets: goal,
      same_period_last_year: { at: lastYearAt, cases_rate: last.cases.rate, money_rate: last.money.rate, cases: last.cases, money: last.money },
      carried_cut: cut,
      targets_met: targetsMet(goal, now, cut),
      ...creditAndFlags(now),
      overdue: now.flagged,
    });
  }
  return { units: nodes, summaries };
}

/** Each unit's id with those of every unit below it (itself first). */
export function getSubtrees(nodes: readonly UnitNode[]): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const n of nodes) if (n.parentId !== null) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n.id]);
  const result = new Map<number, number[]>();
  const collect = (id: number, seen: Set<number>): number[] => {
    if (seen.has(id)) return []; // a cycle in bad data must not hang the job
    seen.add(id);
    return [id, ...(children.get(id) ?? []).flatMap((c) => collect(c, seen))];
  };
  for (const n of nodes) result.set(n.id, collect(n.id, new Set()));
  return result;
}

/** Adds up books groups: every column adds, the rates are recomputed from the sums. */
export function sumGroups(groups: readonly (BooksGroup | undefined)[]): Omit<BooksGroup, 'key'> {
  const present = groups.filter((g): g is BooksGroup => g !== undefined);
  return {
    cases: sumBooks(present.map((g) => g.cases)),
    money: sumBooks(present.map((g) => g.money)),
    flagged: present.reduce((n, g) => n + g.flagged, 0),
    cutBase: {
      cases: present.reduce((n, g) => n + g.cutBase.cases, 0),
      money: present.reduce((n, g) => n + g.cutBase.money, 0),
    },
    credit: {
      cases: sumBooks(present.map((g) => g.credit.cases)),
      money: sumBooks(present.map((g) => g.credit.money)),
    },
    flags: {
      complaint: present.reduce((n, g) => n + g.flags.complaint, 0),
      complex: present.reduce((n, g) => n + g.flags.complex, 0),
    },
  };
}

function sumBooks(list: readonly Books[]): Books {
  const total = emptyBooks();
  for (const b of list) {
    for (const key of Object.keys(total) as (keyof Books)[]) {
      if (key !== 'rate') total[key] += b[key];
    }
  }
  total.rate = rateOf(total.done, total.with_conditions);
  return total;
}
