import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { hashSecret, isSecretToken } from '../../db/secret-tokens.ts';
import { staff, webSessions } from '../../db/schema.ts';
import { issueSignInLink, peekSignInLink, signInWithLink } from '../../db/sign-in-links.ts';
import { findWebSession, revokeWebSession } from '../../db/web-sessions.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { addStaff, addUnit } from '../helpers/fixtures.ts';

const NOW = new Date('2026-11-23T02:00:00Z');
const by = { actor: 'A-OFF', channel: 'telegram' as const, now: NOW };

describe.each(drivers)('sign-in links and web sessions on %s', (driver) => {
  let handle: TestDb;
  let staffId: number;
  beforeAll(async () => {
    handle = await openTestDb(driver);
    staffId = await addStaff(handle.db, 'A-OFF', await addUnit(handle.db, 'A', 'province'), 'officer');
  });
  afterAll(() => handle.close());

  const attempt = async (token: string, at = NOW) =>
    signInWithLink(handle.db, { tokenHash: await hashSecret(token), sessionIdHash: await hashSecret(crypto.randomUUID()), now: at });

  it('issues 256-bit tokens, and of two requests racing with one link exactly one signs in', async () => {
    const { token } = await issueSignInLink(handle.db, staffId, by);
    expect(isSecretToken(token)).toBe(true);
    const outcomes = await Promise.all([attempt(token), attempt(token), attempt(token)]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok)).toEqual([{ ok: false, state: 'used' }, { ok: false, state: 'used' }]);
  });

  it('refuses a link of a staff member no longer active, as unknown', async () => {
    const { token } = await issueSignInLink(handle.db, staffId, by);
    await handle.db.update(staff).set({ active: false }).where(eq(staff.id, staffId));
    expect(await peekSignInLink(handle.db, await hashSecret(token), NOW)).toEqual({ state: 'unknown' });
    expect(await attempt(token)).toEqual({ ok: false, state: 'unknown' });
    await handle.db.update(staff).set({ active: true }).where(eq(staff.id, staffId));
  });

  it('ends a session once, and a session of a staff member made inactive signs out', async () => {
    const { token } = await issueSignInLink(handle.db, staffId, by);
    const sessionId = crypto.randomUUID();
    const idHash = await hashSecret(sessionId);
    expect(await signInWithLink(handle.db, { tokenHash: await hashSecret(token), sessionIdHash: idHash, now: NOW })).toMatchObject({ ok: true, staffId });
    expect((await findWebSession(handle.db, idHash, NOW))?.person.code).toBe('A-OFF');
    await handle.db.update(staff).set({ active: false }).where(eq(staff.id, staffId));
    expect(await findWebSession(handle.db, idHash, NOW)).toBeNull();
    await handle.db.update(staff).set({ active: true }).where(eq(staff.id, staffId));
    expect(await revokeWebSession(handle.db, idHash, NOW)).toBe(true);
    expect(await revokeWebSession(handle.db, idHash, NOW)).toBe(false);
    expect(await findWebSession(handle.db, idHash, NOW)).toBeNull();
    const [row] = await handle.db.select().from(webSessions).where(eq(webSessions.idHash, idHash));
    expect(row!.revokedAt).toEqual(NOW);
  });
});
