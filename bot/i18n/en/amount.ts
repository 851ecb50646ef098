import type { Catalogue } from '../index.ts';

// Messages for amounts typed in chat (bot/amount.ts); the examples stay in the Vietnamese
// notation, since that is what the bot reads.
export const enAmount: Catalogue = {
  'amount.empty': 'No amount given. Type for example 1.500.000, 1,5 tỷ, 50 triệu or 500 nghìn.',
  'amount.invalid': 'Cannot read the amount "{value}". Write it with digits, for example 1.500.000, 1,5 tỷ, 50 triệu or 500 nghìn.',
  'amount.ambiguous':
    'The amount "{value}" can be read more than one way. A dot groups thousands (1.500.000) and a comma is the decimal mark (1,5 tỷ); write for example 1.500.000, 1,5 tỷ or 2 tỷ 300 triệu.',
  'amount.unknown_unit':
    'Unknown unit "{unit}" in "{value}". Use tỷ, triệu (tr), nghìn (k), for example 1,5 tỷ, 50 triệu, 500 nghìn.',
  'amount.order':
    'The units in "{value}" are out of order: largest first, each once, each part smaller than the unit before it, for example 2 tỷ 300 triệu 500 nghìn.',
  'amount.fraction': 'The amount "{value}" has a part smaller than 1 đồng; type whole đồng, for example 1.234.500 or 1,2345 triệu.',
  'amount.zero': 'The amount must be more than 0 đồng, for example 500 nghìn or 1.500.000.',
  'amount.negative': 'The amount "{value}" cannot be negative; type a positive amount, for example 1.500.000 or 50 triệu.',
  'amount.too_large': 'The amount "{value}" is too large (at most 1.000.000 tỷ đồng); check it, for example 1,5 tỷ or 1.500.000.000.',
};
