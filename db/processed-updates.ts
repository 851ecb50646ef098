import { and, eq, lt } from 'drizzle-orm';
import type { Db } from './client.ts';
import { type ChatPlatform, processedUpdates } from './schema.ts';
import { DatabaseUnavailableError, isDatabaseUnreachable } from './unreachable.ts';

/**
 * Claims an inbound update (Telegram update_id, Slack event_id): true the first time, false when
 * the platform resends it, so a resent collection is not recorded twice. The insert is the
 * check, so two processes receiving the same resend cannot both win. Claim inside the same
 * transaction as the update's writes when possible: a failure then releases the claim as well,
 * and the platform's resend gets a second chance. Throws DatabaseUnavailableError when the
 * database could not be reached (nothing claimed).
 */
/** Whose inbound ids are claimed: the chat platforms', and the web chat's forms. */
export type ClaimPlatform = ChatPlatform | 'web';

export async function claimUpdate(db: Db, platform: ClaimPlatform, updateId: string, now?: Date): Promise<boolean> {
  try {
    const rows = await db
      .insert(processedUpdates)
      .values({ platform, updateId, ...(now ? { processedAt: now } : {}) })
      .onConflictDoNothing()
      .returning({ updateId: processedUpdates.updateId });
    return rows.length > 0;
  } catch (error) {
    // Nothing was claimed: the caller may have the platform resend the update (webhook 503).
    throw isDatabaseUnreachable(error) ? new DatabaseUnavailableError(error) : error;
  }
}

/** Whether an inbound id was claimed already (a form submitted before), without claiming it. */
export async function isClaimed(db: Db, platform: ClaimPlatform, updateId: string): Promise<boolean> {
  const rows = await db
    .select({ id: processedUpdates.updateId })
    .from(processedUpdates)
    .where(and(eq(processedUpdates.platform, platform), eq(processedUpdates.updateId, updateId)))
    .limit(1);
  return rows.length > 0;
}

/**
 * Forgets claims older than `olderThan` (platforms stop resending within a day or so); returns
 * how many went.
 */
export async function pruneProcessedUpdates(db: Db, olderThan: Date): Promise<number> {
  const rows = await db
    .delete(processedUpdates)
    .where(lt(processedUpdates.processedAt, olderThan))
    .returning({ updateId: processedUpdates.updateId });
  return rows.length;
}
