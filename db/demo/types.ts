import type { CaseStatus, StaffRole, UnitKind } from '../schema.ts';
import type { IsoDate } from '../work-year.ts';

// The demo is first built as plain rows keyed by codes, then inserted: the pure part can be
// checked (and its rates measured) without a database, and ids never leak into the content.

export interface DemoUnit {
  code: string;
  name: string;
  kind: UnitKind;
  parentCode: string | null;
  /**
   * The unit's Telegram group, where the jobs post its messages: a made-up id (no such group
   * exists), so that the channels view (/kenh) shows what the jobs planned for each unit.
   */
  telegramGroup: string;
}

export interface DemoStaff {
  code: string;
  fullName: string;
  unitCode: string;
  role: StaffRole;
  /** Units a provincial leader oversees (phụ trách địa bàn). */
  oversees: string[];
}

export interface DemoCollection {
  date: IsoDate;
  amount: number;
}

export interface DemoCase {
  code: string;
  unitCode: string;
  officerCode: string;
  decisionNo: string;
  decisionDate: IsoDate;
  acceptedDate: IsoDate;
  amount: number;
  status: CaseStatus;
  statusDate: IsoDate;
  verifiedOn: IsoDate | null;
  dueDate: IsoDate | null;
  flags: string[];
  collections: DemoCollection[];
}

export interface DemoTarget {
  unitCode: string;
  officerCode: string | null;
  workYear: number;
  casesRate: number;
  moneyRate: number;
  carriedCasesCut: number;
  carriedMoneyCut: number;
}

export interface DemoFinding {
  code: string;
  description: string;
  remedy: string;
  responsibleCode: string;
  dueDate: IsoDate;
  status: 'open' | 'reported';
  reportedNote: string | null;
  reportedOn: IsoDate | null;
}

export interface DemoInspection {
  code: string;
  unitCode: string;
  kind: 'comprehensive';
  concludedOn: IsoDate;
  title: string;
  findings: DemoFinding[];
}

export interface DemoData {
  units: DemoUnit[];
  staff: DemoStaff[];
  cases: DemoCase[];
  targets: DemoTarget[];
  inspection: DemoInspection;
}
