import type { Catalogue } from '../index.ts';

// Linking a chat account and being refused: what strangers and staff see (db/identity.ts, db/access.ts).
export const viIdentity: Catalogue = {
  // One message for an unknown, expired or already used code: guessing learns nothing from it.
  'link.invalid_code':
    'Mã liên kết không đúng hoặc đã hết hạn. Vui lòng kiểm tra lại, hoặc đề nghị quản trị viên cấp mã mới.',
  'link.too_many_attempts': 'Bạn đã nhập sai quá nhiều lần, vui lòng thử lại sau {minutes} phút.',
  'link.done': 'Đã liên kết tài khoản với {name} ({unit}).',
  'link.usage': 'Cách liên kết tài khoản: nhắn {command} <mã liên kết>, với mã do quản trị viên cấp (hiệu lực 24 giờ, dùng một lần).',
  'link.not_linked':
    'Tài khoản này chưa được liên kết với cán bộ nào nên chưa dùng được các lệnh. Hãy đề nghị quản trị viên cấp mã liên kết, rồi nhắn {command} <mã liên kết>.',
  'access.denied': 'Bạn không có quyền thực hiện việc này.',
};
