/** The one slash command the app registers (manifest.json): `/thads <command> …`. */
export const SLASH_COMMAND = '/thads';

/** Slack writes &, < and > as entities in the text it sends: the core reads what was typed. */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * The core's line for what followed `/thads`: nothing is the help; anything else as typed. Whether
 * it is a command or answers the question a step-by-step dialogue asked is decided once the
 * person is known (bot/slack/answer.ts, then the core's resolveText), as on Telegram: "Việc
 * đương sự hẹn nộp" is a note while one is awaited, though it starts like `viec`.
 */
export function slashLine(text: string): string {
  const typed = unescapeSlack(text).trim();
  return typed === '' ? '/trogiup' : typed;
}
