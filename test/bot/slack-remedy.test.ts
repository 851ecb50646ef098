import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackApp } from '../../bot/slack/create-app.ts';
import { formCallbackId } from '../../bot/slack/form-modal.ts';
import { queryRows } from '../../db/client.ts';
import { seedDemo } from '../../db/demo/index.ts';
import { noCache } from '../../db/result-cache.ts';
import { createTestCore } from '../helpers/core.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { createTestSlack, linkSlack, send, textOf } from '../helpers/slack-app.ts';
import { buttonPress, interaction, slashCommand, viewSubmission } from '../helpers/slack-requests.ts';
import { type SlackCall, type SlackStandIn, startSlackStandIn } from '../helpers/slack-stand-in.ts';

const REMEDY_MODAL_ID = formCallbackId('remedy');
const OPEN = 'BH-TB-KT2026-02'; // open, BH-TB-CHV02 responsible
const RESPONSIBLE = 'U0RESP'; // BH-TB-CHV02
const COLLEAGUE = 'U0COLL'; // BH-TB-CHV01, same unit, not responsible
const OUTSIDER = 'U0OUT'; // BH-DS-TP, another unit's head
const CHANNEL = 'C0TB';

type View = { callback_id?: string; private_metadata?: string; blocks: { block_id?: string; element?: Record<string, unknown> }[] };

