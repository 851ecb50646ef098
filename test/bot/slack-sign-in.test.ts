import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackApp } from '../../bot/slack/create-app.ts';
import { signInLinks } from '../../db/schema.ts';
import { createTestCore } from '../helpers/core.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { addStaff, addUnit } from '../helpers/fixtures.ts';
import { createTestSlack, linkSlack, send, textOf } from '../helpers/slack-app.ts';
import { slashCommand } from '../helpers/slack-requests.ts';
import { type SlackStandIn, startSlackStandIn } from '../helpers/slack-stand-in.ts';

const OFFICER = 'U0OFFICER';
const LINK = /http:\/\/127\.0\.0\.1:3000\/dang-nhap\/[0-9a-f]{64}/;

describe.each(drivers)('/thads dangnhap through Bolt (%s)', (driver) => {
  let handle: TestDb;
  let standIn: SlackStandIn;
  let slack: SlackApp;
  let n = 0;
  const thads = (text: string, channel: string) => {
    const id = `cmd-${++n}`;
    return send(slack, standIn, slashCommand({ user: OFFICER, text, channel, trigger: id, responseUrl: standIn.responseUrl(id) }));
  };
  beforeAll(async () => {
    handle = await openTestDb(driver);
    await addStaff(handle.db, 'A-OFF', await addUnit(handle.db, 'A', 'province'), 'officer');
    await linkSlack(handle.db, 'A-OFF', OFFICER);
    standIn = await startSlackStandIn();
    slack = createTestSlack(createTestCore(handle.db), standIn);
  });
  afterAll(async () => {
    await slack.stop();
    await standIn.close();
    await handle.close();
  });

  it('in a channel, tells the person alone to ask in the DM and gives no link', async () => {
    const { calls } = await thads('dangnhap', 'C0GROUP');
    expect(calls.map((c) => [c.method, c.body.response_type])).toEqual([['response_url', 'ephemeral']]);
    expect(textOf(calls[0]!)).toBe('Liên kết đăng nhập chỉ gửi trong tin nhắn riêng. Đề nghị đồng chí nhắn /thads dangnhap riêng cho bot.');
    expect(await handle.db.select().from(signInLinks)).toEqual([]);
  });

  it('in the app’s DM, answers with the link', async () => {
    const { calls } = await thads('dangnhap', `D${OFFICER}`);
    expect(calls.filter((c) => c.method === 'response_url').map((c) => c.body.response_type)).toEqual(['in_channel']);
    expect(textOf(calls.find((c) => c.method === 'response_url')!)).toMatch(LINK);
    expect(await handle.db.select().from(signInLinks)).toHaveLength(1);
  });
});
