import type { Db } from '../client.ts';
import { UserError } from '../errors.ts';
import { collections } from '../schema.ts';
import type { IsoDate } from '../work-year.ts';
import { checkDate, checkEventDate } from './checks.ts';
import { collectionRefusal } from './report.ts';
import { type Actor, type CaseChange, type WriteContext, updateCase } from './update.ts';

/**
 * Records money collected (thực thu) for a case. Refused above what is still owed, on a case
 * without money, on a closed case, and for a day in the future or before the case was accepted.
 * Paying off the whole debt does not complete the case: completion is the officer's own report
 * (`xong`), so `after.remaining === 0` is the caller's cue to suggest it.
 */
export async function recordCollection(
  db: Db,
  caseCode: string,
  input: { amount: number; on: IsoDate },
  actor: Actor,
  clock: WriteContext,
): Promise<CaseChange> {
  // Input alone decides these: fail before taking a lock.
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) throw new UserError('case.amount_not_positive');
  checkDate(input.on);
  return updateCase(db, caseCode, actor, clock, 'case.collect', async (tx, row) => {
    // A case without conditions stays open to money: a debtor may still pay of their own accord.
    const refusal = collectionRefusal(row, input.amount);
    if (refusal) throw refusal;
    checkEventDate(input.on, clock.today, row);
    const [added] = await tx
      .insert(collections)
      .values({
        caseId: row.id,
        // Must equal the case's unit: a unit's money is summed from collections.unit_id alone.
        unitId: row.unitId,
        collectedOn: input.on,
        amount: input.amount,
        source: actor.channel,
        staffId: actor.staffId,
        createdAt: clock.now,
      })
      .returning({ id: collections.id });
    return { collection_id: added!.id, amount: input.amount, on: input.on };
  });
}
