import { ApplicationCommandOptionType, ApplicationCommandType, ChannelType, InteractionContextType, PermissionFlagsBits } from '../src/discord/djs.js';
import { booleanOption, numberOption, stringOption, type Command, type CommandContext, type CommandOutcome } from '../src/command.js';
import { LIMITS } from '../src/discord/limits.js';
import { errorReply, noticeReply } from '../src/reply/build.js';
import { parseDocumentIds } from '../src/settings/documentScope.js';
import { isBooleanSettingKey, MAX_COOLDOWN_SECONDS, MAX_HELP_CHANNELS, SETTINGS, type GuildSettings } from '../src/settings/guildSettings.js';
import { cooldownText, NO_MESSAGE_CONTENT, settingsCard } from '../src/settings/reply.js';

/**
 * `/settings show | set | cooldown | help_channel | documents`: how Steppe behaves in this
 * server; members with Manage Server change it. Thin: the settings and their card live in
 * src/settings.
 */

const SNOWFLAKE = /^\d{1,20}$/;
const channel = (id: string) => `<#${id}>`;
const reply = (r: CommandOutcome['reply']): CommandOutcome => ({ reply: r, private: true });
const notSaved = () => reply(errorReply('That setting could not be saved (the database is not available). Nothing changed.'));

export const settings: Command = {
  definition: {
    type: ApplicationCommandType.ChatInput,
    name: 'settings',
    description: 'How Steppe behaves in this server (Manage Server to change)',
    // Hidden from members without Manage Server; checked again when a value is set.
    default_member_permissions: String(PermissionFlagsBits.ManageGuild),
    contexts: [InteractionContextType.Guild],
    options: [
      { type: ApplicationCommandOptionType.Subcommand, name: 'show', description: 'Every setting and its value in this server' },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'set',
        description: 'Turn a setting on or off',
        options: [
          { type: ApplicationCommandOptionType.String, name: 'setting', description: 'The setting to change', required: true, choices: SETTINGS.map((s) => ({ name: s.key, value: s.key })) },
          { type: ApplicationCommandOptionType.Boolean, name: 'value', description: 'On or off', required: true },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'cooldown',
        description: 'How often a member may ask here: once every N seconds (0: no limit; empty: the default)',
        options: [{ type: ApplicationCommandOptionType.Integer, name: 'seconds', description: `0 to ${MAX_COOLDOWN_SECONDS}; leave out for the bot’s default`, min_value: 0, max_value: MAX_COOLDOWN_SECONDS }],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'help_channel',
        description: 'A channel where Steppe answers plain questions without a mention',
        options: [
          {
            type: ApplicationCommandOptionType.Channel,
            name: 'channel',
            description: 'A text, announcement or forum channel',
            required: true,
            channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.GuildForum],
          },
          { type: ApplicationCommandOptionType.Boolean, name: 'answer', description: 'true: answer there (default); false: stop' },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'documents',
        description: 'The documents this server searches',
        options: [
          { type: ApplicationCommandOptionType.String, name: 'documents', description: 'Document ids, separated by commas; all for every one', required: true, autocomplete: true, max_length: 4000 },
        ],
      },
    ],
  },
  help: {
    usage: '/settings show | set | cooldown | help_channel | documents',
    text: 'Shows this server’s settings; the others change one (Manage Server): on/off settings, the cooldown, help channels, the documents searched.',
  },
  alwaysPrivate: true,
  async run(ctx) {
    if (!ctx.guild || !ctx.settings) return reply(errorReply('Settings belong to a server: use /settings in one.'));
    const guildId = ctx.guild.id;
    const store = ctx.settings;
    const sub = stringOption(ctx, 'subcommand') ?? 'show';
    if (sub === 'show') return reply(await card(ctx, store, guildId));
    if (!ctx.guild.canManage) return reply(errorReply('Only members with the Manage Server permission can change settings.'));
    if (sub === 'set') {
      const key = stringOption(ctx, 'setting');
      const value = booleanOption(ctx, 'value');
      if (key === undefined || !isBooleanSettingKey(key) || value === undefined) {
        return reply(errorReply(`Give a setting and a value, e.g. /settings set setting: answer_in_threads value: true. Settings: ${SETTINGS.map((s) => s.key).join(', ')}.`));
      }
      if (!(await store.set(guildId, key, value))) return notSaved();
      return reply(noticeReply(`${key} is now ${value ? 'on' : 'off'} in this server.`));
    }
    if (sub === 'cooldown') {
      const seconds = numberOption(ctx, 'seconds');
      if (seconds !== undefined && !(Number.isInteger(seconds) && seconds >= 0 && seconds <= MAX_COOLDOWN_SECONDS)) {
        return reply(errorReply(`seconds must be a whole number from 0 to ${MAX_COOLDOWN_SECONDS} (0: no limit; leave it out for the bot’s default).`));
      }
      if (!(await store.set(guildId, 'cooldown_seconds', seconds ?? null))) return notSaved();
      const now = cooldownText({ cooldown_seconds: seconds ?? null }, defaultCooldown(store));
      return reply(noticeReply(`The cooldown in this server is now ${now}${seconds ? ' per member' : ''}.`));
    }
    if (sub === 'help_channel') {
      const id = stringOption(ctx, 'channel');
      if (!id || !SNOWFLAKE.test(id)) return reply(errorReply('Choose a channel, e.g. /settings help_channel channel: #help.'));
      const answer = booleanOption(ctx, 'answer') ?? true;
      const current = (await store.get(guildId)).help_channels;
      if (answer && current.includes(id)) return reply(noticeReply(`${channel(id)} is already a help channel.${ctx.messageContent === false ? `\n⚠ ${NO_MESSAGE_CONTENT}` : ''}`));
      if (!answer && !current.includes(id)) return reply(noticeReply(`${channel(id)} is not a help channel; nothing changed.`));
      if (answer && current.length >= MAX_HELP_CHANNELS) return reply(errorReply(`A server may have ${MAX_HELP_CHANNELS} help channels at most: remove one first.`));
      const next = answer ? [...current, id] : current.filter((c) => c !== id);
      if (!(await store.set(guildId, 'help_channels', next))) return notSaved();
      if (!answer) return reply(noticeReply(`${channel(id)} is no longer a help channel: Steppe answers there only when mentioned.`));
      const warning = ctx.messageContent === false ? `\n⚠ ${NO_MESSAGE_CONTENT}` : '';
      return reply(noticeReply(`${channel(id)} is now a help channel: Steppe answers plain questions there without a mention (in a forum, each new post).${warning}`));
    }
    if (sub === 'documents') {
      const typed = stringOption(ctx, 'documents')?.trim() ?? '';
      const known = ctx.engine.corpus.documents.map((d) => d.meta.id);
      if (/^all$/i.test(typed)) {
        if (!(await store.set(guildId, 'documents', null))) return notSaved();
        return reply(noticeReply(`This server now searches all ${known.length} documents.`));
      }
      const ids = parseDocumentIds(typed);
      const unknown = ids.filter((id) => !known.includes(id));
      if (ids.length === 0 || unknown.length) {
        const list = known.join(', ');
        const named = unknown.map((u) => `“${u.slice(0, 60)}”`).join(', ');
        return reply(errorReply(`${ids.length ? `Not a document here: ${named.slice(0, 600)}.` : 'Give document ids, separated by commas, or all.'} Documents: ${list.length > 1200 ? `${list.slice(0, 1200)}…` : list}.`));
      }
      const value = ids.length === known.length ? null : ids;
      if (!(await store.set(guildId, 'documents', value))) return notSaved();
      return reply(noticeReply(value ? `This server now searches ${ids.length} of ${known.length} documents: ${ids.join(', ')}.` : `This server now searches all ${known.length} documents.`));
    }
    return reply(errorReply('This version of Steppe does not know that setting. Try /settings show.'));
  },
  autocomplete(ctx, focused) {
    if (focused.name !== 'documents') return [];
    // The ids typed so far stay; the last one is completed.
    const cut = Math.max(focused.value.lastIndexOf(','), -1);
    const before = focused.value.slice(0, cut + 1);
    const typed = focused.value.slice(cut + 1).trim().toLowerCase();
    const chosen = new Set(parseDocumentIds(before));
    const prefix = before ? `${before.replace(/\s*$/, '')} ` : '';
    return [{ id: 'all', title: 'every document' }, ...ctx.engine.corpus.documents.map((d) => ({ id: d.meta.id, title: d.meta.title }))]
      .filter((d) => !chosen.has(d.id) && (d.id.includes(typed) || d.title.toLowerCase().includes(typed)) && !(before && d.id === 'all'))
      .map((d) => ({ name: `${prefix}${d.id} · ${d.title}`.slice(0, LIMITS.choiceName), value: `${prefix}${d.id}` }))
      .filter((c) => c.value.length <= LIMITS.choiceValue)
      .slice(0, LIMITS.autocompleteChoices);
  },
};

function defaultCooldown(store: GuildSettings): { seconds: number; burst: number } {
  return store.defaultCooldown;
}

async function card(ctx: CommandContext, store: GuildSettings, guildId: string) {
  return settingsCard(await store.get(guildId), {
    defaultCooldown: defaultCooldown(store),
    messageContent: ctx.messageContent ?? true,
    documents: ctx.engine.corpus.documents.map((d) => ({ id: d.meta.id, title: d.meta.title })),
    channel,
  });
}