describe.each(drivers)('the remedy form through Bolt, its Web API on a stand-in (%s)', (driver) => {
  let handle: TestDb;
  let standIn: SlackStandIn;
  let slack: SlackApp;
  let n = 0;
  const thads = (user: string, text: string) => {
    const id = `remedy-${++n}`;
    return send(slack, standIn, slashCommand({ user, text, channel: CHANNEL, trigger: id, responseUrl: standIn.responseUrl(id) }));
  };
  const opened = (calls: SlackCall[]) => calls.filter((c) => c.method === 'views.open');
  const state = async () => ({
    findings: await queryRows(handle.db, sql`select code, status, reported_note from findings order by code`),
    events: await queryRows(handle.db, sql`select count(*)::int as n from finding_events`),
    audit: await queryRows(handle.db, sql`select count(*)::int as n from audit_log where entity = 'finding'`),
  });
  const submit = (user: string, viewId: string, fields: { finding?: string; note?: string }) =>
    send(
      slack,
      standIn,
      viewSubmission({
        user: user,
        trigger: `trig-${viewId}-${++n}`,
        viewId: viewId,
        callbackId: REMEDY_MODAL_ID,
        privateMetadata: JSON.stringify({ channelId: CHANNEL }),
        state: {
            values: {
              finding: {
                finding: {
                  type: 'external_select',
                  selected_option: fields.finding ? { text: { type: 'plain_text', text: fields.finding }, value: fields.finding } : null,
                },
              },
              note: { note: { type: 'plain_text_input', value: fields.note ?? null } },
            },
          },
      }),
    );

  beforeAll(async () => {
    handle = await openTestDb(driver);
    await seedDemo(handle.db, { today: '2026-11-23', changes: noCache });
    await linkSlack(handle.db, 'BH-TB-CHV02', RESPONSIBLE);
    await linkSlack(handle.db, 'BH-TB-CHV01', COLLEAGUE);
    await linkSlack(handle.db, 'BH-DS-TP', OUTSIDER);
    standIn = await startSlackStandIn();
    slack = createTestSlack(createTestCore(handle.db), standIn);
  });
  afterAll(async () => {
    await slack.stop();
    await standIn.close();
    await handle.close();
  });

  it('opens the form for /thads khacphuc, and from the kiemtra button with the finding chosen', async () => {
    const plain = await thads(RESPONSIBLE, 'khacphuc');
    expect(plain.calls.map((c) => c.method)).toEqual(['views.open']);
    const view = plain.calls[0]!.body.view as View;
    expect(view.callback_id).toBe(REMEDY_MODAL_ID);
    expect(view.blocks.map((b) => b.block_id).filter(Boolean)).toEqual(['finding', 'note']);

    const listed = await thads(RESPONSIBLE, 'kiemtra');
    expect(JSON.stringify(listed.calls)).toContain(`khacphuc ${OPEN}`);
    const pressed = await send(slack, standIn, buttonPress({ user: RESPONSIBLE, value: `khacphuc ${OPEN}`, channel: CHANNEL, responseUrl: standIn.responseUrl('p') }));
    const chosen = opened(pressed.calls)[0]!.body.view as View;
    expect(chosen.blocks.find((b) => b.block_id === 'finding')!.element).toMatchObject({ type: 'external_select', initial_option: { value: OPEN } });
    expect(chosen.blocks.find((b) => b.block_id === 'note')!.element).toMatchObject({ type: 'plain_text_input', multiline: true, max_length: 2000 });
  });

  it('does not open it for a finding one may not report: the core says why', async () => {
    const colleague = await thads(COLLEAGUE, `khacphuc ${OPEN}`);
    expect(opened(colleague.calls)).toEqual([]);
    expect(textOf(colleague.calls[0]!)).toContain('Chỉ người được giao hoặc lãnh đạo đơn vị được kiểm tra');
    const outsider = await thads(OUTSIDER, `khacphuc ${OPEN}`);
    expect(opened(outsider.calls)).toEqual([]);
    expect(textOf(outsider.calls[0]!)).toContain(`Không tìm thấy nội dung kết luận kiểm tra "${OPEN}"`);
  });

  it('serves the finding picker: the person’s open findings only', async () => {
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
          action_id: 'finding',
          block_id: 'finding',
          value,
          container: { type: 'view', view_id: 'VREM' },
          view: { id: 'VREM', type: 'modal', callback_id: REMEDY_MODAL_ID },
        }),
      );
    const options = (r: { json?: unknown }) => (r.json as { options: { value: string }[] }).options.map((o) => o.value);
    expect(options(await suggest(RESPONSIBLE, ''))).toEqual([OPEN]);
    expect(options(await suggest(RESPONSIBLE, 'xac minh lai'))).toEqual([OPEN]);
    expect(options(await suggest(COLLEAGUE, ''))).toEqual([]);
    expect(options(await suggest(OUTSIDER, ''))).toEqual([]);
  });

  it('returns refusals into the form, changing nothing; records a good report once though submitted twice', async () => {
    const before = await state();
    const empty = await submit(RESPONSIBLE, 'VREM1', { finding: OPEN, note: '   ' });
    expect(empty.json).toEqual({ response_action: 'errors', errors: { note: 'Hãy nhập kết quả khắc phục.' } });
    const control = await submit(RESPONSIBLE, 'VREM1', { finding: OPEN, note: 'Đã xong\u0007' });
    expect(Object.keys((control.json as { errors: Record<string, string> }).errors)).toEqual(['note']);
    // A crafted payload naming a finding one may not report is refused in its field.
    const crafted = await submit(OUTSIDER, 'VREM2', { finding: OPEN, note: 'Đã khắc phục' });
    expect(crafted.json).toEqual({
      response_action: 'errors',
      errors: { finding: `Không tìm thấy nội dung kết luận kiểm tra "${OPEN}". Gõ /thads kiemtra để xem các nội dung của đơn vị.` },
    });
    expect([...empty.calls, ...control.calls, ...crafted.calls]).toEqual([]);
    expect(await state()).toEqual(before);

    const good = await submit(RESPONSIBLE, 'VREM1', { finding: OPEN, note: 'Đã xác minh lại 9 việc, cập nhật kết quả vào hệ thống.' });
    expect([good.status, good.text]).toEqual([200, '']);
    const posted = good.calls.filter((c) => c.method === 'chat.postMessage');
    expect(posted.map((c) => c.body.channel)).toEqual([CHANNEL]);
    expect(textOf(posted[0]!)).toContain(`Đã ghi nhận báo cáo kết quả khắc phục nội dung ${OPEN}`);
    const after = await state();
    expect(after.events).toEqual([{ n: 1 }]);
    expect(after.audit).toEqual([{ n: 1 }]);
    const again = await submit(RESPONSIBLE, 'VREM1', { finding: OPEN, note: 'Đã xác minh lại 9 việc, cập nhật kết quả vào hệ thống.' });
    expect(textOf(again.calls.find((c) => c.method === 'chat.postMessage')!)).toContain('đã được ghi nhận trước đó');
    expect(await state()).toEqual(after);
  });
});
