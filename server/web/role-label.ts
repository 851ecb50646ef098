import type { Person } from '../../db/identity.ts';
import { type Locale, t } from '../../bot/i18n/index.ts';

// Before 1/7/2025 the units were "Cục THADS tỉnh …" and "Chi cục THADS huyện …", and their heads
// Cục trưởng and Chi cục trưởng: the unit's own name says which titles it uses (WORDING.md).
const BEFORE_2025 = /^(Cục|Chi cục)\s/i;
const LEADERS = new Set(['province_head', 'province_deputy', 'unit_head', 'unit_deputy']);

/** A person's title as their unit writes it: "Trưởng phòng", or "Chi cục trưởng" in a unit still named the old way. */
export function roleLabel(person: Pick<Person, 'role' | 'unitName'>, locale: Locale): string {
  const old = LEADERS.has(person.role) && BEFORE_2025.test(person.unitName.trim());
  return t(locale, `web.role.${person.role}${old ? '.before_2025' : ''}`);
}
