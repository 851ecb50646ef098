import { describe, expect, it } from 'vitest';
import { unitListName } from '../../bot/report/unit-name.ts';

describe('a unit named in a list (WORDING.md: by its place)', () => {
  it('drops the kind of office, in both shapes of the organisation', () => {
    expect(unitListName('Phòng Thi hành án dân sự khu vực Đông Sơn')).toBe('Đông Sơn');
    expect(unitListName('Thi hành án dân sự tỉnh Bình Hà')).toBe('Bình Hà');
    expect(unitListName('Chi cục THADS huyện Hòa An')).toBe('Hòa An');
    expect(unitListName('Cục THADS tỉnh Sóc Trăng')).toBe('Sóc Trăng');
    expect(unitListName('Chi cục Thi hành án dân sự thành phố Cà Mau')).toBe('Cà Mau');
    expect(unitListName('Phòng THADS khu vực A')).toBe('A');
  });

  it('keeps a name of another shape whole, and reads decomposed diacritics as composed ones', () => {
    expect(unitListName('Văn phòng Cục')).toBe('Văn phòng Cục');
    expect(unitListName('Phòng Thi hành án dân sự khu vực ')).toBe('Phòng Thi hành án dân sự khu vực');
    expect(unitListName('Phòng Thi hành án dân sự khu vực Đông Sơn'.normalize('NFD'))).toBe('Đông Sơn');
  });
});
