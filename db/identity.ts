import { and, desc, eq, gt, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from './rows.ts';
import { UserError } from './errors.ts';
import { hashLinkCode } from './link-codes.ts';
import type { ChangeSink, ResultCache } from './result-cache.ts';
import { auditLog, type ChatPlatform, chatIdentities, linkAttempts, linkCodes, staff, type StaffRole } from './schema.ts';

/** Who is talking to the bot: an active staff member, with what the permission rules need. */
export interface Person {
  staffId: number;
  code: string;
  name: string;
  role: StaffRole;
  unitId: number;
  unitCode: string;
  unitName: string;
  unitKind: 'province' | 'local';
  /** The province-level unit at the top of this person's tree (their own unit for province staff). */
  provinceId: number;
  locale: 'vi' | 'en' | null;
  /** Units this person oversees (Lãnh đạo Cục phụ trách địa bàn): escalations, not access. */
  oversees: number[];
}

export const MAX_LINK_ATTEMPTS = 5;
export const LINK_ATTEMPT_WINDOW_MS = 60 * 60 * 1000;

interface PersonRow {
  id: number;
  code: string;
  full_name: string;
  role: StaffRole;
  locale: 'vi' | 'en' | null;
  unit_id: number;
  unit_code: string;
  unit_name: string;
  unit_kind: 'province' | 'local';
  province_id: number;
  oversees: number[] | null;
}

/**
 * One query per message: the staff row, its unit, the nearest province-level ancestor (the top
 * of the tree when there is none, as in a lone local unit) and the oversight list. jsonb rather
 * than an array, because postgres.js without fetch_types (Workers) returns arrays as text.
 */
async function loadPerson(db: Db, which: SQL, order: SQL = sql`s.id`): Promise<Person | null> {
  const [row] = await queryRows<PersonRow>(
    db,
    sql`with recursive me as (
          select s.id, s.code, s.full_name, s.role, s.locale, s.unit_id,
                 u.code as unit_code, u.name as unit_name, u.kind as unit_kind
          from staff s join units u on u.id = s.unit_id
          where s.active and ${which}
          order by ${order}
          limit 1
        ), up as (
          select u.id, u.parent_id, u.kind, 0 as depth from units u join me on u.id = me.unit_id
          union all
          select p.id, p.parent_id, p.kind, up.depth + 1 from units p join up on p.id = up.parent_id
          where up.depth < 32
        )
        select me.*,
          coalesce((select id from up where kind = 'province' order by depth limit 1),
                   (select id from up order by depth desc limit 1)) as province_id,
          (select jsonb_agg(o.unit_id order by o.unit_id) from staff_oversees o where o.staff_id = me.id) as oversees
        from me`,
  );
  if (!row) return null;
  return {
    staffId: Number(row.id),
    code: row.code,
    name: row.full_name,
    role: row.role,
    unitId: Number(row.unit_id),
    unitCode: row.unit_code,
    unitName: row.unit_name,
    unitKind: row.unit_kind,
    provinceId: Number(row.province_id),
    locale: row.locale,
    oversees: (row.oversees ?? []).map(Number),
  };
}

/**
 * The active staff member behind a chat account (on the console, the staff code itself), or null.
 * Asked for every message: on the embedded database the answer is kept (cache.persons) until a
 * writer announces a change of `people`. The Person is frozen: callers share it.
 */
export async function findPerson(
  db: Db,
  platform: ChatPlatform | 'console',
  externalId: string,
  cache: ResultCache,
): Promise<Person | null> {
  if (platform === 'console') return getPersonByCode(db, externalId);
  return cache.persons.get(`${platform}:${externalId}`, () =>
    loadPerson(db, sql`s.id = (select staff_id from chat_identities where platform = ${platform} and external_id = ${externalId})`),
  );
}

/** The active staff member with this code; an exact match wins over one differing only in case. */
export function getPersonByCode(db: Db, staffCode: string): Promise<Person | null> {
  const code = staffCode.trim();
  return loadPerson(db, sql`upper(s.code) = upper(${code})`, sql`(s.code = ${code}) desc`);
}

/** The active staff member with this id (a web session's), or null. */
export function getPersonById(db: Db, staffId: number): Promise<Person | null> {
  return loadPerson(db, sql`s.id = ${staffId}`);
}

/** A person's chosen language; `changes` is told once it is written (a staff row: people and figures). */
export async function setLocale(db: Db, staffId: number, locale: 'vi' | 'en' | null, changes: ChangeSink): Promise<void> {
  await db.update(staff).set({ locale, updatedAt: new Date() }).where(eq(staff.id, staffId));
  changes.changed('people', 'figures');
}

type Outcome = { ok: true; person: Person } | { ok: false; error: UserError };

/**
 * Links a chat account to the staff member a one-time code was issued for. At most
 * MAX_LINK_ATTEMPTS wrong codes per account in a rolling hour; past that even a right code is
 * refused unchecked, so guessing cannot continue. Unknown, expired and used codes get one message.
 * The account moves to the code's person if someone else held it (the code, printed by an operator
 * for that person, is the authority), and replaces any account that person had on the platform.
 * `changes` is told of the new chat account (people) once the link has committed.
 */
export async function redeemLinkCode(
  db: Db,
  platform: ChatPlatform,
  externalId: string,
  code: string,
  now: Date,
  changes: ChangeSink,
): Promise<Person> {
  const account = and(eq(linkAttempts.platform, platform), eq(linkAttempts.externalId, externalId));
  const since = new Date(now.getTime() - LINK_ATTEMPT_WINDOW_MS);
  // A failed try must be recorded, so errors leave the transaction as values, not throws.
  const outcome = await db.transaction(async (tx): Promise<Outcome> => {
    // Two tries from one account at once must not both slip under the limit.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`link:${platform}:${externalId}`}, 0))`);
    await tx.delete(linkAttempts).where(and(account, lte(linkAttempts.attemptedAt, since)));
    const recent = await tx
      .select({ at: linkAttempts.attemptedAt })
      .from(linkAttempts)
      .where(and(account, gt(linkAttempts.attemptedAt, since)))
      .orderBy(desc(linkAttempts.attemptedAt))
      .limit(MAX_LINK_ATTEMPTS);
    const oldest = recent[MAX_LINK_ATTEMPTS - 1];
    if (oldest) {
      const wait = oldest.at.getTime() + LINK_ATTEMPT_WINDOW_MS - now.getTime();
      return { ok: false, error: new UserError('link.too_many_attempts', { minutes: Math.max(1, Math.ceil(wait / 60_000)) }) };
    }
    // One statement both checks and spends the code, so two redemptions cannot both win.
    const [spent] = await tx
      .update(linkCodes)
      .set({ usedAt: now })
      .where(
        and(
          eq(linkCodes.codeHash, await hashLinkCode(code)),
          isNull(linkCodes.usedAt),
          gt(linkCodes.expiresAt, now),
          inArray(linkCodes.staffId, tx.select({ id: staff.id }).from(staff).where(eq(staff.active, true))),
        ),
      )
      .returning({ staffId: linkCodes.staffId });
    if (!spent) {
      await tx.insert(linkAttempts).values({ platform, externalId, attemptedAt: now });
      return { ok: false, error: new UserError('link.invalid_code') };
    }
    const replaced = await tx
      .delete(chatIdentities)
      .where(
        and(
          eq(chatIdentities.platform, platform),
          or(eq(chatIdentities.externalId, externalId), eq(chatIdentities.staffId, spent.staffId)),
        ),
      )
      .returning({ staffId: chatIdentities.staffId, externalId: chatIdentities.externalId });
    await tx.insert(chatIdentities).values({ platform, externalId, staffId: spent.staffId, source: 'link', linkedAt: now });
    const person = await loadPerson(tx, sql`s.id = ${spent.staffId}`);
    if (!person) throw new Error(`linked staff ${spent.staffId} vanished inside the transaction`);
    await tx.insert(auditLog).values({
      at: now,
      staffId: person.staffId,
      actor: `${platform}:${externalId}`,
      channel: platform,
      action: 'link',
      entity: 'staff',
      entityCode: person.code,
      details: {
        external_id: externalId,
        // What this link displaced, so a mistaken hand-over can be traced and undone.
        previous_holder: replaced.find((r) => r.externalId === externalId && r.staffId !== person.staffId)?.staffId ?? null,
        previous_account: replaced.find((r) => r.externalId !== externalId)?.externalId ?? null,
      },
    });
    return { ok: true, person };
  });
  if (!outcome.ok) throw outcome.error;
  changes.changed('people');
  return outcome.person;
}
