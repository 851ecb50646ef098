import { count, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { auditLog, caseStatusHistory, collections, notes, processedUpdates, verifications } from '../../db/schema.ts';

type Tallied = typeof collections | typeof caseStatusHistory | typeof verifications | typeof notes | typeof auditLog | typeof processedUpdates;

/** Everything a refused progress report could have touched (cases, their records, the audit trail, update claims), to compare before and after. */
export async function reportSnapshot(db: Db) {
  const tally = async (table: Tallied) => (await db.select({ n: count() }).from(table))[0]!.n;
  return {
    cases: (await queryRows<{ digest: string }>(db, sql`select md5(string_agg(c::text, ',' order by id)) as digest from cases c`))[0],
    collections: await tally(collections),
    history: await tally(caseStatusHistory),
    verifications: await tally(verifications),
    notes: await tally(notes),
    audit: await tally(auditLog),
    claims: await tally(processedUpdates),
  };
}
