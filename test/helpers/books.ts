import { expect } from 'vitest';
import type { Books, Summary } from '../../db/numbers/types.ts';

/** Every identity of CONTRACT.md ("Every row adds up") on one column of the books, and no row below 0. */
export function expectRowsAddUp(b: Books, where = ''): void {
  const check = (actual: number, expected: number, identity: string) => expect(actual, `${where} ${identity}`).toBe(expected);
  check(b.total, b.to_enforce + b.entrusted + b.withdrawn, 'total = to_enforce + entrusted + withdrawn');
  check(b.total, b.carried_over + b.new, 'total = carried_over + new');
  check(b.to_enforce, b.with_conditions + b.without_conditions, 'to_enforce = with + without conditions');
  check(b.with_conditions, b.completed + b.terminated + b.enforcing + b.postponed + b.suspended, 'with_conditions = its five rows');
  check(b.done, b.completed + b.terminated, 'done = completed + terminated');
  check(b.carried_with_conditions, b.enforcing + b.postponed + b.suspended, 'carried_with_conditions');
  check(b.carried_to_next, b.to_enforce - b.done, 'carried_to_next = to_enforce − done');
  for (const [key, value] of Object.entries(b)) if (key !== 'rate' && value < 0) expect.fail(`${where} ${key} is ${value}`);
}

/** Both columns of a summary add up. */
export function expectSummaryAddsUp(s: Pick<Summary, 'cases' | 'money'>, where = ''): void {
  expectRowsAddUp(s.cases, `${where} cases:`);
  expectRowsAddUp(s.money, `${where} money:`);
}
