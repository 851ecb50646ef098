import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import type { UserError } from '../../db/errors.ts';
import { findPerson, getPersonByCode, redeemLinkCode, setLocale } from '../../db/identity.ts';
import { issueLinkCode } from '../../db/link-codes.ts';
import { claimUpdate, pruneProcessedUpdates } from '../../db/processed-updates.ts';
import { chatIdentities, linkAttempts, linkCodes, staff, staffOversees } from '../../db/schema.ts';
import type { ResultCache } from '../../db/result-cache.ts';
import { createTestCache, drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { addStaff, addUnit } from '../helpers/fixtures.ts';

const T0 = new Date('2026-11-23T02:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const by = (now: Date) => ({ actor: 'test', channel: 'console' as const, now });

/** The error a promise rejects with, for its code and params. */
async function rejection(promise: Promise<unknown>): Promise<UserError> {
  return promise.then(
    () => expect.fail('expected a refusal'),
    (e: UserError) => e,
  );
}

describe.each(drivers)('identity on %s', (driver) => {
  let handle: TestDb;
  let db: TestDb['db'];
  let cache: ResultCache;
  const ids = {} as Record<'P' | 'A' | 'head' | 'chv' | 'other' | 'gone', number>;
  beforeAll(async () => {
    handle = await openTestDb(driver);
    db = handle.db;
    cache = createTestCache(db);
    ids.P = await addUnit(db, 'P', 'province');
    ids.A = await addUnit(db, 'A', 'local', 'P');
    ids.head = await addStaff(db, 'P-HEAD', ids.P, 'province_head');
    ids.chv = await addStaff(db, 'A-CHV1', ids.A, 'officer');
    ids.other = await addStaff(db, 'A-CHV2', ids.A, 'officer');
    ids.gone = await addStaff(db, 'A-GONE', ids.A, 'clerk');
    await db.update(staff).set({ active: false }).where(eq(staff.id, ids.gone));
    await db.insert(staffOversees).values({ staffId: ids.head, unitId: ids.A });
  });
  afterAll(() => handle.close());

  it('links with a good code: identity, code spent, audit row; the account then finds the person', async () => {
    const { code } = await issueLinkCode(db, 'A-CHV1', by(T0));
    const person = await redeemLinkCode(db, 'telegram', '1001', code.toLowerCase().replace(/(.{4})/, '$1-'), minutes(1), cache);
    expect(person).toMatchObject({ staffId: ids.chv, code: 'A-CHV1', unitId: ids.A, unitCode: 'A', unitKind: 'local', provinceId: ids.P });
    expect(await db.select().from(chatIdentities).where(eq(chatIdentities.staffId, ids.chv))).toMatchObject([
      { platform: 'telegram', externalId: '1001', source: 'link' },
    ]);
    const [spent] = await db.select().from(linkCodes).where(eq(linkCodes.staffId, ids.chv));
    expect(spent!.usedAt).toEqual(minutes(1));
    const audit = await queryRows<{ action: string; channel: string; entity_code: string }>(
      db,
      sql`select action, channel, entity_code from audit_log where action = 'link'`,
    );
    expect(audit).toEqual([{ action: 'link', channel: 'telegram', entity_code: 'A-CHV1' }]);
    expect(await findPerson(db, 'telegram', '1001', cache)).toEqual(person);
    expect(await findPerson(db, 'slack', '1001', cache)).toBeNull();
    expect(await findPerson(db, 'telegram', '9999', cache)).toBeNull();
  });

  it('refuses a code used once already, and an expired one, with the same message', async () => {
    const { code } = await issueLinkCode(db, 'A-CHV2', by(T0));
    await redeemLinkCode(db, 'telegram', '2001', code, minutes(1), cache);
    expect((await rejection(redeemLinkCode(db, 'telegram', '2002', code, minutes(2), cache))).code).toBe('link.invalid_code');
    const late = await issueLinkCode(db, 'A-CHV2', by(T0));
    const afterExpiry = new Date(late.expiresAt.getTime() + 1);
    expect((await rejection(redeemLinkCode(db, 'telegram', '2003', late.code, afterExpiry, cache))).code).toBe('link.invalid_code');
    expect((await findPerson(db, 'telegram', '2001', cache))?.code).toBe('A-CHV2');
  });

  it('allows 5 wrong tries an hour: the 6th is refused unchecked and uncounted, then accepted after the hour', async () => {
    const { code } = await issueLinkCode(db, 'P-HEAD', by(T0));
    for (let i = 0; i < 5; i++)
      expect((await rejection(redeemLinkCode(db, 'slack', 'U1', 'WRONG', minutes(i), cache))).code).toBe('link.invalid_code');
    const refused = await rejection(redeemLinkCode(db, 'slack', 'U1', code, minutes(10), cache));
    expect([refused.code, refused.params]).toEqual(['link.too_many_attempts', { minutes: 50 }]);
    const counted = await db.select().from(linkAttempts).where(and(eq(linkAttempts.platform, 'slack'), eq(linkAttempts.externalId, 'U1')));
    expect(counted).toHaveLength(5);
    // Other accounts are not held up by this one's guessing.
    expect((await rejection(redeemLinkCode(db, 'slack', 'U2', 'WRONG', minutes(10), cache))).code).toBe('link.invalid_code');
    const person = await redeemLinkCode(db, 'slack', 'U1', code, minutes(61), cache);
    expect(person).toMatchObject({ code: 'P-HEAD', unitKind: 'province', provinceId: ids.P, oversees: [ids.A] });
  });

  it('moves an account to the person of a new code, and replaces that person’s earlier account', async () => {
    // 1001 belongs to A-CHV1; a code for A-CHV2 redeemed from it hands the account over.
    const forOther = await issueLinkCode(db, 'A-CHV2', by(T0));
    await redeemLinkCode(db, 'telegram', '1001', forOther.code, minutes(5), cache);
    expect((await findPerson(db, 'telegram', '1001', cache))?.code).toBe('A-CHV2');
    expect(await findPerson(db, 'telegram', '2001', cache)).toBeNull(); // A-CHV2's earlier account
    const rows = await db.select().from(chatIdentities).where(eq(chatIdentities.platform, 'telegram'));
    expect(rows.map((r) => [r.externalId, r.staffId])).toEqual([['1001', ids.other]]);
  });

  it('spends a code once when two accounts redeem it at the same moment', async () => {
    const { code } = await issueLinkCode(db, 'A-CHV1', by(T0));
    const results = await Promise.allSettled([
      redeemLinkCode(db, 'slack', 'U7', code, minutes(3), cache),
      redeemLinkCode(db, 'slack', 'U8', code, minutes(3), cache),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  });

  it('finds no inactive person, on any platform or the console', async () => {
    await db.insert(chatIdentities).values({ platform: 'telegram', externalId: '3001', staffId: ids.gone, source: 'import' });
    expect(await findPerson(db, 'telegram', '3001', cache)).toBeNull();
    expect(await findPerson(db, 'console', 'A-GONE', cache)).toBeNull();
    expect((await rejection(issueLinkCode(db, 'A-GONE', by(T0)))).code).toBe('link.staff_inactive');
  });

  it('resolves the console by staff code, case-insensitively, and keeps a chosen language', async () => {
    expect((await findPerson(db, 'console', ' a-chv1 ', cache))?.staffId).toBe(ids.chv);
    expect(await getPersonByCode(db, 'NOBODY')).toBeNull();
    await setLocale(db, ids.chv, 'en', cache);
    expect((await getPersonByCode(db, 'A-CHV1'))?.locale).toBe('en');
  });

  it('claims an update once: a resend is refused, and old claims are pruned', async () => {
    expect(await claimUpdate(db, 'telegram', '777', T0)).toBe(true);
    expect(await claimUpdate(db, 'telegram', '777')).toBe(false);
    expect(await claimUpdate(db, 'slack', '777')).toBe(true);
    expect(await pruneProcessedUpdates(db, minutes(1))).toBe(1);
    expect(await claimUpdate(db, 'telegram', '777')).toBe(true);
  });
});
