import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackApp } from '../../bot/slack/create-app.ts';
import { formCallbackId } from '../../bot/slack/form-modal.ts';
import { seedDemo } from '../../db/demo/index.ts';
import { noCache } from '../../db/result-cache.ts';
import { deliveries, questions } from '../../db/schema.ts';
import { createTestCore, say } from '../helpers/core.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { firstCaseOf, setChannels } from '../helpers/fixtures.ts';
import { createTestSlack, linkSlack, send, textOf } from '../helpers/slack-app.ts';
import { buttonPress, viewSubmission } from '../helpers/slack-requests.ts';
import { type SlackStandIn, startSlackStandIn } from '../helpers/slack-stand-in.ts';

const HEAD = 'U0HEAD'; // BH-DS-TP
const OFFICER = 'U0OFFICER'; // BH-DS-CHV01
const CHANNEL = 'C0DS';

type View = { callback_id?: string; blocks: { block_id?: string; element?: Record<string, unknown> }[] };

// The question's answer button in the unit's Slack channel opens the answer form; sending it answers.
describe.each(drivers)('answering a question through the Slack form, through Bolt (%s)', (driver) => {
  let handle: TestDb;
  let standIn: SlackStandIn;
  let slack: SlackApp;
  let ref = '';
  let n = 0;
  const submit = (user: string, viewId: string, values: { question: string; answer: string | null }) =>
    send(
      slack,
      standIn,
      viewSubmission({
        user: user,
        trigger: `trig-${viewId}-${++n}`,
        viewId: viewId,
        callbackId: formCallbackId('answer'),
        privateMetadata: JSON.stringify({ channelId: CHANNEL }),
        state: {
            values: {
              question: { question: { type: 'external_select', selected_option: { text: { type: 'plain_text', text: values.question }, value: values.question } } },
              answer: { answer: { type: 'plain_text_input', value: values.answer } },
            },
          },
      }),
    );

  beforeAll(async () => {
    handle = await openTestDb(driver);
    await seedDemo(handle.db, { today: '2026-11-23', changes: noCache });
    await linkSlack(handle.db, 'BH-DS-TP', HEAD);
    await linkSlack(handle.db, 'BH-DS-CHV01', OFFICER);
    // Slack only: the demo's made-up Telegram group is taken away, so the answer goes to one channel.
    await setChannels(handle.db, 'BH-DS', { slack: CHANNEL, telegram: null });
    const core = createTestCore(handle.db);
    await say(core, 'BH-PCT1', `/chatvan ${await firstCaseOf(handle.db, 'BH-DS-CHV01')} Vì sao chưa xác minh?`);
    ref = `CV${(await handle.db.select({ id: questions.id }).from(questions))[0]!.id}`;
    standIn = await startSlackStandIn();
    slack = createTestSlack(core, standIn);
  });
  afterAll(async () => {
    await slack.stop();
    await standIn.close();
    await handle.close();
  });

  it('opens the answer form from the question’s button, with the question chosen', async () => {
    const pressed = await send(slack, standIn, buttonPress({ user: HEAD, value: `traloi ${ref}`, channel: CHANNEL, responseUrl: standIn.responseUrl('p1') }));
    const opened = pressed.calls.filter((c) => c.method === 'views.open');
    expect(opened).toHaveLength(1);
    const view = opened[0]!.body.view as View;
    expect(view.callback_id).toBe(formCallbackId('answer'));
    expect(view.blocks.find((b) => b.block_id === 'question')!.element).toMatchObject({ initial_option: { value: ref } });
    expect(JSON.stringify(view)).toContain('Vì sao chưa xác minh?');
  });

  it('refuses the form to an officer: the core says why, privately', async () => {
    const pressed = await send(slack, standIn, buttonPress({ user: OFFICER, value: `traloi ${ref}`, channel: CHANNEL, responseUrl: standIn.responseUrl('p2') }));
    expect(pressed.calls.filter((c) => c.method === 'views.open')).toEqual([]);
    expect(textOf(pressed.calls[0]!)).toContain('Bạn không có quyền dùng lệnh /thads traloi');
  });

  it('records the submitted answer once, refuses an empty one beside its field, and plans it for the channel', async () => {
    const empty = await submit(HEAD, 'VANSWER1', { question: ref, answer: '   ' });
    expect((empty.json as { response_action: string }).response_action).toBe('errors');
    expect((await handle.db.select().from(questions))[0]!.answer).toBeNull();
    const good = await submit(HEAD, 'VANSWER1', { question: ref, answer: 'Đã xác minh ngày 20/11/2026.' });
    expect([good.status, good.text]).toEqual([200, '']);
    expect((await handle.db.select().from(questions))[0]!.answer).toBe('Đã xác minh ngày 20/11/2026.');
    const posted = good.calls.filter((c) => c.method === 'chat.postMessage');
    expect(posted.map((c) => c.body.channel)).toEqual([CHANNEL]);
    expect(textOf(posted[0]!)).toContain(`Đã ghi nhận trả lời chất vấn ${ref}`);
    const planned = await handle.db.select().from(deliveries).where(eq(deliveries.job, 'question-answer'));
    expect(planned.map((r) => [r.platform, r.destination])).toEqual([['slack', CHANNEL]]);
    const again = await submit(HEAD, 'VANSWER1', { question: ref, answer: 'Đã xác minh ngày 20/11/2026.' });
    expect(textOf(again.calls.find((c) => c.method === 'chat.postMessage')!)).toContain('đã được ghi nhận trước đó');
  });
});
