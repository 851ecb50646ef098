import { signInCommand } from '../../bot/commands/sign-in.ts';
import { SLASH_COMMAND } from '../../bot/slack/command-line.ts';
import type { Locale } from '../../bot/i18n/index.ts';

/** How a person types `dangnhap` on each platform, for pages that tell them (no chat renderer spells it here). */
export function signInCommandWords(locale: Locale): { telegram: string; slack: string } {
  const word = locale === 'vi' ? signInCommand.name : signInCommand.alias;
  return { telegram: `/${word}`, slack: `${SLASH_COMMAND} ${word}` };
}
