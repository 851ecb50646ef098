import type { StaffRole } from '../schema.ts';
import type { DemoStaff, DemoUnit } from './types.ts';

export const DEMO_PROVINCE_CODE = 'BH';

/**
 * A local unit of the fictional province. `weight` scales its caseload (towns get more cases);
 * `strength` (0–1) how quickly it closes them, so the ranking has a clear top and bottom.
 */
export interface UnitProfile {
  code: string;
  place: string;
  weight: number;
  strength: number;
  /** Head, optional deputy, officers (CHV), then one clerk or accountant; names are fictional. */
  head: string;
  deputy?: string;
  officers: string[];
  support: { role: 'clerk' | 'accountant'; name: string };
}

export const unitProfiles: readonly UnitProfile[] = [
  { code: 'BH-DS', place: 'Đông Sơn', weight: 1.5, strength: 1, head: 'Hoàng Văn Dũng', deputy: 'Đỗ Thị Hồng Nhung',
    officers: ['Bùi Văn Hải', 'Ngô Thị Thanh Hương', 'Vũ Đức Mạnh'], support: { role: 'clerk', name: 'Lý Thị Mai' } },
  { code: 'BH-HA', place: 'Hòa An', weight: 1.3, strength: 0.85, head: 'Phan Văn Toàn',
    officers: ['Đặng Thị Kim Oanh', 'Nguyễn Hữu Phước', 'Trịnh Văn Lực'], support: { role: 'accountant', name: 'Dương Thị Bích Ngọc' } },
  { code: 'BH-PL', place: 'Phú Lâm', weight: 1.1, strength: 0.7, head: 'Võ Minh Tuấn', deputy: 'Huỳnh Thị Lệ Thu',
    officers: ['Lê Văn Hậu', 'Trần Thị Mỹ Dung'], support: { role: 'clerk', name: 'Cao Thị Yến' } },
  { code: 'BH-TB', place: 'Thạch Bàn', weight: 1.0, strength: 0, head: 'Đinh Văn Khải',
    officers: ['Mai Thị Phương', 'Hồ Văn Tài'], support: { role: 'accountant', name: 'Tạ Thị Hằng' } },
  { code: 'BH-VT', place: 'Vĩnh Thạnh', weight: 1.0, strength: 0.55, head: 'Nguyễn Thị Thanh Tâm', deputy: 'Lưu Văn Bình',
    officers: ['Phạm Văn Quý', 'Kiều Thị Diệu Linh'], support: { role: 'clerk', name: 'Lâm Thị Ngân' } },
  { code: 'BH-ML', place: 'Mỹ Lộc', weight: 0.8, strength: 0.9, head: 'Trần Văn Hưng',
    officers: ['Tô Thị Hạnh', 'Quách Văn Sơn'], support: { role: 'accountant', name: 'Nguyễn Thị Hoài' } },
  { code: 'BH-TH', place: 'Tân Hòa', weight: 0.8, strength: 0.45, head: 'Lê Thị Kim Chi',
    officers: ['Đoàn Văn Nam', 'Châu Thị Ánh'], support: { role: 'clerk', name: 'Bùi Thị Lan Anh' } },
  { code: 'BH-LD', place: 'Long Điền', weight: 1.0, strength: 0.65, head: 'Phạm Quốc Cường', deputy: 'Vương Thị Thùy',
    officers: ['Hà Văn Long', 'Nguyễn Thị Xuân'], support: { role: 'accountant', name: 'Đào Thị Tuyết' } },
  { code: 'BH-CG', place: 'Cẩm Giang', weight: 0.7, strength: 0.8, head: 'Võ Văn Thắng',
    officers: ['Lê Thị Thảo', 'Trương Văn Phúc'], support: { role: 'clerk', name: 'Đặng Thị Loan' } },
];

/** The weakest unit: the one the province inspected this year. */
export const INSPECTED_UNIT_CODE = 'BH-TB';

/**
 * Made-up Telegram group ids, shaped like a supergroup's (-100…) but in a range kept for the
 * demo: a sender with a real token is told "chat not found" and marks the message unreachable.
 */
export function demoGroupId(index: number): string {
  return `-100900000${String(index).padStart(4, '0')}`;
}

export function buildUnits(): DemoUnit[] {
  const province: DemoUnit = {
    code: DEMO_PROVINCE_CODE,
    name: 'Thi hành án dân sự tỉnh Bình Hà',
    kind: 'province',
    parentCode: null,
    telegramGroup: demoGroupId(0),
  };
  return [
    province,
    ...unitProfiles.map((p, i) => ({
      code: p.code,
      name: `Phòng Thi hành án dân sự khu vực ${p.place}`,
      kind: 'local' as const,
      parentCode: DEMO_PROVINCE_CODE,
      telegramGroup: demoGroupId(i + 1),
    })),
  ];
}

export function buildStaff(): DemoStaff[] {
  const p = DEMO_PROVINCE_CODE;
  const codes = unitProfiles.map((u) => u.code);
  // Each deputy is the leader in charge of an area (phụ trách địa bàn): escalations go to them.
  const rows: DemoStaff[] = [
    person(`${p}-CT`, 'Nguyễn Văn Thành', p, 'province_head'),
    { ...person(`${p}-PCT1`, 'Trần Thị Thu Hà', p, 'province_deputy'), oversees: codes.slice(0, 5) },
    { ...person(`${p}-PCT2`, 'Lê Quang Vinh', p, 'province_deputy'), oversees: codes.slice(5) },
    person(`${p}-KTV01`, 'Phạm Thị Ngọc Lan', p, 'inspector'),
  ];
  for (const u of unitProfiles) {
    rows.push(person(`${u.code}-TP`, u.head, u.code, 'unit_head'));
    if (u.deputy) rows.push(person(`${u.code}-PP`, u.deputy, u.code, 'unit_deputy'));
    u.officers.forEach((name, i) => {
      rows.push(person(officerCode(u.code, i), name, u.code, 'officer'));
    });
    rows.push(person(supportCode(u), u.support.name, u.code, u.support.role));
  }
  return rows;
}

export function officerCode(unitCode: string, index: number): string {
  return `${unitCode}-CHV${String(index + 1).padStart(2, '0')}`;
}

/** The unit's clerk (thư ký, TK) or accountant (kế toán, KT). */
export function supportCode(unit: UnitProfile): string {
  return `${unit.code}-${unit.support.role === 'clerk' ? 'TK' : 'KT'}`;
}

function person(code: string, fullName: string, unitCode: string, role: StaffRole): DemoStaff {
  return { code, fullName, unitCode, role, oversees: [] };
}
