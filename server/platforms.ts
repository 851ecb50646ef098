import { createSlackSender } from '../bot/slack/sender.ts';
import { createTelegramSender } from '../bot/telegram/sender.ts';
import type { DeliveryConfig, SenderFactory } from '../jobs/senders/index.ts';

/**
 * The chat platforms this server sends to, from their settings: each platform's sender comes
 * from its own folder (bot/<platform>/sender.ts); the jobs see only the Sender interface. A
 * platform without a token sends nothing: its rows wait in the outbox. A new platform adds its
 * line here.
 */
export function platformSenders(config: DeliveryConfig): SenderFactory {
  return ({ fetch } = {}) => [
    ...(config.telegram ? [createTelegramSender({ ...config.telegram, fetch })] : []),
    ...(config.slack ? [createSlackSender({ ...config.slack, fetch })] : []),
  ];
}
