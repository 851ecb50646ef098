import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SlackApp } from '../../bot/slack/create-app.ts';
import { formCallbackId } from '../../bot/slack/form-modal.ts';

const REPORT_MODAL_ID = formCallbackId('report');
import { seedDemo } from '../../db/demo/index.ts';
import { cases, collections, processedUpdates } from '../../db/schema.ts';
import { createTestCore } from '../helpers/core.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { firstCaseOf } from '../helpers/fixtures.ts';
import { createTestSlack, linkSlack, send, textOf } from '../helpers/slack-app.ts';
import { buttonPress, eventCallback, interaction, slashCommand, viewSubmission } from '../helpers/slack-requests.ts';
import { type SlackCall, type SlackStandIn, startSlackStandIn } from '../helpers/slack-stand-in.ts';
import { noCache } from '../../db/result-cache.ts';

const OFFICER = 'U0OFFICER'; // BH-DS-CHV01
const CLERK = 'U0CLERK'; // BH-DS-TK
const STRANGER = 'U0STRANGER';
const CHANNEL = 'C0GROUP';

type View = { callback_id?: string; private_metadata?: string; type: string; blocks: { block_id?: string; element?: Record<string, unknown> }[] };

describe.each(drivers)('the report modal and the App Home through Bolt, its Web API on a stand-in (%s)', (driver) => {
  let handle: TestDb;
  let standIn: SlackStandIn;
  let slack: SlackApp;
  let own = '';
  let n = 0;
  const thads = (user: string, text: string) => {
    const id = `views-${++n}`;
    return send(slack, standIn, slashCommand({ user, text, channel: CHANNEL, trigger: id, responseUrl: standIn.responseUrl(id) }));
  };
  const opened = (calls: SlackCall[]) => calls.filter((c) => c.method === 'views.open');
  const collected = async () =>
    (await handle.db.select().from(collections).innerJoin(cases, eq(cases.id, collections.caseId)).where(eq(cases.code, own))).length;
  /** A view_submission of the modal with these values (block → element state). */
  const submit = (user: string, viewId: string, values: Record<string, Record<string, unknown>>, channelId: string | null = CHANNEL) =>
    send(
      slack,
      standIn,
      viewSubmission({
        user: user,
        trigger: `trig-${viewId}-${++n}`,
        viewId: viewId,
        callbackId: REPORT_MODAL_ID,
        privateMetadata: channelId ? JSON.stringify({ channelId }) : '',
        state: { values },
      }),
    );
  const form = (fields: { case?: string; action?: string; amount?: string }) => ({
    case: { case: { type: 'external_select', selected_option: fields.case ? { text: { type: 'plain_text', text: fields.case }, value: fields.case } : null } },
    action: { action: { type: 'static_select', selected_option: fields.action ? { text: { type: 'plain_text', text: fields.action }, value: fields.action } : null } },
    amount: { amount: { type: 'plain_text_input', value: fields.amount ?? null } },
    status: { status: { type: 'static_select', selected_option: null } },
    date: { date: { type: 'datepicker', selected_date: null } },
    note: { note: { type: 'plain_text_input', value: null } },
  });

  beforeAll(async () => {
    handle = await openTestDb(driver);
    await seedDemo(handle.db, { today: '2026-11-23', changes: noCache });
    await linkSlack(handle.db, 'BH-DS-CHV01', OFFICER);
    await linkSlack(handle.db, 'BH-DS-TK', CLERK);
    own = await firstCaseOf(handle.db, 'BH-DS-CHV01');
    standIn = await startSlackStandIn();
    slack = createTestSlack(createTestCore(handle.db), standIn);
  });
  beforeEach(() => {
    standIn.answer = () => undefined;
  });
  afterAll(async () => {
    await slack.stop();
    await standIn.close();
    await handle.close();
  });

  it('opens the modal for /thads capnhat alone, with the trigger and the channel it came from', async () => {
    const { status, text, calls } = await thads(OFFICER, 'capnhat');
    expect([status, text]).toEqual([200, '']);
    expect(calls.map((c) => c.method)).toEqual(['views.open']);
    expect(calls[0]!.body.trigger_id).toBe(`views-${n}`);
    const view = calls[0]!.body.view as View;
    expect(view.callback_id).toBe(REPORT_MODAL_ID);
    expect(JSON.parse(view.private_metadata!)).toEqual({ channelId: CHANNEL });
    // With a case named, the command runs as on Telegram (its step-by-step questions).
    const named = await thads(OFFICER, `capnhat ${own}`);
    expect(opened(named.calls)).toEqual([]);
    expect(named.calls[0]!.method).toBe('response_url');
  });

  it('does not open it for those who may not report: the core says why, privately', async () => {
    const stranger = await thads(STRANGER, 'capnhat');
    expect(opened(stranger.calls)).toEqual([]);
    expect(stranger.calls.map((c) => c.body.response_type)).toEqual(['ephemeral']);
    expect(textOf(stranger.calls[0]!)).toContain('/thads lienket');
    const clerk = await thads(CLERK, 'capnhat');
    expect(opened(clerk.calls)).toEqual([]);
    expect(textOf(clerk.calls[0]!)).toContain('Bạn không có quyền dùng lệnh /thads capnhat');
  });

  it('opens it from a capnhat button, with the button’s case already chosen', async () => {
    const plain = await send(slack, standIn, buttonPress({ user: OFFICER, value: 'capnhat' }));
    expect(opened(plain.calls)).toHaveLength(1);
    expect(JSON.parse((opened(plain.calls)[0]!.body.view as View).private_metadata!)).toEqual({});
    const withCase = await send(slack, standIn, buttonPress({ user: OFFICER, value: `capnhat ${own}`, channel: CHANNEL, responseUrl: standIn.responseUrl('p') }));
    const view = opened(withCase.calls)[0]!.body.view as View;
    const picker = view.blocks.find((b) => b.block_id === 'case')!.element!;
    expect(picker).toMatchObject({ type: 'external_select', action_id: 'case', initial_option: { value: own } });
  });

  it('serves the case picker’s options: the person’s reportable cases, none for a stranger', async () => {
    const suggest = (user: string, value: string) =>
      send(
        slack,
        standIn,
        interaction({
          type: 'block_suggestion',
          user: { id: user, username: 'x', team_id: 'T1' },
          team: { id: 'T1', domain: 'thads' },
          api_app_id: 'A1',
          token: 'legacy',
          action_id: 'case',
          block_id: 'case',
          value,
          container: { type: 'view', view_id: 'VMODAL' },
          view: { id: 'VMODAL', type: 'modal', callback_id: REPORT_MODAL_ID },
        }),
      );
    const found = await suggest(OFFICER, own.slice(-6));
    expect(found.status).toBe(200);
    const options = (found.json as { options: { text: { type: string; text: string }; value: string }[] }).options;
    expect(options.map((o) => o.value)).toContain(own);
    expect(options.every((o) => o.value.startsWith('BH-DS-') && o.text.type === 'plain_text')).toBe(true);
    expect(found.calls).toEqual([]);
    expect((await suggest(STRANGER, '')).json).toEqual({ options: [] });
  });

  it('returns mistakes into the modal, recording nothing; records a good report once though submitted twice', async () => {
    const before = await collected();
    const missing = await submit(OFFICER, 'VREPORT1', form({ case: own, action: 'thu' }));
    expect(missing.status).toBe(200);
    const answer = missing.json as { response_action: string; errors: Record<string, string> };
    expect(answer.response_action).toBe('errors');
    expect(Object.keys(answer.errors)).toEqual(['amount']);
    const ambiguous = await submit(OFFICER, 'VREPORT1', form({ case: own, action: 'thu', amount: '1,500,000' }));
    expect((ambiguous.json as { response_action: string }).response_action).toBe('errors');
    expect(await collected()).toBe(before);
    expect([...missing.calls, ...ambiguous.calls]).toEqual([]);

    const good = await submit(OFFICER, 'VREPORT1', form({ case: own, action: 'thu', amount: '2tr' }));
    expect([good.status, good.text]).toEqual([200, '']);
    expect(await collected()).toBe(before + 1);
    const posted = good.calls.filter((c) => c.method === 'chat.postMessage');
    expect(posted.map((c) => c.body.channel)).toEqual([CHANNEL]);
    expect(textOf(posted[0]!)).toContain('2.000.000 ₫');
    const again = await submit(OFFICER, 'VREPORT1', form({ case: own, action: 'thu', amount: '2tr' }));
    expect(again.text).toBe('');
    // "Already recorded" is for the person alone: by DM, not in the channel.
    const told = again.calls.filter((c) => c.method === 'chat.postMessage');
    expect(told.map((c) => c.body.channel)).toEqual([`D${OFFICER}`]);
    expect(textOf(told[0]!)).toContain('Báo cáo này đã được ghi nhận trước đó');
    expect(await collected()).toBe(before + 1);
    const claims = await handle.db.select().from(processedUpdates).where(eq(processedUpdates.updateId, 'view:VREPORT1'));
    expect(claims).toHaveLength(1);
  });

  it('sends the confirmation by DM when the channel refuses the app, or when the modal came from no channel', async () => {
    standIn.answer = (call) => (call.method === 'chat.postMessage' && call.body.channel === CHANNEL ? { ok: false, error: 'not_in_channel' } : undefined);
    const before = await collected();
    const refused = await submit(OFFICER, 'VREPORT2', form({ case: own, action: 'thu', amount: '1tr' }));
    expect(refused.calls.filter((c) => c.method === 'chat.postMessage').map((c) => c.body.channel)).toEqual([CHANNEL, `D${OFFICER}`]);
    const home = await submit(OFFICER, 'VREPORT3', form({ case: own, action: 'thu', amount: '1tr' }), null);
    expect(home.calls.filter((c) => c.method === 'chat.postMessage').map((c) => c.body.channel)).toEqual([`D${OFFICER}`]);
    expect(await collected()).toBe(before + 2);
  });

  it('refuses, in the modal, a submission by someone who may not report on that case (a crafted payload)', async () => {
    const before = await collected();
    const { json, calls } = await submit(CLERK, 'VREPORT5', form({ case: own, action: 'thu', amount: '1tr' }));
    expect((json as { response_action: string }).response_action).toBe('errors');
    expect(await collected()).toBe(before);
    expect(calls).toEqual([]);
  });

  it('tells someone unlinked since the modal opened how to link, recording nothing', async () => {
    const before = await collected();
    const { text, calls } = await submit(STRANGER, 'VREPORT4', form({ case: own, action: 'thu', amount: '1tr' }));
    expect(text).toBe('');
    expect(await collected()).toBe(before);
    const dm = calls.filter((c) => c.method === 'chat.postMessage');
    expect(dm.map((c) => c.body.channel)).toEqual([`D${STRANGER}`]);
    expect(textOf(dm[0]!)).toContain('/thads lienket');
  });

  it('publishes the App Home when it is opened, once per event id, and how to link for a stranger', async () => {
    const opening = (user: string, id: string, tab = 'home') =>
      eventCallback({ type: 'app_home_opened', user, channel: `D${user}`, tab, event_ts: '1795000000.1' }, id);
    const first = await send(slack, standIn, opening(OFFICER, 'Ev-home-1'));
    expect(first.status).toBe(200);
    const published = first.calls.filter((c) => c.method === 'views.publish');
    expect(published).toHaveLength(1);
    expect(published[0]!.body.user_id).toBe(OFFICER);
    const view = published[0]!.body.view as View;
    expect(view.type).toBe('home');
    expect(JSON.stringify(view.blocks)).toContain(own);
    expect((await send(slack, standIn, opening(OFFICER, 'Ev-home-1'), { 'x-slack-retry-num': '1' })).calls).toEqual([]);
    expect((await send(slack, standIn, opening(OFFICER, 'Ev-home-2', 'messages'))).calls).toEqual([]);
    const stranger = await send(slack, standIn, opening(STRANGER, 'Ev-home-3'));
    const strangerView = stranger.calls.find((c) => c.method === 'views.publish')!.body.view as View;
    expect(JSON.stringify(strangerView.blocks)).not.toContain('BH-DS-');
  });
});
