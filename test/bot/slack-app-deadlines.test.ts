import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../bot/core/dispatch.ts';
import { t } from '../../bot/i18n/index.ts';
import { createSlackApp, type SlackAppOptions } from '../../bot/slack/create-app.ts';
import { formCallbackId } from '../../bot/slack/form-modal.ts';

const REPORT_MODAL_ID = formCallbackId('report');
import { seedDemo } from '../../db/demo/index.ts';
import { createTestCore } from '../helpers/core.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { linkSlack, send, textOf } from '../helpers/slack-app.ts';
import { buttonPress, SLACK_SECRET, SLACK_TOKEN, signedRequest, slashCommand, viewSubmission } from '../helpers/slack-requests.ts';
import { type SlackStandIn, startSlackStandIn } from '../helpers/slack-stand-in.ts';
import { noCache } from '../../db/result-cache.ts';

const LEADER = 'U0LEADER'; // BH-DS-TP
const OFFICER = 'U0OFFICER'; // BH-DS-CHV01
const CHANNEL = 'C0GROUP';

/** Slack's 3-second limits: the trigger_id that opens a modal, and the ack that answers a submission. */
describe.each(drivers)('the Slack app against Slack’s deadlines (%s)', (driver) => {
  let handle: TestDb;
  let standIn: SlackStandIn;
  let core: ReturnType<typeof createTestCore>;
  let n = 0;
  const appWith = (options: Partial<SlackAppOptions>, over: Core = core) =>
    createSlackApp(over, { token: SLACK_TOKEN, signingSecret: SLACK_SECRET, apiUrl: standIn.apiUrl, botId: 'B', botUserId: 'U', ...options });
  const command = (user: string, text: string, trigger = `dl-${++n}`) =>
    slashCommand({ user, text, channel: CHANNEL, trigger, responseUrl: standIn.responseUrl(trigger) });
  /** A submission of the report modal: "thu" on a case, the amount `amount` (none: missing). */
  const submission = (amount?: string) =>
    viewSubmission({
      user: OFFICER,
      trigger: `trig-${++n}`,
      viewId: `VDL${n}`,
      callbackId: REPORT_MODAL_ID,
      privateMetadata: JSON.stringify({ channelId: CHANNEL }),
      state: {
          values: {
            case: { case: { type: 'external_select', selected_option: { text: { type: 'plain_text', text: 'x' }, value: 'BH-DS-NONE' } } },
            action: { action: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'thu' }, value: 'thu' } } },
            amount: { amount: { type: 'plain_text_input', value: amount ?? null } },
          },
        },
    });
  /**
   * An app whose ack window (1 ms) closes before any listener runs: a middleware first waits
   * 20 ms, as slow checks would. The receiver's timer was set first, so it always fires first.
   */
  const slowApp = (over?: Core) => {
    const app = appWith({ ackWithinMs: 1 }, over);
    app.bolt.use(async ({ next }) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await next();
    });
    return app;
  };
  /** The same core, its clock broken: any submission fails inside, before its ack. */
  const broken = (): Core => ({
    commands: core.commands,
    deps: {
      ...core.deps,
      now: () => {
        throw new Error('clock broken');
      },
    },
  });

  beforeAll(async () => {
    handle = await openTestDb(driver);
    await seedDemo(handle.db, { today: '2026-11-23', changes: noCache });
    await linkSlack(handle.db, 'BH-DS-TP', LEADER);
    await linkSlack(handle.db, 'BH-DS-CHV01', OFFICER);
    standIn = await startSlackStandIn();
    core = createTestCore(handle.db);
  });
  beforeEach(() => {
    standIn.answer = () => undefined;
  });
  afterAll(async () => {
    await standIn.close();
    await handle.close();
  });

  it('opens the modal while every work turn is taken, without waiting for one', async () => {
    const busy = appWith({ maxWorking: 1 });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The first command's answer is held at Slack: its work keeps the only turn.
    standIn.answer = (call) => (call.target === 'held' ? gate.then(() => undefined) : undefined);
    await busy.handle(signedRequest(command(LEADER, 'tomtat BH-DS', 'held')));
    await vi.waitFor(() => expect(standIn.calls.some((c) => c.target === 'held')).toBe(true));
    const modal = await busy.handle(signedRequest(command(OFFICER, 'capnhat', 'busy-modal')));
    expect([modal.status, await modal.text()]).toEqual([200, '']);
    await vi.waitFor(() => expect(standIn.calls.filter((c) => c.method === 'views.open' && c.body.trigger_id === 'busy-modal')).toHaveLength(1));
    // A *Cập nhật* button pressed in the App Home meanwhile: the same.
    await busy.handle(signedRequest(buttonPress({ user: OFFICER, value: 'capnhat', trigger: 'busy-press' })));
    await vi.waitFor(() => expect(standIn.calls.filter((c) => c.method === 'views.open' && c.body.trigger_id === 'busy-press')).toHaveLength(1));
    release();
    await busy.stop();
  });

  it('tells the person, to them alone, to try again when the trigger expired', async () => {
    const slack = appWith({});
    standIn.answer = (call) => (call.method === 'views.open' ? { ok: false, error: 'expired_trigger_id' } : undefined);
    const { calls } = await send(slack, standIn, command(OFFICER, 'capnhat'));
    expect(calls.map((c) => [c.method, c.body.response_type])).toEqual([
      ['views.open', undefined],
      ['response_url', 'ephemeral'],
    ]);
    expect(textOf(calls[1]!)).toContain(t('vi', 'slack.modal_expired'));
  });

  it('sends a refusal by DM, field by field, when it came too late for the modal', async () => {
    const late = slowApp();
    const { text, calls } = await send(late, standIn, submission());
    expect(text).toBe('');
    const dm = calls.filter((c) => c.method === 'chat.postMessage');
    expect(dm.map((c) => c.body.channel)).toEqual([`D${OFFICER}`]);
    expect(textOf(dm[0]!)).toContain(t('vi', 'views.modal.refused'));
    expect(textOf(dm[0]!)).toContain(`• ${t('vi', 'views.modal.amount')}: ${t('vi', 'views.modal.error.amount_required')}`);
    expect(core.logs.map((l) => (l as { msg?: string }).msg)).toContain('slack ack after the request was answered: dropped');
  });

  it('words a late refusal of another form in its own terms, not a progress report’s', async () => {
    const remedy = viewSubmission({
      user: OFFICER,
      trigger: `trig-${++n}`,
      viewId: `VDL${n}`,
      callbackId: formCallbackId('remedy'),
      privateMetadata: JSON.stringify({ channelId: CHANNEL }),
      state: { values: { note: { note: { type: 'plain_text_input', value: 'Đã khắc phục' } } } },
    });
    const { calls } = await send(slowApp(), standIn, remedy);
    const dm = calls.filter((c) => c.method === 'chat.postMessage');
    expect(dm).toHaveLength(1);
    expect(textOf(dm[0]!)).toContain(t('vi', 'views.form.refused'));
    expect(textOf(dm[0]!)).not.toContain(t('vi', 'views.modal.refused'));
    expect(textOf(dm[0]!)).toContain(`• ${t('vi', 'views.remedy.finding')}: ${t('vi', 'views.remedy.finding_required')}`);
  });

  it('keeps the modal open with an apology when the submission fails inside, and DMs it when too late', async () => {
    const { json, calls } = await send(appWith({}, broken()), standIn, submission('1tr'));
    expect(json).toEqual({ response_action: 'errors', errors: { case: t('vi', 'views.modal.failed') } });
    expect(calls).toEqual([]);
    expect(core.logs.map((l) => (l as { msg?: string }).msg)).toContain('slack: form submission failed');

    const late = await send(slowApp(broken()), standIn, submission('1tr'));
    expect(late.text).toBe('');
    const dm = late.calls.filter((c) => c.method === 'chat.postMessage');
    expect(dm.map((c) => [c.body.channel, textOf(c)])).toEqual([[`D${OFFICER}`, `⚠️ ${t('vi', 'internal_error')}`]]);
  });
});
