/**
 * How a unit is named in lists and rankings (WORDING.md): by its place, "Đông Sơn", without the
 * kind of office before it. Both shapes of the organisation are known: since 1/7/2025
 * "Phòng Thi hành án dân sự khu vực …", "Thi hành án dân sự tỉnh …"; before,
 * "Chi cục THADS huyện …", "Cục THADS tỉnh …". A name of another shape is kept whole.
 */
const OFFICE = String.raw`(?:thi hành án dân sự|thads)`;
const PLACE = String.raw`(?:khu vực|tỉnh|thành phố|huyện|quận|thị xã)`;
const PREFIX = new RegExp(String.raw`^(?:(?:phòng|chi cục|cục)\s+)?${OFFICE}\s+${PLACE}\s+`, 'iu');

export function unitListName(fullName: string): string {
  const name = fullName.normalize('NFC').trim();
  const place = name.replace(PREFIX, '');
  return place.length > 0 ? place : name;
}
