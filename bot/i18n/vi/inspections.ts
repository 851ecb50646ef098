import type { Catalogue } from '../index.ts';

/** Inspection findings (kết luận kiểm tra): their list, the remedy report and the province's follow-up (phúc tra). */
export const viInspections: Catalogue = {
  'cmd.kiemtra.usage': '{/kiemtra} [đơn vị]',
  'cmd.kiemtra.desc':
    'Nội dung kết luận kiểm tra chưa khắc phục xong của đơn vị (mặc định: đơn vị của bạn), kèm thời hạn khắc phục; quá hạn lên trước.',
  'cmd.kiemtra.title': 'Kết luận kiểm tra chưa khắc phục xong: {name} ({unit}), {count} nội dung',
  'cmd.kiemtra.none': 'Không có nội dung kết luận kiểm tra nào đang chờ khắc phục hoặc chờ phúc tra.',
  'cmd.kiemtra.more': 'Đang hiển thị {shown}/{total} nội dung. Xem một đơn vị cụ thể: {/kiemtra} <đơn vị>.',
  'cmd.kiemtra.finding': '{code} · {state}',
  'cmd.kiemtra.unit': 'Đơn vị: {name}',
  'cmd.kiemtra.shortcoming': 'Thiếu sót: {text}',
  'cmd.kiemtra.remedy': 'Biện pháp khắc phục: {text}',
  'cmd.kiemtra.responsible': 'Phụ trách: {name}',
  'cmd.kiemtra.nobody': 'chưa giao',
  'cmd.kiemtra.due': 'Thời hạn khắc phục: {date}',
  'cmd.kiemtra.reported_note': 'Báo cáo kết quả khắc phục ({date}): {note}',
  'cmd.kiemtra.state.open': 'chưa khắc phục',
  'cmd.kiemtra.state.overdue': 'quá hạn {days} ngày',
  'cmd.kiemtra.state.reported': 'đã báo cáo khắc phục, chờ phúc tra',
  'cmd.kiemtra.state.closed': 'đã khắc phục xong (đã phúc tra)',
  'cmd.kiemtra.button.report': 'Báo cáo khắc phục {code}',
  'cmd.kiemtra.button.close': 'Đóng (đã phúc tra) {code}',
  'cmd.kiemtra.button.reopen': 'Mở lại {code}',

  'cmd.khacphuc.usage': '{/khacphuc} <mã nội dung> <kết quả khắc phục> · {/khacphuc} dong <mã> [ghi chú] · {/khacphuc} mo <mã> <lý do>',
  'cmd.khacphuc.desc':
    'Báo cáo kết quả khắc phục một nội dung kết luận kiểm tra (người được giao hoặc lãnh đạo đơn vị); lãnh đạo THADS tỉnh đóng sau phúc tra hoặc mở lại.',
  'cmd.khacphuc.pick': 'Chọn nội dung cần báo cáo kết quả khắc phục ({count} nội dung chưa khắc phục):',
  'cmd.khacphuc.nothing': 'Bạn không có nội dung kết luận kiểm tra nào đang chờ khắc phục.',
  'cmd.khacphuc.ask_note': 'Nhập kết quả khắc phục nội dung {finding}, tối đa {max} ký tự. Gõ {/huy} để thôi.\nBiện pháp khắc phục: {text}',
  'cmd.khacphuc.ask_reason': 'Nhập lý do mở lại nội dung {finding}, tối đa {max} ký tự. Gõ {/huy} để thôi.',
  'cmd.khacphuc.button.cancel': 'Hủy',
  'cmd.khacphuc.reported':
    'Đã ghi nhận báo cáo kết quả khắc phục nội dung {finding}: chuyển từ "chưa khắc phục" sang "đã báo cáo khắc phục, chờ phúc tra".\nKết quả: {note}',
  'cmd.khacphuc.closed': 'Đã đóng nội dung {finding} sau phúc tra: chuyển từ "{from}" sang "đã khắc phục xong".',
  'cmd.khacphuc.closed_note': 'Ghi chú phúc tra: {note}',
  'cmd.khacphuc.reopened': 'Đã mở lại nội dung {finding}: chuyển từ "{from}" sang "chưa khắc phục"; đơn vị cần báo cáo lại kết quả khắc phục.\nLý do: {note}',

  'finding_not_found': 'Không tìm thấy nội dung kết luận kiểm tra "{finding}". Gõ {/kiemtra} để xem các nội dung của đơn vị.',
  'finding.not_responsible':
    'Chỉ người được giao hoặc lãnh đạo đơn vị được kiểm tra mới báo cáo kết quả khắc phục nội dung {finding}.',
  'finding.province_only': 'Chỉ lãnh đạo THADS tỉnh mới đóng (sau phúc tra) hoặc mở lại nội dung {finding}.',
  'finding.already_reported': 'Nội dung {finding} đã được báo cáo khắc phục và đang chờ phúc tra; không ghi nhận thêm.',
  'finding.already_closed': 'Nội dung {finding} đã khắc phục xong và được đóng sau phúc tra.',
  'finding.not_reported': 'Nội dung {finding} chưa được báo cáo kết quả khắc phục nên chưa thể đóng.',
  'finding.already_open': 'Nội dung {finding} đang ở trạng thái chưa khắc phục, không cần mở lại.',
  'finding.note_required': 'Hãy nhập kết quả khắc phục.',
  'finding.reason_required': 'Hãy nêu lý do mở lại: {/khacphuc} mo <mã> <lý do>.',
  'finding.note_too_long': 'Nội dung quá dài ({length} ký tự, tối đa {max}). Hãy viết ngắn gọn hơn.',
  'finding.control_characters': 'Nội dung có ký tự điều khiển (ký tự ẩn, thường lẫn vào khi sao chép). Hãy gõ lại, không dán ký tự lạ.',

  'views.remedy.title': 'Báo cáo khắc phục',
  'views.remedy.submit': 'Ghi nhận',
  'views.remedy.close': 'Hủy',
  'views.remedy.intro': 'Báo cáo kết quả khắc phục một nội dung kết luận kiểm tra; THADS tỉnh sẽ phúc tra.',
  'views.remedy.finding_placeholder': 'Gõ mã nội dung',
  'views.remedy.note_hint': 'Đã làm gì, kết quả ra sao, tài liệu kèm theo (nếu có).',
  'views.remedy.finding_required': 'Hãy chọn nội dung kết luận kiểm tra.',
  'views.modal.finding': 'Nội dung kết luận kiểm tra',
  'views.remedy.finding': 'Nội dung kết luận kiểm tra',
  'views.remedy.note': 'Kết quả khắc phục',
};
