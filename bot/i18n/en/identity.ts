import type { Catalogue } from '../index.ts';

// Linking a chat account and being refused: what strangers and staff see (db/identity.ts, db/access.ts).
export const enIdentity: Catalogue = {
  // One message for an unknown, expired or already used code: guessing learns nothing from it.
  'link.invalid_code': 'The link code is wrong or has expired. Please check it, or ask an administrator for a new one.',
  'link.too_many_attempts': 'Too many wrong attempts. Please try again in {minutes} min.',
  'link.done': 'This account is now linked to {name} ({unit}).',
  'link.usage': 'To link your account, send {command} <link code> with the code an administrator gave you (valid 24 hours, single use).',
  'link.not_linked':
    'This account is not linked to a staff member yet, so commands are not available. Ask an administrator for a link code, then send {command} <link code>.',
  'access.denied': 'You are not allowed to do this.',
};
