import type { Catalogue } from '../index.ts';

// Questioning (chất vấn): chatvan, traloi, the messages posted in a unit's group, the
// question-reminders job and the `thads questions` listing. {question} is a short id (CV12).
export const viQuestions: Catalogue = {
  'question.empty': 'Nội dung chất vấn hoặc trả lời đang trống; hãy nhập nội dung.',
  'question.control_characters': 'Nội dung có ký tự điều khiển (thường do sao chép, dán); hãy gõ lại nội dung.',
  'question.too_long': 'Nội dung dài {length} ký tự, quá mức cho phép ({max} ký tự); hãy viết ngắn gọn hơn.',
  'question.ask_not_allowed': 'Chỉ Lãnh đạo Cục (lãnh đạo THADS tỉnh) mới chất vấn việc thi hành án của đơn vị.',
  'question.answer_not_allowed': 'Chất vấn {question} gửi đơn vị khác: chỉ lãnh đạo đơn vị được chất vấn mới trả lời.',
  'question.already_answered': 'Chất vấn {question} đã được trả lời; không ghi nhận câu trả lời thứ hai. Gõ {/vuviec} <mã việc> để xem.',
  'question.not_found': 'Không tìm thấy chất vấn "{question}". Mã chất vấn có dạng CV12, ghi trong tin nhắn chất vấn.',
  'cmd.chatvan.usage': '{/chatvan} <mã việc> <nội dung chất vấn>',
  'cmd.chatvan.desc': 'Chất vấn đơn vị về một việc thi hành án; câu hỏi gửi Chi cục trưởng trong nhóm của đơn vị.',
  'cmd.chatvan.sent': 'Đã gửi chất vấn {question} về việc {case} đến {unit} ({where}). Câu trả lời sẽ được gửi riêng cho đồng chí.',
  'cmd.chatvan.no_channel':
    'Đã ghi nhận chất vấn {question} về việc {case}, nhưng {unit} chưa có nhóm Telegram hoặc kênh Slack nên chưa gửi được. Đề nghị quản trị viên khai báo nhóm của đơn vị.',
  'cmd.traloi.usage': '{/traloi} <mã chất vấn> <nội dung trả lời>',
  'cmd.traloi.desc': 'Trả lời chất vấn của Lãnh đạo Cục (mã dạng CV12); có thể trả lời (reply) ngay tin nhắn chất vấn.',
  'cmd.traloi.ask_answer': 'Nhập nội dung trả lời chất vấn {question} về việc {case} (tối đa {max} ký tự). Gõ {/huy} để thôi.',
  'cmd.traloi.done': 'Đã ghi nhận trả lời chất vấn {question} về việc {case}; câu trả lời đã được gửi đến đồng chí {asker}.',
  'cmd.traloi.button.cancel': 'Hủy',
  'question.post.title': 'Chất vấn {question} · việc {case}',
  'question.post.to': 'Kính gửi đồng chí {head}, {unit}:',
  'question.post.to_unit': 'Kính gửi lãnh đạo {unit}:',
  'question.post.asked': 'Đồng chí {asker} chất vấn về việc thi hành án {case} ngày {date}:',
  'question.post.how': 'Đề nghị trả lời bằng nút dưới đây, trả lời (reply) tin nhắn này, hoặc gõ {/traloi} {question} <nội dung>.',
  'question.button.answer': 'Trả lời',
  'question.answer.title': 'Trả lời chất vấn {question} · việc {case}',
  'question.answer.asked': 'Chất vấn của đồng chí {asker} ngày {date}:',
  'question.answer.by': 'Đồng chí {answerer} trả lời ngày {date}:',
  'question.reminder.title': 'Nhắc trả lời chất vấn {question} · việc {case}',
  'question.reminder.text':
    'Đề nghị đồng chí {head} trả lời chất vấn của đồng chí {asker} về việc {case}, gửi ngày {date}, đã {days} ngày làm việc chưa được trả lời:',
  'question.reminder.text_unit':
    'Đề nghị lãnh đạo {unit} trả lời chất vấn của đồng chí {asker} về việc {case}, gửi ngày {date}, đã {days} ngày làm việc chưa được trả lời:',
  'question.escalation.title': 'Chất vấn {question} chưa được trả lời',
  'question.escalation.text':
    'Chất vấn của đồng chí {asker} về việc {case} gửi {unit} ngày {date} đã {days} ngày làm việc chưa được trả lời:',
  'question.timeline.asked': 'Chất vấn {question} của {asker}: {body}',
  'question.timeline.answered': 'Trả lời chất vấn {question} của {answerer}: {body}',
  'views.answer.title': 'Trả lời chất vấn',
  'views.answer.submit': 'Gửi trả lời',
  'views.answer.question': 'Chất vấn {question} của đồng chí {asker} về việc {case}:',
  'views.answer.field': 'Nội dung trả lời',
  'views.answer.already': 'Câu trả lời này đã được ghi nhận trước đó; không ghi thêm lần nữa.',
};
