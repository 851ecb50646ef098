import type { Catalogue } from '../index.ts';

// What the Slack adapter itself says (bot/slack): the rest comes from the commands' own messages.
export const viSlack: Catalogue = {
  'slack.dm_failed': 'Tôi chưa gửi được tin nhắn riêng cho bạn, nên nội dung dưới đây chỉ hiện cho riêng bạn xem.',
  'slack.modal_expired': 'Biểu mẫu báo cáo không mở được vì yêu cầu đã quá thời hạn Slack cho phép. Hãy thử lại.',
};
