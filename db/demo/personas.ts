import type { Db } from '../client.ts';
import { getPersonByCode, type Person } from '../identity.ts';
import { DEMO_PROVINCE_CODE, officerCode, unitProfiles } from './organisation.ts';

/** The demo staff offered as personas: the province leader, a local unit's leader, one of its officers. */
export const DEMO_PERSONA_CODES: readonly string[] = [`${DEMO_PROVINCE_CODE}-CT`, `${unitProfiles[0]!.code}-TP`, officerCode(unitProfiles[0]!.code, 0)];

/** The personas as they are in this database (a persona since removed or deactivated is left out). */
export async function listDemoPersonas(db: Db): Promise<Person[]> {
  const found = await Promise.all(DEMO_PERSONA_CODES.map((code) => getPersonByCode(db, code)));
  return found.filter((p): p is Person => p !== null && DEMO_PERSONA_CODES.includes(p.code));
}
