import type { Catalogue } from '../index.ts';

/** The charts' words (bot/charts/): titles, legends, the briefing photo's caption. WORDING.md's terms. */
export const viCharts: Catalogue = {
  'chart.units.title': 'Tỷ lệ thi hành xong của các đơn vị thuộc {name}',
  'chart.officers.title': 'Tỷ lệ thi hành xong của các Chấp hành viên thuộc {name}',
  'chart.units.subtitle': '{period}; vạch ngang: chỉ tiêu được giao',
  'chart.target.cases': 'Chỉ tiêu về việc',
  'chart.target.money': 'Chỉ tiêu về tiền',
  'chart.monthly.title': 'Tỷ lệ thi hành xong theo tháng — {name}',
  'chart.monthly.subtitle': 'Năm công tác {year} so với cùng kỳ năm công tác {last}; điểm cuối tính đến {at}',
  'chart.monthly.series': '{rate} — năm công tác {year}',
  'chart.no_units': 'Không có đơn vị trực thuộc',
  'chart.caption.units': 'Tỷ lệ thi hành xong của các đơn vị, tính đến {at}',
};
