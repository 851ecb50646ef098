import type { Catalogue } from '../index.ts';

export const enCommon: Catalogue = {
  'unit_not_found': 'No unit "{unit}" was found.',
  'case_not_found': 'No case "{case}" was found.',
  'internal_error': 'Sorry, something went wrong on our side. Please try again later.',
};
