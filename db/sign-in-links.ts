import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from './client.ts';
import { generateSecretToken, hashSecret } from './secret-tokens.ts';
import { auditLog, type Channel, signInLinks, staff } from './schema.ts';
import { openWebSession } from './web-sessions.ts';

/** Long enough to open the link on the same phone or a computer beside it; short enough to go stale in a chat's history. */
export const SIGN_IN_LINK_VALID_MS = 10 * 60 * 1000;

export type SignInLinkState = 'valid' | 'used' | 'expired' | 'unknown';

/**
 * A new one-time sign-in link's token for this staff member (its hash alone is stored). A new
 * link replaces the unused earlier ones, so at most one works at a time.
 */
export async function issueSignInLink(
  db: Db,
  staffId: number,
  by: { actor: string; channel: Channel; now: Date },
): Promise<{ token: string; expiresAt: Date }> {
  const token = generateSecretToken();
  const tokenHash = await hashSecret(token);
  const expiresAt = new Date(by.now.getTime() + SIGN_IN_LINK_VALID_MS);
  await db.transaction(async (tx) => {
    await tx.delete(signInLinks).where(and(eq(signInLinks.staffId, staffId), isNull(signInLinks.usedAt)));
    await tx.insert(signInLinks).values({ tokenHash, staffId, expiresAt, createdAt: by.now });
    await tx.insert(auditLog).values({
      at: by.now,
      staffId,
      actor: by.actor,
      channel: by.channel,
      action: 'sign_in_link.create',
      entity: 'staff',
      entityCode: by.actor,
      details: { expires_at: expiresAt.toISOString() },
    });
  });
  return { token, expiresAt };
}

/** Where a link stands, without using it (the confirm page): and whose it is while it is valid. */
export async function peekSignInLink(
  db: Db,
  tokenHash: string,
  now: Date,
): Promise<{ state: Exclude<SignInLinkState, 'valid'> } | { state: 'valid'; staffId: number; expiresAt: Date }> {
  const [row] = await db
    .select({ staffId: signInLinks.staffId, usedAt: signInLinks.usedAt, expiresAt: signInLinks.expiresAt, active: staff.active })
    .from(signInLinks)
    .innerJoin(staff, eq(staff.id, signInLinks.staffId))
    .where(eq(signInLinks.tokenHash, tokenHash));
  if (!row || !row.active) return { state: 'unknown' };
  if (row.usedAt) return { state: 'used' };
  if (row.expiresAt.getTime() <= now.getTime()) return { state: 'expired' };
  return { state: 'valid', staffId: row.staffId, expiresAt: row.expiresAt };
}

export type SignInOutcome = { ok: true; staffId: number; expiresAt: Date } | { ok: false; state: Exclude<SignInLinkState, 'valid'> };

/**
 * Uses a link and starts a session, in one transaction: the link is claimed by a single UPDATE
 * (unused, unexpired, its staff member active), so of two requests racing with it one wins and
 * the other is refused. `replaces`: the session this browser held before, ended.
 */
export async function signInWithLink(
  db: Db,
  input: { tokenHash: string; sessionIdHash: string; replaces?: string; now: Date },
): Promise<SignInOutcome> {
  const { now } = input;
  const claimed = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(signInLinks)
      .set({ usedAt: now })
      .where(
        and(
          eq(signInLinks.tokenHash, input.tokenHash),
          isNull(signInLinks.usedAt),
          gt(signInLinks.expiresAt, now),
          sql`exists (select 1 from staff s where s.id = sign_in_links.staff_id and s.active)`,
        ),
      )
      .returning({ staffId: signInLinks.staffId });
    if (!row) return undefined;
    const expiresAt = await openWebSession(tx, { staffId: row.staffId, sessionIdHash: input.sessionIdHash, replaces: input.replaces, now });
    return { staffId: row.staffId, expiresAt };
  });
  if (claimed) return { ok: true, ...claimed };
  const { state } = await peekSignInLink(db, input.tokenHash, now);
  // Lost a race in the instant between the claim and this look: used by the other request.
  return { ok: false, state: state === 'valid' ? 'used' : state };
}

/** Forgets links expired before `before` (used or not): the audit log keeps who asked for one. */
export async function pruneSignInLinks(db: Db, before: Date): Promise<number> {
  const rows = await db.delete(signInLinks).where(lt(signInLinks.expiresAt, before)).returning({ staffId: signInLinks.staffId });
  return rows.length;
}
