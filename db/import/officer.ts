import type { IssueList } from './issues.ts';
import type { StaffRef, UnitRef } from './references.ts';

/** An officer named on a row must be on the staff of that row's unit. */
export function checkOfficer(
  row: { line: number; unit_code: string; officer_code: string | null },
  unit: UnitRef | undefined,
  staff: Map<string, StaffRef>,
  issues: IssueList,
): void {
  if (row.officer_code === null) return;
  const officer = staff.get(row.officer_code);
  if (!officer) issues.add(row.line, 'officer_code', 'import.unknown_officer', { value: row.officer_code });
  else if (unit && officer.unitId !== unit.id)
    issues.add(row.line, 'officer_code', 'import.officer_not_in_unit', {
      value: row.officer_code,
      unit: row.unit_code,
    });
}

/** The row's unit must exist, and its officer (if any) must be on that unit's staff. */
export function checkUnitAndOfficer(
  row: { line: number; unit_code: string; officer_code: string | null },
  units: Map<string, UnitRef>,
  staff: Map<string, StaffRef>,
  issues: IssueList,
): void {
  const unit = units.get(row.unit_code);
  if (!unit) issues.add(row.line, 'unit_code', 'import.unknown_unit', { value: row.unit_code });
  checkOfficer(row, unit, staff, issues);
}
