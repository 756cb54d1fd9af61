import { ApplicationCommandOptionType, ApplicationCommandType, InteractionContextType, PermissionFlagsBits } from 'discord.js';
import { booleanOption, stringOption, type Command } from '../src/command.js';
import { errorReply, noticeReply, settingsReply } from '../src/reply/build.js';
import { isSettingKey, SETTINGS } from '../src/settings/guildSettings.js';

/** `/settings [setting] [value]`: how Steppe behaves in this server; managers change it. */
export const settings: Command = {
  definition: {
    type: ApplicationCommandType.ChatInput,
    name: 'settings',
    description: 'How Steppe behaves in this server (Manage Server to change)',
    // Hidden from members without Manage Server; checked again when a value is set.
    default_member_permissions: String(PermissionFlagsBits.ManageGuild),
    contexts: [InteractionContextType.Guild],
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'setting',
        description: 'The setting to change',
        choices: SETTINGS.map((s) => ({ name: s.key, value: s.key })),
      },
      { type: ApplicationCommandOptionType.Boolean, name: 'value', description: 'On or off' },
    ],
  },
  help: { usage: '/settings [setting] [value]', text: 'Shows this server’s settings; with a setting and a value, changes it (Manage Server).' },
  alwaysPrivate: true,
  async run(ctx) {
    if (!ctx.guild || !ctx.settings) return { reply: errorReply('Settings belong to a server: use /settings in one.'), private: true };
    const key = stringOption(ctx, 'setting');
    const value = booleanOption(ctx, 'value');
    if (key === undefined && value === undefined) return { reply: settingsReply(await ctx.settings.get(ctx.guild.id)), private: true };
    if (key === undefined || !isSettingKey(key) || value === undefined) {
      return { reply: errorReply(`Give a setting and a value, e.g. /settings setting: answer_in_threads value: true. Settings: ${SETTINGS.map((s) => s.key).join(', ')}.`), private: true };
    }
    if (!ctx.guild.canManage) return { reply: errorReply('Only members with the Manage Server permission can change settings.'), private: true };
    const saved = await ctx.settings.set(ctx.guild.id, key, value);
    if (!saved) return { reply: errorReply('That setting could not be saved (the database is not available). Nothing changed.'), private: true };
    return { reply: noticeReply(`${key} is now ${value ? 'on' : 'off'} in this server.`), private: true };
  },
};
