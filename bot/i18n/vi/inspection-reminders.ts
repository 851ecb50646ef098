import type { Catalogue } from '../index.ts';

/** What the inspection-reminders job posts: deadlines of the findings of an inspection conclusion, their escalation, and what awaits follow-up (phúc tra). */
export const viInspectionReminders: Catalogue = {
  'job.findings.title': 'Nhắc thời hạn khắc phục theo kết luận kiểm tra ngày {date} — {name}',
  'job.findings.overdue': 'Nội dung kết luận kiểm tra quá hạn khắc phục ({count}):',
  'job.findings.today': 'Đến hạn khắc phục hôm nay ({count}):',
  'job.findings.soon': 'Sắp đến hạn khắc phục ({count}):',
  'job.findings.line': '• {finding} (kết luận {inspection}): {description}\n   Biện pháp khắc phục: {remedy}\n   Người chịu trách nhiệm: {responsible} — {when}',
  'job.findings.reopened': '   Yêu cầu khắc phục lại sau phúc tra ngày {date}: {reason}',
  'job.findings.no_responsible': 'chưa giao',
  'job.findings.when.overdue': 'hạn {due}, quá hạn {days} ngày làm việc',
  'job.findings.when.today': 'hạn khắc phục là hôm nay, {due}',
  'job.findings.when.tomorrow': 'hạn khắc phục là ngày mai, {due}',
  'job.findings.when.last_working_day': 'hạn {due}; hôm nay là ngày làm việc cuối cùng trước hạn',
  'job.findings.when.soon': 'hạn {due}, còn {days} ngày',
  'job.findings.more': '… và {count} nội dung khác (gõ {/kiemtra} để xem đủ).',
  'job.findings.ask':
    'Đề nghị các đồng chí được giao khẩn trương thực hiện biện pháp khắc phục; khắc phục xong, báo cáo kết quả bằng lệnh {/khacphuc} <mã nội dung> <kết quả khắc phục> để phục vụ phúc tra.',
  'job.findings.escalated': '{count} nội dung quá hạn khắc phục đã được báo cáo Lãnh đạo phụ trách địa bàn.',

  'job.findings.escalation.title': 'Nội dung kết luận kiểm tra quá hạn khắc phục — báo cáo Lãnh đạo phụ trách địa bàn, ngày {date}',
  'job.findings.escalation.unit': '{name} ({unit}): {count} nội dung',
  'job.findings.escalation.line': '• {finding} (kết luận {inspection}): {description} — {responsible}, hạn {due}, quá hạn {days} ngày làm việc',

  'job.findings.follow_up.title': 'Kết quả khắc phục chờ phúc tra — {name}, tuần {week}',
  'job.findings.follow_up.unit': '{name} ({unit}): {count} nội dung',
  'job.findings.follow_up.line': '• {finding} (kết luận {inspection}): {description} — hạn {due}, báo cáo khắc phục ngày {reported}',
  'job.findings.follow_up.line_undated': '• {finding} (kết luận {inspection}): {description} — hạn {due}, đã báo cáo khắc phục',
  'job.findings.follow_up.ask': 'Sau phúc tra, Lãnh đạo xác nhận đã khắc phục bằng {/khacphuc} dong <mã>, hoặc yêu cầu khắc phục lại bằng {/khacphuc} mo <mã> <lý do>.',
};
