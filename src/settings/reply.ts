import { fitLines } from '../feedback/reportReply.js';
import type { Reply } from '../reply/types.js';
import { SETTING_DESCRIPTIONS, SETTINGS, type GuildSettingValues } from './guildSettings.js';

/** `/settings show`: every setting, its value in this server, what it does. */

export interface SettingsCardOptions {
  /** The bot's own cooldown, for a server that set none. */
  defaultCooldown: { seconds: number; burst: number };
  /** Whether the bot reads plain messages (the Message Content intent): help channels need it. */
  messageContent: boolean;
  /** Every document id of the corpus, with its title. */
  documents: Array<{ id: string; title: string }>;
  /** How a channel is shown (Discord: <#id>). */
  channel: (id: string) => string;
}

export const NO_MESSAGE_CONTENT =
  'Steppe cannot read plain messages: the Message Content intent is off (MESSAGE_CONTENT_INTENT=true, and the intent enabled in the Developer Portal, Bot → Privileged Gateway Intents). Until then it answers only @mentions and replies in these channels.';

export function cooldownText(values: Pick<GuildSettingValues, 'cooldown_seconds'>, fallback: { seconds: number; burst: number }): string {
  if (values.cooldown_seconds === null) {
    return fallback.seconds > 0 ? `the bot’s default (${fallback.burst} at once, then one every ${fallback.seconds} s)` : 'the bot’s default (no limit)';
  }
  return values.cooldown_seconds === 0 ? 'no limit' : `once every ${values.cooldown_seconds} s`;
}

export function settingsCard(values: GuildSettingValues, options: SettingsCardOptions): Reply {
  const { help_channels: channels, documents } = values;
  const known = new Map(options.documents.map((d) => [d.id, d.title]));
  const searched = documents?.filter((id) => known.has(id)) ?? [];
  const fields = [
    ...SETTINGS.map((s) => ({ name: `${s.key}: ${values[s.key] ? 'on' : 'off'}`, value: s.description })),
    { name: `cooldown: ${cooldownText(values, options.defaultCooldown)}`, value: `${SETTING_DESCRIPTIONS.cooldown_seconds}. Change: /settings cooldown seconds: …` },
    {
      name: `help_channels: ${channels.length ? channels.length : 'none'}`,
      value: [
        channels.length ? channels.map(options.channel).join(', ') : null, // at most 25 channel mentions: well under a field
        `${SETTING_DESCRIPTIONS.help_channels}. Change: /settings help_channel channel: … answer: true|false`,
        channels.length && !options.messageContent ? `⚠ ${NO_MESSAGE_CONTENT}` : null,
      ]
        .filter(Boolean)
        .join('\n'),
    },
    {
      name: `documents: ${searched.length ? `${searched.length} of ${known.size}` : `all ${known.size}`}`,
      value: [
        searched.length ? fitLines(searched.map((id) => `\`${id}\` ${known.get(id)}`), 800, '') : null,
        `${SETTING_DESCRIPTIONS.documents}. Change: /settings documents documents: id, id… (all: every one)`,
      ]
        .filter(Boolean)
        .join('\n'),
    },
  ];
  return {
    tone: 'info',
    title: 'Steppe’s settings in this server',
    fields,
    footer: 'On/off settings: /settings set setting: … value: … (Manage Server)',
  };
}
