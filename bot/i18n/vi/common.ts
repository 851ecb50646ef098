import type { Catalogue } from '../index.ts';

export const viCommon: Catalogue = {
  'unit_not_found': 'Không tìm thấy đơn vị "{unit}".',
  'case_not_found': 'Không tìm thấy việc thi hành án "{case}".',
  'internal_error': 'Xin lỗi, đã có lỗi trong hệ thống. Vui lòng thử lại sau.',
};
