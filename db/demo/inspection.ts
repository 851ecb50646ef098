import { addDays, addMonths, type IsoDate, workYearOf } from '../work-year.ts';
import { weekdayOnOrBefore } from './dates.ts';
import { INSPECTED_UNIT_CODE, officerCode, supportCode, unitProfiles } from './organisation.ts';
import type { DemoCase, DemoFinding, DemoInspection } from './types.ts';

/**
 * The province's comprehensive inspection of its weakest unit, concluded two months before
 * `today`. Counts in the findings are taken from that unit's demo cases as they stood on the
 * conclusion day, so a leader who checks them in the bot finds the same numbers.
 */
export function buildInspection(cases: DemoCase[], today: IsoDate): DemoInspection {
  const unit = unitProfiles.find((u) => u.code === INSPECTED_UNIT_CODE)!;
  const concludedOn = weekdayOnOrBefore(addMonths(today, -2));
  const workYear = workYearOf(concludedOn);
  const code = `${INSPECTED_UNIT_CODE}-KT${workYear}`;
  const own = cases.filter((c) => c.unitCode === unit.code && c.acceptedDate <= concludedOn);
  const openOn = (c: DemoCase) => c.status === 'enforcing' || c.statusDate > concludedOn;

  // Not yet verified on the conclusion day although accepted a month before. Cases later found
  // without conditions are left out: their stored verified_on is the latest re-verification.
  const lateVerification = own.filter(
    (c) =>
      openOn(c) &&
      c.status !== 'no_conditions' &&
      c.acceptedDate <= addDays(concludedOn, -30) &&
      (c.verifiedOn === null || c.verifiedOn > concludedOn),
  ).length;
  const reverificationDue = own.filter(
    (c) => c.status === 'no_conditions' && c.statusDate <= concludedOn && c.verifiedOn! <= addMonths(concludedOn, -6),
  ).length;
  const stale = own.filter((c) => openOn(c) && c.acceptedDate <= addMonths(concludedOn, -12));
  const staleCredit = stale.filter((c) => c.flags.includes('credit')).length;

  const head = `${unit.code}-TP`;
  const due = (days: number) => weekdayOnOrBefore(addDays(concludedOn, days));
  const reported = (dueDate: IsoDate, note: string) => ({
    status: 'reported' as const,
    reportedNote: note,
    reportedOn: weekdayOnOrBefore(addDays(dueDate, -3)),
  });
  const open = { status: 'open' as const, reportedNote: null, reportedOn: null };
  const drafts: (Omit<DemoFinding, 'code'> & { count: number })[] = [
    {
      count: lateVerification,
      description: `Chậm xác minh điều kiện thi hành án đối với ${lateVerification} việc, quá thời hạn 10 ngày kể từ ngày hết thời gian tự nguyện thi hành án.`,
      remedy: 'Tổ chức xác minh ngay điều kiện thi hành án đối với các việc nêu trên; báo cáo kết quả bằng văn bản về THADS tỉnh.',
      responsibleCode: head,
      dueDate: due(30),
      ...reported(due(30), `Đã xác minh xong ${Math.ceil(lateVerification / 2)}/${lateVerification} việc; số còn lại đương sự vắng mặt tại nơi cư trú, đang xác minh bổ sung.`),
    },
    {
      count: reverificationDue,
      description: `Chưa xác minh lại định kỳ 06 tháng đối với ${reverificationDue} việc chưa có điều kiện thi hành án.`,
      remedy: 'Lập danh sách, phân công Chấp hành viên xác minh lại theo Điều 44 Luật Thi hành án dân sự; cập nhật kết quả vào hệ thống.',
      responsibleCode: officerCode(unit.code, 1),
      dueDate: due(45),
      ...open,
    },
    {
      count: stale.length,
      description: `${stale.length} việc có điều kiện thi hành kéo dài trên 01 năm chưa giải quyết dứt điểm, trong đó ${staleCredit} việc tín dụng, ngân hàng.`,
      remedy: 'Rà soát, phân loại từng việc, xây dựng kế hoạch và tiến độ giải quyết cụ thể; báo cáo tiến độ hằng tháng.',
      responsibleCode: head,
      dueDate: due(90),
      ...open,
    },
    {
      count: 1,
      description: 'Một số hồ sơ thi hành án sắp xếp chưa khoa học, thiếu biên bản xác minh và biên bản giải quyết việc thi hành án có chữ ký của đương sự.',
      remedy: 'Bổ sung đầy đủ tài liệu, sắp xếp hồ sơ theo đúng quy định về lập, quản lý hồ sơ thi hành án.',
      responsibleCode: officerCode(unit.code, 0),
      dueDate: due(30),
      ...reported(due(30), 'Đã bổ sung biên bản và sắp xếp lại toàn bộ hồ sơ theo danh mục.'),
    },
    {
      count: 1,
      description: 'Chậm chi trả tiền thi hành án cho người được thi hành án đối với 03 khoản tiền đã thu, quá thời hạn 10 ngày.',
      remedy: 'Thực hiện chi trả ngay các khoản tiền đã thu; kiểm điểm trách nhiệm cá nhân có liên quan.',
      responsibleCode: supportCode(unit),
      // Due in the coming days, so the reminders before a deadline have something to announce.
      dueDate: weekdayOnOrBefore(addDays(today, 5)),
      ...open,
    },
  ];
  // A shortcoming with nothing to count (a very young demo) is simply not found.
  const findings = drafts
    .filter((d) => d.count > 0)
    .map(({ count: _, ...d }, i) => ({ ...d, code: `${code}-${String(i + 1).padStart(2, '0')}` }));
  return {
    code,
    unitCode: unit.code,
    kind: 'comprehensive',
    concludedOn,
    title: `Kiểm tra toàn diện công tác thi hành án dân sự năm ${workYear} tại Phòng Thi hành án dân sự khu vực ${unit.place}`,
    findings,
  };
}
