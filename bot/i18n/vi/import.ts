import type { Catalogue } from '../index.ts';

// Messages for CSV import issues; the CLI prints them as `file:line: column: message`.
export const viImport: Catalogue = {
  'import.empty_file': 'Tệp trống: không có dòng tiêu đề.',
  'import.header_missing': 'Dòng tiêu đề thiếu cột "{column}".',
  'import.header_unknown': 'Cột "{column}" không có trong mẫu của loại tệp này.',
  'import.header_duplicate': 'Cột "{column}" có hai lần trong dòng tiêu đề.',
  'import.header_absent': 'Dòng 1 không phải dòng tiêu đề: tệp phải bắt đầu bằng dòng tên cột {columns}.',
  'import.header_semicolon':
    'Các cột được ngăn cách bằng dấu chấm phẩy (;): tệp CSV phải dùng dấu phẩy. Hãy lưu lại tệp dạng "CSV UTF-8 (Comma delimited)".',
  'import.header_tab':
    'Các cột được ngăn cách bằng dấu tab: tệp CSV phải dùng dấu phẩy. Hãy lưu lại tệp dạng "CSV UTF-8 (Comma delimited)".',
  'import.header_pipe':
    'Các cột được ngăn cách bằng dấu gạch đứng (|): tệp CSV phải dùng dấu phẩy. Hãy lưu lại tệp dạng "CSV UTF-8 (Comma delimited)".',
  'import.csv_syntax': 'Tệp CSV sai định dạng, thường do dấu ngoặc kép chưa đóng hoặc đặt sai chỗ (mã lỗi {detail}).',
  'import.column_count': 'Dòng có {got} cột, cần đúng {expected} cột.',
  'import.not_utf8': 'Ô có ký tự không đọc được: hãy lưu tệp dạng "CSV UTF-8".',
  'import.required': 'Ô này không được để trống.',
  'import.control_character': 'Ô có ký tự điều khiển không in được ({code}): hãy xóa ký tự đó.',
  'import.line_break': 'Ô này không được xuống dòng hay có dấu tab.',
  'import.date_out_of_range': 'Ngày "{value}" nằm ngoài khoảng cho phép, từ {from} đến {to}.',
  'import.bad_date': 'Ngày "{value}" không hợp lệ: cần một ngày có thật, viết dạng năm-tháng-ngày (ví dụ 2026-02-28).',
  'import.not_digits':
    'Số tiền "{value}" chỉ được gồm chữ số, tính bằng đồng, không có dấu chấm, dấu phẩy hay khoảng trắng (ví dụ 1500000).',
  'import.negative_amount': 'Số tiền "{value}" không được âm.',
  'import.amount_too_large': 'Số tiền "{value}" quá lớn (tối đa {max} đồng).',
  'import.not_positive': 'Khoản thu phải lớn hơn 0 đồng.',
  'import.unknown_unit_kind': 'Loại đơn vị "{value}" không hợp lệ; chọn một trong: {allowed}.',
  'import.unknown_role': 'Chức danh "{value}" không hợp lệ; chọn một trong: {allowed}.',
  'import.unknown_status': 'Trạng thái "{value}" không hợp lệ; chọn một trong: {allowed}.',
  'import.unknown_flag':
    'Phân loại việc "{value}" không hợp lệ; dùng: credit (án tín dụng, ngân hàng), complex (phức tạp, kéo dài), ' +
    'complaint (có khiếu nại, tố cáo), prison (đang chấp hành hình phạt tù còn lại từ 02 năm trở lên), ' +
    'unknown_address (không xác định được nơi cư trú), cách nhau bằng dấu chấm phẩy.',
  'import.unknown_inspection_kind': 'Loại kiểm tra "{value}" không hợp lệ; chọn một trong: {allowed}.',
  'import.unknown_finding_status': 'Tình trạng khắc phục "{value}" không hợp lệ; chọn một trong: {allowed}.',
  'import.bad_rate': 'Tỷ lệ "{value}" phải là số phần trăm từ 0 đến 100, phần thập phân sau dấu chấm (ví dụ 83.9).',
  'import.bad_year': 'Năm công tác "{value}" không hợp lệ (ví dụ 2027).',
  'import.bad_telegram_user': 'Mã người dùng Telegram "{value}" phải là một số nguyên dương.',
  'import.bad_slack_user': 'Mã người dùng Slack "{value}" không hợp lệ (bắt đầu bằng U hoặc W, ví dụ U012AB3CD).',
  'import.bad_telegram_chat': 'Mã nhóm Telegram "{value}" phải là một số nguyên (nhóm thường có dấu trừ, ví dụ -1001234567890).',
  'import.bad_slack_channel': 'Mã kênh Slack "{value}" không hợp lệ (bắt đầu bằng C, G hoặc D, ví dụ C012AB3CD).',
  'import.duplicate_code': 'Mã "{value}" đã có ở dòng {first} của tệp này.',
  'import.duplicate_target': 'Chỉ tiêu của cùng đơn vị, chấp hành viên và năm công tác đã có ở dòng {first}.',
  'import.duplicate_chat_id': 'Tài khoản "{value}" đã được gán cho người ở dòng {first}.',
  'import.unknown_unit': 'Không có đơn vị mã "{value}".',
  'import.unknown_officer': 'Không có chấp hành viên mã "{value}".',
  'import.officer_not_in_unit': 'Chấp hành viên "{value}" không thuộc đơn vị {unit}.',
  'import.unknown_case': 'Không có việc thi hành án mã "{value}".',
  'import.unknown_inspection': 'Không có cuộc kiểm tra mã "{value}".',
  'import.unknown_staff': 'Không có cán bộ mã "{value}".',
  'import.parent_cycle': 'Đơn vị cấp trên "{value}" tạo thành vòng lặp: đơn vị {unit} sẽ là cấp trên của chính nó.',
  'import.status_before_accepted': 'Ngày của trạng thái ({value}) sớm hơn ngày thụ lý ({accepted}).',
  'import.collected_before_accepted': 'Ngày thu tiền ({value}) sớm hơn ngày thụ lý việc thi hành án ({accepted}).',
  'import.chat_id_taken': 'Tài khoản "{value}" đã được liên kết với cán bộ {staff}.',
  'import.chat_already_linked':
    'Cán bộ này đã tự liên kết tài khoản "{linked}": để trống ô này hoặc ghi đúng tài khoản đó.',
  'import.bad_code':
    'Mã "{value}" không hợp lệ: chỉ gồm chữ cái không dấu, chữ số và các dấu . _ -, không có khoảng trắng, tối đa {max} ký tự (ví dụ BH-DS-2025-0161).',
  'import.date_in_future': 'Ngày "{value}" sau ngày hôm nay ({today}): việc đã diễn ra không thể mang ngày trong tương lai.',
  'import.deadline_too_far': 'Hạn "{value}" quá xa: hạn chậm nhất là {max}, {years} năm kể từ hôm nay.',
  'import.collection_no_money': 'Việc {case} không có khoản tiền phải thi hành: không ghi nhận khoản thu {value} đồng.',
  'import.collection_above_remaining':
    'Khoản thu {value} đồng vượt số tiền việc {case} còn phải thi hành ({remaining} đồng, trên tổng {amount} đồng, đã trừ các khoản báo cáo qua chat và các dòng trước của việc này trong tệp).',
};
