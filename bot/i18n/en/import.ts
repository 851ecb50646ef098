import type { Catalogue } from '../index.ts';

export const enImport: Catalogue = {};
