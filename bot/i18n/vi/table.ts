import type { Catalogue } from '../index.ts';

/** The results table's words and the period, as ../shared/WORDING.md writes them (CLI, web, XLSX). */
export const viTable: Catalogue = {
  'table.row.total': 'Tổng số thụ lý',
  'table.row.carried_over': 'Năm trước chuyển sang',
  'table.row.new': 'Thụ lý mới',
  'table.row.entrusted': 'Ủy thác thi hành án',
  'table.row.withdrawn': 'Thu hồi, hủy quyết định thi hành án',
  'table.row.to_enforce': 'Tổng số phải thi hành',
  'table.row.with_conditions': 'Có điều kiện thi hành',
  'table.row.done': 'Thi hành xong',
  'table.row.completed': 'Thi hành xong thực tế',
  'table.row.terminated': 'Đình chỉ thi hành án',
  'table.row.enforcing': 'Đang thi hành',
  'table.row.postponed': 'Hoãn thi hành án',
  'table.row.suspended': 'Tạm đình chỉ thi hành án',
  'table.row.without_conditions': 'Chưa có điều kiện thi hành',
  'table.row.carried_to_next': 'Chuyển kỳ sau',
  'table.row.carried_with_conditions': 'Có điều kiện chuyển kỳ sau',
  'table.rate.cases': 'Tỷ lệ thi hành xong về việc',
  'table.rate.money': 'Tỷ lệ thi hành xong về tiền',
  'period.months': '{months} tháng năm công tác {year} (từ {from} đến {at})',
  'period.span': 'Năm công tác {year} (từ {from} đến {at})',
};
