import type { Catalogue } from '../index.ts';

// The web chat (server/web/chat) and the try-it pages on the demo (server/web/try-it).
export const enWebchat: Catalogue = {
  'link.web': 'On the web pages you are signed in already: there is nothing to link.',
  'webchat.title': 'Chat with the bot',
  'webchat.intro': 'Type commands as you would to the bot on Telegram: /summary, /case, /update, /help. Buttons and step-by-step updates work as in the chat.',
  'webchat.open': 'Chat with the bot on the web',
  'webchat.home': 'Back to the home page',
  'webchat.empty': 'Nothing said yet. Type /help to see the commands you may use.',
  'webchat.you': 'You:',
  'webchat.label': 'Message',
  'webchat.placeholder': '/summary',
  'webchat.send': 'Send',

  'tryit.personas.title': 'Try it as …',
  'tryit.personas.note': 'This is the demo (the fictional province of Bình Hà), opened on the machine that serves it: pick a staff member to see the pages and chat with the bot as them, without a sign-in link.',
  'tryit.personas.button': 'Try it as {role}',
};
