/** How many rows each table a chat message may write holds: a test compares before and after. */
import { count } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  auditLog,
  caseStatusHistory,
  chatIdentities,
  collections,
  deliveries,
  dialogues,
  linkAttempts,
  notes,
  processedUpdates,
  verifications,
} from '../../db/schema.ts';

const written = { auditLog, caseStatusHistory, chatIdentities, collections, deliveries, dialogues, linkAttempts, notes, processedUpdates, verifications };

export async function rowCounts(db: Db): Promise<Record<keyof typeof written, number>> {
  const entries = await Promise.all(
    Object.entries(written).map(async ([name, table]) => [name, (await db.select({ n: count() }).from(table))[0]!.n] as const),
  );
  return Object.fromEntries(entries) as Record<keyof typeof written, number>;
}
