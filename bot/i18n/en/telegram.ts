import type { Catalogue } from '../index.ts';

export const enTelegram: Catalogue = {
  'telegram.open_private':
    'I could not message you privately: you have not started a private chat with me yet. ' +
    'Press the button below, tap Start, then send the command again.',
  'telegram.open_private_button': 'Open a private chat',
};
