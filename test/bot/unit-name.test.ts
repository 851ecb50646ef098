import { describe, expect, it } from 'vitest';
import { placeName } from '../../bot/format.ts';

describe('a unit named in a list (WORDING.md: by its place)', () => {
  it('drops the kind of office, in both shapes of the organisation', () => {
    expect(placeName('Phòng Thi hành án dân sự khu vực Đông Sơn')).toBe('Đông Sơn');
    expect(placeName('Thi hành án dân sự tỉnh Bình Hà')).toBe('Bình Hà');
    expect(placeName('Chi cục THADS huyện Hòa An')).toBe('Hòa An');
    expect(placeName('Cục THADS tỉnh Sóc Trăng')).toBe('Sóc Trăng');
    expect(placeName('Chi cục Thi hành án dân sự thành phố Cà Mau')).toBe('Cà Mau');
    expect(placeName('Phòng THADS khu vực A')).toBe('A');
  });

  it('keeps a name of another shape whole, and reads decomposed diacritics as composed ones', () => {
    expect(placeName('Văn phòng Cục')).toBe('Văn phòng Cục');
    expect(placeName('Phòng Thi hành án dân sự khu vực ')).toBe('Phòng Thi hành án dân sự khu vực');
    expect(placeName('Phòng Thi hành án dân sự khu vực Đông Sơn'.normalize('NFD'))).toBe('Đông Sơn');
  });
});
