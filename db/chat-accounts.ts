/** Staff members' linked chat accounts (chat_identities) as the jobs and the outbox read them. */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from './client.ts';
import { type ChatPlatform, chatIdentities, staff, units } from './schema.ts';

/** Staff id → their linked account on each platform. */
export type ChatAccounts = Map<number, Partial<Record<ChatPlatform, string>>>;

/** The linked chat accounts of these staff members. */
export async function getChatAccounts(db: Db, staffIds: readonly number[]): Promise<ChatAccounts> {
  const accounts: ChatAccounts = new Map();
  const ids = [...new Set(staffIds)];
  if (ids.length === 0) return accounts;
  const rows = await db.select().from(chatIdentities).where(inArray(chatIdentities.staffId, ids));
  for (const r of rows) accounts.set(r.staffId, { ...accounts.get(r.staffId), [r.platform]: r.externalId });
  return accounts;
}

const PROVINCE_LEADER_ROLES = ['province_head', 'province_deputy'] as const;

/** The active leaders of a province-level unit (head, deputies) linked on `platform`: their account and language. */
export async function getLinkedProvinceLeaders(
  db: Db,
  provinceId: number,
  platform: ChatPlatform,
): Promise<{ chatId: string; locale: 'vi' | 'en' | null }[]> {
  return db
    .select({ chatId: chatIdentities.externalId, locale: staff.locale })
    .from(staff)
    .innerJoin(chatIdentities, and(eq(chatIdentities.staffId, staff.id), eq(chatIdentities.platform, platform)))
    .where(and(eq(staff.unitId, provinceId), inArray(staff.role, [...PROVINCE_LEADER_ROLES]), eq(staff.active, true)));
}

/** Whose account this is: the staff member's name and code, and their unit's place in the tree. */
export interface AccountHolder {
  name: string;
  code: string;
  unitId: number;
  kind: 'province' | 'local';
  parentId: number | null;
}

/** The staff member linked to this account on `platform`, if any (active or not). */
export async function findAccountHolder(db: Db, platform: ChatPlatform, externalId: string): Promise<AccountHolder | undefined> {
  const [person] = await db
    .select({ name: staff.fullName, code: staff.code, unitId: units.id, kind: units.kind, parentId: units.parentId })
    .from(chatIdentities)
    .innerJoin(staff, eq(staff.id, chatIdentities.staffId))
    .innerJoin(units, eq(units.id, staff.unitId))
    .where(and(eq(chatIdentities.platform, platform), eq(chatIdentities.externalId, externalId)))
    .limit(1);
  return person;
}
