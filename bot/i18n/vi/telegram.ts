import type { Catalogue } from '../index.ts';

export const viTelegram: Catalogue = {
  'telegram.open_private':
    'Tôi chưa gửi được tin nhắn riêng cho bạn vì bạn chưa mở chat riêng với bot. ' +
    'Hãy bấm nút bên dưới, chọn Bắt đầu (Start), rồi gửi lại lệnh.',
  'telegram.open_private_button': 'Mở chat riêng với bot',
};
