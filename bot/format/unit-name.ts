/**
 * A unit's name as lists, rankings and charts write it (WORDING.md): the place, without the kind
 * of office before it — "Phòng Thi hành án dân sự khu vực Đông Sơn" → "Đông Sơn", "Chi cục THADS
 * huyện Như Xuân" → "Như Xuân", "Thi hành án dân sự tỉnh Bình Hà" → "Bình Hà". Titles keep the
 * full name. A name that does not start with a known kind of office is kept whole.
 */
export function placeName(fullName: string): string {
  // Names typed on some keyboards arrive decomposed (o + U+0302 for ô): compare composed.
  const name = fullName.normalize('NFC').trim();
  const place = name.replace(OFFICE_PREFIX, '').trim();
  return place.length > 0 ? place : name;
}

// Since 1/7/2025 "Thi hành án dân sự tỉnh …", "Phòng Thi hành án dân sự khu vực …"; before,
// "Cục/Chi cục THADS tỉnh/huyện …". The place may be a province, city, district or town.
const OFFICE = String.raw`(?:thi\s+hành\s+án\s+dân\s+sự|thads)`;
const PLACE = String.raw`(?:khu\s+vực|tỉnh|thành\s+phố|tp\.?|huyện|quận|thị\s+xã)`;
const OFFICE_PREFIX = new RegExp(String.raw`^(?:(?:phòng|chi\s+cục|cục)\s+)?${OFFICE}\s+${PLACE}\s+`, 'iu');
