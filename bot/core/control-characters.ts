// The rule lives in db/ (db/text.ts), where the writers refuse such text too; the core refuses it first.
export { hasControlCharacters } from '../../db/text.ts';
