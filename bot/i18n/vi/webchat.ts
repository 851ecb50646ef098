import type { Catalogue } from '../index.ts';

// The web chat (server/web/chat) and the try-it pages on the demo (server/web/try-it).
export const viWebchat: Catalogue = {
  'link.web': 'Trên trang web, đồng chí đã đăng nhập nên không cần liên kết tài khoản.',
  'webchat.title': 'Trò chuyện với bot',
  'webchat.intro': 'Gõ lệnh như khi nhắn cho bot trên Telegram, ví dụ {/tomtat}, {/quahan}, {/capnhat}, {/trogiup}. Các nút bấm và các bước cập nhật cũng như trong chat.',
  'webchat.open': 'Trò chuyện với bot trên trang web',
  'webchat.home': 'Về trang chủ',
  'webchat.empty': 'Chưa có trao đổi nào. Đề nghị đồng chí gõ {/trogiup} để xem các lệnh được dùng.',
  'webchat.you': 'Đồng chí:',
  'webchat.label': 'Nội dung',
  'webchat.placeholder': '{/tomtat}',
  'webchat.send': 'Gửi',

  'tryit.personas.title': 'Xem thử với vai trò …',
  'tryit.personas.note': 'Đây là dữ liệu thử (tỉnh Bình Hà, không có thật), mở trên chính máy chạy máy chủ: chọn một cán bộ để xem trang và trò chuyện với bot như người đó, không cần liên kết đăng nhập.',
  'tryit.personas.button': 'Xem thử với vai trò {role}',
  'tryit.channels.title': 'Nhóm, kênh của các đơn vị',
  'tryit.channels.note': 'Dữ liệu thử: những tin các tác vụ định kỳ đã lập cho từng nhóm, kênh của đơn vị. Trang này không gửi tin nào; tin chỉ được gửi khi máy chủ có cấu hình Telegram hoặc Slack.',
  'tryit.channels.run': 'Chạy giao ban tuần ngay',
  'tryit.channels.ran': 'Giao ban tuần đã lập {planned} tin, trong đó {added} tin mới.',
  'tryit.channels.none': 'Chưa đơn vị nào có nhóm, kênh để nhận tin. Đề nghị khai báo trong tệp units.csv (cột telegram_chat_id, slack_channel_id) rồi nhập lại bằng thads import units.',
  'tryit.channels.empty': 'Chưa có tin nào.',
  'tryit.channels.status.pending': 'chưa gửi',
  'tryit.channels.status.sending': 'đang gửi',
  'tryit.channels.status.sent': 'đã gửi',
  'tryit.channels.status.failed': 'không gửi được',
  'tryit.channels.status.unreachable': 'không tới được',
};
