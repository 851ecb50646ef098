import type { Catalogue } from '../index.ts';

/** Messages of scheduled jobs' delivery: notices to leaders, `thads jobs` and `thads deliveries`. */
export const viDelivery: Catalogue = {
  'delivery.notice.title': 'Không gửi được tin nhắn tới {place}',
  'delivery.notice.text':
    'Bot không còn gửi được tin nhắn định kỳ ({job}) tới {place}: bot đã bị xóa khỏi nhóm/kênh, bị chặn, hoặc nhóm không còn tồn tại ({reason}). Các nơi nhận khác vẫn nhận bình thường. Đề nghị thêm lại bot vào nhóm, hoặc sửa mã nhóm trong tệp units.csv rồi nhập lại. Thông báo này chỉ gửi một lần.',

  'cli.help.jobs run': 'Chạy một tác vụ định kỳ như bộ lập lịch sẽ chạy vào thời điểm --now (mặc định: bây giờ) và gửi tin; --dry-run chỉ in các tin nhắn',
  'cli.help.jobs list': 'Các tác vụ định kỳ: lịch chạy, lần chạy gần nhất và tiếp theo',
  'cli.help.deliveries': 'Hàng đợi tin nhắn gửi đi (mới nhất trước); --failed chỉ các tin thất bại hoặc không tới được',
  'cli.usage.jobs_subcommand': 'Lệnh "thads jobs" cần một lệnh con: "run <job>" hoặc "list".',
  'cli.usage.bad_now': 'Thời điểm --now "{value}" không hợp lệ: cần dạng ISO 8601, ví dụ 2026-11-23T07:30:00+07:00.',

  'delivery.unknown_job': 'Không có tác vụ "{job}": các tác vụ hiện có là {jobs}.',
  'delivery.run.title': 'Tác vụ {job}, lượt chạy lúc {slot} (giờ {zone})',
  'delivery.run.planned': 'Dự kiến {planned} tin nhắn: {added} mới, {existing} đã có từ lần chạy trước (không gửi lại).',
  'delivery.run.platform': '{platform}: đã gửi {sent}, thất bại {failed}, không tới được {unreachable}, chờ gửi lại {retrying}.',
  'delivery.run.waiting': '{platform}: chưa cấu hình trên máy này, {count} tin nhắn nằm chờ trong hàng đợi.',
  'delivery.run.dry_run': 'Chạy thử: không ghi và không gửi gì.',
  'delivery.run.misconfigured':
    '{platform} từ chối chính bot ({reason}): kiểm tra token và địa chỉ API trong cấu hình. Các tin nhắn vẫn nằm trong hàng đợi và sẽ được gửi khi cấu hình đúng.',
  'delivery.run.dry_run_housekeeping': 'Đây là tác vụ dọn dẹp dữ liệu, không gửi tin nhắn: chạy thử không xóa gì.',
  'delivery.run.dry_run_empty': 'Tác vụ không có tin nhắn nào để gửi vào thời điểm này. Tin nhắn chỉ gửi tới đơn vị đã có nhóm Telegram hoặc kênh Slack (cột telegram_chat_id, slack_channel_id trong units.csv; tỉnh mẫu chưa có) và tới lãnh đạo đã liên kết tài khoản.',
  'delivery.run.message': '── {platform} {destination} · kỳ {period} · {locale} ──',

  'delivery.list.job': 'Tác vụ',
  'delivery.list.schedule': 'Lịch (cron)',
  'delivery.list.working_days': 'Chỉ ngày làm việc',
  'delivery.list.last': 'Lần chạy gần nhất',
  'delivery.list.next': 'Lần chạy tiếp theo',
  'delivery.list.yes': 'có',
  'delivery.list.no': 'không',
  'delivery.list.never': 'chưa chạy',
  'delivery.list.zone': 'Giờ theo múi {zone}. Lịch đổi được bằng biến JOB_SCHEDULES; JOBS=off tắt lập lịch trên một máy chủ.',
  'delivery.list.disabled': 'Lập lịch đang tắt trên máy chủ này (JOBS=off).',

  'delivery.table.id': 'Số',
  'delivery.table.job': 'Tác vụ',
  'delivery.table.platform': 'Nền tảng',
  'delivery.table.destination': 'Nơi nhận',
  'delivery.table.period': 'Kỳ',
  'delivery.table.status': 'Trạng thái',
  'delivery.table.attempts': 'Số lần thử',
  'delivery.table.when': 'Lúc gửi / thử lại',
  'delivery.table.error': 'Lỗi gần nhất',
  'delivery.status.pending': 'chờ gửi',
  'delivery.status.sending': 'đang gửi',
  'delivery.status.sent': 'đã gửi',
  'delivery.status.failed': 'thất bại',
  'delivery.status.unreachable': 'không tới được',
  'delivery.counts': 'Tổng: {sent} đã gửi, {pending} chờ gửi, {sending} đang gửi, {failed} thất bại, {unreachable} không tới được.',
  'delivery.empty': 'Hàng đợi không có tin nhắn nào.',
  'delivery.empty_failed': 'Không có tin nhắn nào thất bại hoặc không tới được.',
};
