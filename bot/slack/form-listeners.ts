import type { App } from '@slack/bolt';
import { type Outgoing, message, type Reply } from '../core/reply.ts';
import { takeTurn, whoIs } from '../core/turn.ts';
import { hasMessage, type Locale, t } from '../i18n/index.ts';
import type { SlackAdapter } from './answer.ts';
import { deliverSlack } from './deliver.ts';
import { FORM_CALLBACK_PREFIX, readFormValues, readModalMetadata } from './form-modal.ts';
import { slackText } from './render.ts';
import { ackStateOf } from './receiver.ts';

const FORM_CALLBACK = new RegExp(`^${FORM_CALLBACK_PREFIX}`);

/**
 * The listeners of every form drawn as a modal (bot/slack/form-modal.ts): a search field's
 * options, and the submission, checked by the core before the ack so that mistakes come back
 * in the modal (`response_action: errors`); the confirmation is posted after the ack, to the
 * channel the form was opened from, or else by DM.
 */
export function registerFormListeners(app: App, adapter: SlackAdapter): void {
  const { core, log } = adapter;

  app.options(/.*/, async ({ ack, body }) => {
    const form = (body as { view?: { callback_id?: string } }).view?.callback_id?.replace(FORM_CALLBACK, '') ?? 'report';
    const inbound = { platform: 'slack' as const, account: body.user.id, chat: { id: body.user.id, isPrivate: true } };
    const turn = await takeTurn(core, inbound, { kind: 'search', form, field: body.action_id, query: body.value ?? '' });
    const choices = turn.kind === 'choices' ? turn.choices : [];
    await ack({ options: choices.map((c) => ({ text: { type: 'plain_text' as const, text: c.text }, value: c.value })) });
  });

  app.view(FORM_CALLBACK, async ({ ack, body, view, client, context }) => {
    const userId = body.user.id;
    const dm = () => adapter.dms.open(client, userId);
    let locale: Locale = core.deps.config.defaultLocale;
    const toDm = async (outgoing: Outgoing[]) => deliverSlack(client, outgoing, { userId, isPrivate: true, locale, openDm: dm, channelId: await dm() });
    const { channelId } = readModalMetadata(view.private_metadata);
    const form = view.callback_id.replace(FORM_CALLBACK, '');
    const inbound = {
      platform: 'slack' as const,
      account: userId,
      chat: { id: channelId ?? userId, isPrivate: channelId === undefined },
      inboundId: `view:${view.id}`,
    };
    let turn: Awaited<ReturnType<typeof takeTurn>>;
    try {
      turn = await takeTurn(core, inbound, { kind: 'submit', form, values: readFormValues(view.state.values) });
    } catch (error) {
      // The modal stays open with an apology rather than closing as if all went well.
      log.error({ err: error, view_id: view.id }, 'slack: form submission failed');
      locale = await whoIs(core, 'slack', userId).then((w) => w.locale, () => locale);
      await ack({ response_action: 'errors', errors: { [firstField(view.state.values)]: t(locale, 'views.modal.failed') } });
      if (ackStateOf(context).isLate()) await toDm([{ to: 'chat', reply: message(t(locale, 'internal_error'), 'error') }]);
      return;
    }
    if (turn.kind === 'refused') {
      locale = turn.locale;
      const errors = Object.fromEntries(Object.entries(turn.errors).map(([field, text]) => [field, slackText(text)]));
      await ack({ response_action: 'errors', errors });
      // Too late for the modal (Slack closed it on the receiver's empty 200): the person still learns why.
      if (ackStateOf(context).isLate()) await toDm([{ to: 'chat', reply: refusalReply(locale, form, errors) }]);
      return;
    }
    await ack();
    if (turn.kind !== 'replies') return;
    locale = turn.locale;
    // Unlinked since the form opened, or a resubmission's "already recorded": the person's alone, by DM.
    const shared = turn.outgoing.filter((o) => o.to === 'chat');
    if (turn.person && channelId && !channelId.startsWith('D') && shared.length === turn.outgoing.length) {
      try {
        await deliverSlack(client, shared, { userId, isPrivate: false, locale, openDm: dm, channelId });
        return;
      } catch (error) {
        // The app is not in that channel (a private one): the person still gets the answer.
        log.info({ err: error, channel: channelId }, 'slack: form confirmation not posted in the channel, sent by DM');
      }
    }
    await toDm(turn.outgoing.map((o) => ({ ...o, to: 'chat' as const })));
  });
}

/** The block an apology is shown under: the form's first. */
function firstField(values: Record<string, unknown>): string {
  return Object.keys(values)[0] ?? 'case';
}

/**
 * The refusals as a message: what was not recorded, and why, field by field. A form's own
 * heading and labels (`views.<form>.refused`, `views.<form>.<field>`) where it has them; the
 * progress report's are `views.modal.*`.
 */
function refusalReply(locale: Locale, form: string, errors: Record<string, string>): Reply {
  const key = (name: string) => [`views.${form}.${name}`, `views.modal.${name}`].find((k) => hasMessage(locale, k));
  const heading = form === 'report' ? 'views.modal.refused' : hasMessage(locale, `views.${form}.refused`) ? `views.${form}.refused` : 'views.form.refused';
  const lines = Object.entries(errors).map(([field, text]) => {
    const label = key(field);
    return label ? `• ${t(locale, label)}: ${text}` : `• ${text}`;
  });
  return message([t(locale, heading), ...lines].join('\n'), 'error');
}
