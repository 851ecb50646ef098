import { describe, expect, it } from 'vitest';
import { roleLabel } from '../../../server/web/role-label.ts';

describe('a person’s title on the web pages', () => {
  it('follows the unit’s own name: the titles since 1/7/2025, or those of a unit still named Cục or Chi cục', () => {
    expect(roleLabel({ role: 'unit_head', unitName: 'Phòng Thi hành án dân sự khu vực Đông Sơn' }, 'vi')).toBe('Trưởng phòng');
    expect(roleLabel({ role: 'unit_head', unitName: 'Chi cục Thi hành án dân sự huyện Đông Sơn' }, 'vi')).toBe('Chi cục trưởng');
    expect(roleLabel({ role: 'province_deputy', unitName: 'Thi hành án dân sự tỉnh Bình Hà' }, 'vi')).toBe('Phó Trưởng Thi hành án dân sự tỉnh');
    expect(roleLabel({ role: 'province_deputy', unitName: 'Cục Thi hành án dân sự tỉnh Bình Hà' }, 'vi')).toBe('Phó Cục trưởng');
    // Titles that did not change, whatever the unit's name.
    expect(roleLabel({ role: 'officer', unitName: 'Chi cục Thi hành án dân sự huyện Đông Sơn' }, 'vi')).toBe('Chấp hành viên');
    expect(roleLabel({ role: 'inspector', unitName: 'Thi hành án dân sự tỉnh Bình Hà' }, 'en')).toBe('Verification officer');
  });
});
