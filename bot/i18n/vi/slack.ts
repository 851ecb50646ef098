import type { Catalogue } from '../index.ts';

// What the Slack adapter itself says (bot/slack): the rest comes from the commands' own messages.
export const viSlack: Catalogue = {
  'slack.dm_failed': 'Tôi chưa gửi được tin nhắn riêng cho bạn, nên nội dung dưới đây chỉ hiện cho riêng bạn xem.',
};
