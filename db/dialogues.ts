import { and, eq, gt, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from './client.ts';
import { dialogues } from './schema.ts';

/** Whose conversation: one person's chat account in one chat (a group and a private chat differ). */
export interface DialogueKey {
  platform: (typeof dialogues.$inferSelect)['platform'];
  chatId: string;
  accountId: string;
  /** The staff member behind the account: a dialogue never outlives a re-link to someone else. */
  staffId: number;
}

export type DialogueState = Record<string, unknown>;

/** Long enough to find a receipt, short enough that a forgotten question does not catch a later message. */
export const DIALOGUE_TTL_MS = 30 * 60 * 1000;

function byKey(key: DialogueKey): SQL {
  return and(
    eq(dialogues.platform, key.platform),
    eq(dialogues.chatId, key.chatId),
    eq(dialogues.accountId, key.accountId),
    eq(dialogues.staffId, key.staffId),
  )!;
}

/** jsonb containment: the stored state holds every key and value of `match`. */
const contains = (match: DialogueState): SQL => sql`${dialogues.state} @> ${JSON.stringify(match)}::jsonb`;

/** The state of the dialogue under way, or null when there is none or it has expired. */
export async function getDialogue(db: Db, key: DialogueKey, now: Date): Promise<DialogueState | null> {
  const [row] = await db
    .select({ state: dialogues.state })
    .from(dialogues)
    .where(and(byKey(key), gt(dialogues.expiresAt, now)))
    .limit(1);
  return row?.state ?? null;
}

/** Starts or moves on a dialogue: the state replaces any earlier one of this account in this chat. */
export async function setDialogue(db: Db, key: DialogueKey, state: DialogueState, now: Date, ttlMs = DIALOGUE_TTL_MS): Promise<void> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  await db
    .insert(dialogues)
    .values({ ...key, state, expiresAt, updatedAt: now })
    .onConflictDoUpdate({
      target: [dialogues.platform, dialogues.chatId, dialogues.accountId],
      set: { staffId: key.staffId, state, expiresAt, updatedAt: now },
    });
}

/** Ends the dialogue (only one whose state contains `match`, when given); true if one was there. */
export async function clearDialogue(db: Db, key: DialogueKey, match?: DialogueState): Promise<boolean> {
  const rows = await db
    .delete(dialogues)
    .where(and(byKey(key), match ? contains(match) : undefined))
    .returning({ chatId: dialogues.chatId });
  return rows.length > 0;
}

/**
 * Ends a live dialogue whose state contains `match` and returns its state, or null. The delete
 * is the check: of two presses of one confirm button, even in two processes at once, exactly
 * one gets the state back (the other waits on the row lock, then finds it gone). Called inside
 * the transaction that makes the confirmed change, a refused change puts the dialogue back.
 */
export async function takeDialogue(db: Db, key: DialogueKey, match: DialogueState, now: Date): Promise<DialogueState | null> {
  const [row] = await db
    .delete(dialogues)
    .where(and(byKey(key), gt(dialogues.expiresAt, now), contains(match)))
    .returning({ state: dialogues.state });
  return row?.state ?? null;
}

/** Forgets expired dialogues (they already count as absent); returns how many went. */
export async function pruneDialogues(db: Db, now: Date): Promise<number> {
  const rows = await db.delete(dialogues).where(lte(dialogues.expiresAt, now)).returning({ chatId: dialogues.chatId });
  return rows.length;
}
