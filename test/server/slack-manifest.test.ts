import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SLASH_COMMAND } from '../../bot/slack/command-line.ts';

interface Manifest {
  features: {
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean; messages_tab_read_only_enabled: boolean };
    slash_commands: { command: string; url: string; description: string; usage_hint: string }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string; message_menu_options_url: string };
    socket_mode_enabled: boolean;
  };
  display_information: { name: string; description: string; long_description: string };
}

/** manifest.json, pasted by an administrator to create the app: it must match what the code serves. */
describe('manifest.json', () => {
  const manifest = JSON.parse(readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8')) as Manifest;

  it('sends the slash command, interactivity, the options of select menus and events to /slack/events', () => {
    const { features, settings } = manifest;
    expect(features.slash_commands.map((c) => c.command)).toEqual([SLASH_COMMAND]);
    const urls = [
      ...features.slash_commands.map((c) => c.url),
      settings.event_subscriptions.request_url,
      settings.interactivity.request_url,
      settings.interactivity.message_menu_options_url,
    ];
    for (const url of urls) expect(url).toMatch(/^https:\/\/[^/]+\/slack\/events$/);
    expect(new Set(urls).size).toBe(1);
    expect(settings.interactivity.is_enabled).toBe(true);
    // HTTP requests, not a socket: the receiver is bot/slack/receiver.ts.
    expect(settings.socket_mode_enabled).toBe(false);
  });

  it('subscribes to the events the app listens to, and turns on the Home and Messages tabs', () => {
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(['app_home_opened', 'message.im']);
    expect(manifest.features.app_home).toEqual({ home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false });
  });

  it('asks for the scopes of the Web API methods the app calls, and no more', () => {
    // commands: /thads; chat:write: chat.postMessage, chat.postEphemeral; chat:write.public: a report's
    // confirmation in a public channel the app has not joined; im:write: conversations.open;
    // im:history: message.im; files:write: files.getUploadURLExternal and files.completeUploadExternal
    // (the briefing's chart). views.open and views.publish need none.
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual(['chat:write', 'chat:write.public', 'commands', 'files:write', 'im:history', 'im:write']);
  });

  it('stays within Slack’s limits on the texts shown when installing', () => {
    const { display_information: d, features } = manifest;
    expect(d.name.length).toBeLessThanOrEqual(35);
    expect(d.description.length).toBeLessThanOrEqual(140);
    expect(d.long_description.length).toBeGreaterThanOrEqual(175);
    expect(d.long_description.length).toBeLessThanOrEqual(4000);
    for (const c of features.slash_commands) {
      expect(c.description.length).toBeLessThanOrEqual(100);
      expect(c.usage_hint.length).toBeLessThanOrEqual(1000);
    }
  });
});
