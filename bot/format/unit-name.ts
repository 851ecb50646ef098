/**
 * A unit's name as lists and charts write it (WORDING.md: "Đông Sơn", the full name in titles):
 * its official name without the agency's words before the place, in both shapes of the
 * organisation ("Phòng Thi hành án dân sự khu vực …", "Chi cục THADS huyện …", "Cục THADS tỉnh …").
 */
const AGENCY = /^(?:phòng\s+|chi\s+cục\s+|cục\s+)?(?:thi\s+hành\s+án\s+dân\s+sự|thads)\s+(?:khu\s+vực|huyện|quận|thị\s+xã|thành\s+phố|tỉnh|tp\.?)\s+/iu;

export function shortUnitName(name: string): string {
  const short = name.trim().replace(AGENCY, '').trim();
  return short === '' ? name.trim() : short;
}
