import type { Catalogue } from '../index.ts';

/** What the scheduled jobs post: the Monday briefing (giao ban), overdue alerts and escalations. */
export const viJobs: Catalogue = {
  'job.briefing.title': 'Giao ban tuần {week} — {name}',
  'job.briefing.province_title': 'Giao ban tuần {week} — Xếp hạng các đơn vị thuộc {name}',
  'job.briefing.rate_line': '{rate} ({target}), {last}',
  'job.briefing.target': 'chỉ tiêu {target}, {mark}',
  'job.briefing.no_target': 'chưa giao chỉ tiêu',
  'job.briefing.vs_last': '{delta} so với cùng kỳ ({last})',
  'job.briefing.no_last': 'cùng kỳ chưa có số liệu',
  'job.briefing.overdue': 'Việc quá hạn: {count}',
  'job.briefing.oldest': 'Quá hạn lâu nhất:',
  'job.briefing.no_overdue': 'Không có việc quá hạn.',
  'job.briefing.due_week': 'Đến hạn trong tuần ({from} – {to}): {count}',
  'job.briefing.none_due': 'Không có việc đến hạn trong tuần.',
  'job.briefing.due_line': '• {date}: {case} — {what} (CHV {officer})',
  'job.briefing.due.deadline': 'hạn lãnh đạo giao',
  'job.briefing.due.verification': 'hạn xác minh điều kiện thi hành án',
  'job.briefing.idle': 'Chấp hành viên chưa cập nhật tiến độ trong 7 ngày qua ({count}): {names}',
  'job.briefing.none_idle': 'Tất cả Chấp hành viên có việc đều đã cập nhật tiến độ trong 7 ngày qua.',
  'job.briefing.province_total': 'Toàn tỉnh:',
  'job.briefing.units_overdue': 'Việc quá hạn toàn tỉnh',

  'job.case_line': '• {case} — CHV {officer}: {reasons}, quá hạn {days} ngày',
  'job.reason_due': '{reason} (hạn {due})',
  'job.no_officer': 'chưa phân công',
  'job.more_plain': '… và {count} việc khác.',
  'job.more': '… và {count} việc khác (gõ {/quahan} để xem đủ).',

  'job.alerts.title': 'Cảnh báo việc quá hạn ngày {date} — {name}',
  'job.alerts.new': 'Mới quá hạn từ lần cảnh báo trước ({count}):',
  'job.alerts.none_new': 'Không có việc mới quá hạn từ lần cảnh báo trước.',
  'job.alerts.still': 'Tổng số việc đang quá hạn: {count}. Quá hạn lâu nhất:',
  'job.alerts.escalated': '{count} việc quá hạn trên {days} ngày đã được báo cáo Lãnh đạo phụ trách địa bàn.',

  'job.escalation.title': 'Việc quá hạn trên {days} ngày — báo cáo Lãnh đạo phụ trách địa bàn, ngày {date}',
  'job.escalation.unit': '{name} ({unit}): {count} việc',
};
