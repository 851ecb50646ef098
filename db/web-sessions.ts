import { and, eq, gt, isNull, lt, or } from 'drizzle-orm';
import type { Db } from './client.ts';
import { getPersonById, type Person } from './identity.ts';
import { auditLog, staff, webSessions } from './schema.ts';

/** A working day: signed in in the morning, signed out by the evening. */
export const WEB_SESSION_VALID_MS = 12 * 60 * 60 * 1000;

/**
 * The staff member of a live session (not revoked, not expired, still active), or null: an
 * unknown or stale session is simply signed out. Started by db/sign-in-links.ts signInWithLink.
 */
export async function findWebSession(db: Db, idHash: string, now: Date): Promise<{ person: Person; expiresAt: Date } | null> {
  const [row] = await db
    .select({ staffId: webSessions.staffId, expiresAt: webSessions.expiresAt })
    .from(webSessions)
    .where(and(eq(webSessions.idHash, idHash), isNull(webSessions.revokedAt), gt(webSessions.expiresAt, now)));
  const person = row ? await getPersonById(db, row.staffId) : null;
  return row && person ? { person, expiresAt: row.expiresAt } : null;
}

/**
 * Starts a session for a demo persona (server/web/try-it): no link, the try-it page's button
 * instead; an earlier session of the browser (`replaces`) ends. Audited like a link's sign-in,
 * marked `persona`. The caller has checked that this is the demo and the request a local one.
 */
export async function startPersonaSession(db: Db, input: { staffId: number; sessionIdHash: string; replaces?: string; now: Date }): Promise<Date> {
  return db.transaction((tx) => openWebSession(tx, input, { persona: true }));
}

/**
 * Opens a session inside the caller's transaction (a link's claim, a persona's button): ends the
 * browser's earlier one (`replaces`), stores the new one for 12 hours, audits it. Its end, returned.
 */
export async function openWebSession(
  tx: Tx,
  input: { staffId: number; sessionIdHash: string; replaces?: string; now: Date },
  details: Record<string, unknown> = {},
): Promise<Date> {
  const { now } = input;
  const expiresAt = new Date(now.getTime() + WEB_SESSION_VALID_MS);
  if (input.replaces) await tx.update(webSessions).set({ revokedAt: now }).where(and(eq(webSessions.idHash, input.replaces), isNull(webSessions.revokedAt)));
  await tx.insert(webSessions).values({ idHash: input.sessionIdHash, staffId: input.staffId, createdAt: now, expiresAt });
  const [who] = await tx.select({ code: staff.code }).from(staff).where(eq(staff.id, input.staffId));
  await tx.insert(auditLog).values({
    at: now,
    staffId: input.staffId,
    actor: who?.code ?? String(input.staffId),
    channel: 'web',
    action: 'web_session.start',
    entity: 'staff',
    entityCode: who?.code,
    details: { expires_at: expiresAt.toISOString(), ...details },
  });
  return expiresAt;
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Ends a session (signing out); true when it was live. Audited like its start. */
export async function revokeWebSession(db: Db, idHash: string, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(webSessions)
      .set({ revokedAt: now })
      .where(and(eq(webSessions.idHash, idHash), isNull(webSessions.revokedAt), gt(webSessions.expiresAt, now)))
      .returning({ staffId: webSessions.staffId });
    if (!row) return false;
    const [who] = await tx.select({ code: staff.code }).from(staff).where(eq(staff.id, row.staffId));
    await tx.insert(auditLog).values({
      at: now,
      staffId: row.staffId,
      actor: who?.code ?? String(row.staffId),
      channel: 'web',
      action: 'web_session.end',
      entity: 'staff',
      entityCode: who?.code,
    });
    return true;
  });
}

/** Forgets sessions that ended (expired or signed out) before `before`: the audit log keeps their start and end. */
export async function pruneWebSessions(db: Db, before: Date): Promise<number> {
  const rows = await db
    .delete(webSessions)
    .where(or(lt(webSessions.expiresAt, before), lt(webSessions.revokedAt, before)))
    .returning({ staffId: webSessions.staffId });
  return rows.length;
}
