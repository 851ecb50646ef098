import type { Catalogue } from '../index.ts';

// The web chat (server/web/chat) and the try-it pages on the demo (server/web/try-it).
export const enWebchat: Catalogue = {
  'link.web': 'On the web pages you are signed in already: there is nothing to link.',
  'webchat.title': 'Chat with the bot',
  'webchat.intro': 'Type commands as you would to the bot on Telegram: {/tomtat}, {/quahan}, {/capnhat}, {/trogiup}. Buttons and step-by-step updates work as in the chat.',
  'webchat.open': 'Chat with the bot on the web',
  'webchat.home': 'Back to the home page',
  'webchat.empty': 'Nothing said yet. Type {/trogiup} to see the commands you may use.',
  'webchat.you': 'You:',
  'webchat.label': 'Message',
  'webchat.placeholder': '{/tomtat}',
  'webchat.send': 'Send',

  'tryit.personas.title': 'Try it as …',
  'tryit.personas.note': 'This is the demo (the fictional province of Bình Hà), opened on the machine that serves it: pick a staff member to see the pages and chat with the bot as them, without a sign-in link.',
  'tryit.personas.button': 'Try it as {role}',
  'tryit.channels.title': 'Units’ groups and channels',
  'tryit.channels.note': 'The demo: what the scheduled jobs planned for each unit’s group or channel. This page sends nothing; messages go only where the server has Telegram or Slack configured.',
  'tryit.channels.run': 'Run the weekly briefing now',
  'tryit.channels.ran': 'The weekly briefing planned {planned} messages, {added} of them new.',
  'tryit.channels.none': 'No unit has a group or channel yet. Add them in units.csv (telegram_chat_id, slack_channel_id) and import it again with thads import units.',
  'tryit.channels.empty': 'Nothing yet.',
  'tryit.channels.status.pending': 'not sent',
  'tryit.channels.status.sending': 'being sent',
  'tryit.channels.status.sent': 'sent',
  'tryit.channels.status.failed': 'failed',
  'tryit.channels.status.unreachable': 'unreachable',
};
