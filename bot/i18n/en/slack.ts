import type { Catalogue } from '../index.ts';

// What the Slack adapter itself says (bot/slack): the rest comes from the commands' own messages.
export const enSlack: Catalogue = {
  'slack.dm_failed': 'I could not message you privately, so what follows is shown to you alone.',
  'slack.modal_expired': 'The report form could not open: Slack no longer accepted the request. Please try again.',
};
