import type { Catalogue } from '../index.ts';

// Progress reports on a case (capnhat, hanxuly). Parameters arrive raw from db/case-updates:
// money in whole VND ({amount}, {remaining}), ISO dates, status codes ({status}, {from}, {to})
// that the caller turns into the `case.status.*` labels below before rendering.
export const viCase: Catalogue = {
  'case.status.enforcing': 'đang thi hành',
  'case.status.postponed': 'hoãn thi hành án',
  'case.status.suspended': 'tạm đình chỉ thi hành án',
  'case.status.no_conditions': 'chưa có điều kiện thi hành',
  'case.status.completed': 'thi hành xong',
  'case.status.terminated': 'đình chỉ thi hành án',
  'case.status.entrusted': 'ủy thác thi hành án',
  'case.status.withdrawn': 'thu hồi, hủy quyết định thi hành án',
  'case.bad_date': 'Ngày "{value}" không hợp lệ.',
  'case.date_in_future': 'Ngày {date} chưa đến (hôm nay là {today}): chỉ báo cáo việc đã xảy ra.',
  'case.date_before_accepted': 'Ngày {date} sớm hơn ngày thụ lý việc thi hành án ({accepted}).',
  'case.date_before_last_change':
    'Ngày {date} sớm hơn ngày việc chuyển sang trạng thái "{status}" ({last}): trạng thái mới chỉ tính từ ngày đó trở đi.',
  'case.closed':
    'Việc thi hành án {case} đã ở trạng thái "{status}", không còn trong số phải thi hành nên không cập nhật được nội dung này. Nếu cần, lãnh đạo có thể mở lại việc.',
  'case.no_money': 'Việc thi hành án {case} không có khoản tiền phải thi hành nên không ghi khoản thu.',
  'case.amount_not_positive': 'Số tiền thu phải lớn hơn 0 và tính tròn đồng.',
  'case.amount_above_remaining': 'Khoản thu {amount} vượt quá số tiền còn phải thi hành của việc {case} ({remaining}).',
  'case.unknown_status': 'Trạng thái "{value}" không hợp lệ; chọn một trong: {allowed}.',
  'case.same_status': 'Việc thi hành án {case} đã ở trạng thái "{status}".',
  'case.transition_not_allowed': 'Không thể chuyển việc thi hành án {case} từ "{from}" sang "{to}".',
  'case.transition_leader_only':
    'Việc thi hành án {case} đã ở trạng thái "{from}": chỉ lãnh đạo mới được mở lại việc (chuyển sang "{to}").',
  'case.complete_unpaid':
    'Việc thi hành án {case} còn {remaining} chưa thi hành: hãy ghi khoản thu cuối cùng trước khi báo thi hành xong.',
  'case.note_empty': 'Nội dung ghi chú đang trống.',
  'case.note_too_long': 'Nội dung dài {length} ký tự, vượt quá giới hạn {max} ký tự.',
  'case.deadline_in_past': 'Thời hạn {due} đã qua (hôm nay là {today}): hãy chọn từ hôm nay trở đi.',
  'case.deadline_too_far': 'Thời hạn {due} quá xa: hạn xử lý chỉ đặt được trong vòng {years} năm, muộn nhất là ngày {latest}.',
};
