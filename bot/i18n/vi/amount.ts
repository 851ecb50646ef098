import type { Catalogue } from '../index.ts';

// Messages for amounts typed in chat (bot/amount.ts); each shows a way that works.
export const viAmount: Catalogue = {
  'amount.empty': 'Chưa có số tiền. Hãy nhập ví dụ 1.500.000, 1,5 tỷ, 50 triệu hoặc 500 nghìn.',
  'amount.invalid': 'Không đọc được số tiền "{value}". Hãy viết bằng chữ số, ví dụ 1.500.000, 1,5 tỷ, 50 triệu hoặc 500 nghìn.',
  'amount.ambiguous':
    'Số tiền "{value}" có thể hiểu theo nhiều cách. Dấu chấm để tách hàng nghìn (1.500.000), dấu phẩy là dấu thập phân (1,5 tỷ); hãy viết ví dụ 1.500.000, 1,5 tỷ hoặc 2 tỷ 300 triệu.',
  'amount.unknown_unit':
    'Không hiểu đơn vị "{unit}" trong "{value}". Hãy dùng tỷ, triệu (tr), nghìn (k), ví dụ 1,5 tỷ, 50 triệu, 500 nghìn.',
  'amount.order':
    'Số tiền "{value}" sai thứ tự đơn vị: viết từ lớn đến nhỏ, mỗi đơn vị một lần, mỗi phần nhỏ hơn đơn vị đứng trước, ví dụ 2 tỷ 300 triệu 500 nghìn.',
  'amount.fraction': 'Số tiền "{value}" có phần lẻ dưới 1 đồng; hãy nhập số đồng chẵn, ví dụ 1.234.500 hoặc 1,2345 triệu.',
  'amount.zero': 'Số tiền phải lớn hơn 0 đồng, ví dụ 500 nghìn hoặc 1.500.000.',
  'amount.negative': 'Số tiền "{value}" không được âm; hãy nhập số dương, ví dụ 1.500.000 hoặc 50 triệu.',
  'amount.too_large': 'Số tiền "{value}" quá lớn (tối đa 1.000.000 tỷ đồng); hãy kiểm tra lại, ví dụ 1,5 tỷ hoặc 1.500.000.000.',
};
