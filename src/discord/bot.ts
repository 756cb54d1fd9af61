import { Client, Events, GatewayIntentBits, type RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import type { Command } from '../command.js';
import type { Config } from '../config.js';
import type { Engine } from '../engine.js';
import type { Logger } from '../log.js';
import { VERSION } from '../version.js';
import { InteractionHandler } from './handler.js';
import { syncCommands } from './register.js';

/**
 * The Discord front-end: a discord.js client (Guilds intent only: slash commands need no
 * privileged intents), the central interaction handler, command registration on ready,
 * and an orderly stop.
 */

export interface RunningBot {
  client: Client;
  handler: InteractionHandler;
  /** Resolves when the client is ready and commands are registered. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Which shards this process runs: SHARD_IDS of SHARD_COUNT (several hosts splitting them),
 * all SHARD_COUNT shards, the ones a ShardingManager assigned (discord.js reads its
 * environment), or else as many as Discord recommends ('auto').
 */
function shardOptions(config: Config): { shards?: number[] | 'auto'; shardCount?: number } {
  if (config.SHARD_IDS) return { shards: config.SHARD_IDS, shardCount: config.SHARD_COUNT ?? Math.max(...config.SHARD_IDS) + 1 };
  if (config.SHARD_COUNT) return { shards: Array.from({ length: config.SHARD_COUNT }, (_, i) => i), shardCount: config.SHARD_COUNT };
  if (process.env.SHARDING_MANAGER) return {};
  return { shards: 'auto' };
}

/** Shard 0's process registers the commands, so several processes do not race to PUT. */
function holdsShardZero(client: Client, config: Config): boolean {
  const ids = config.SHARD_IDS ?? client.shard?.ids;
  return ids ? ids.includes(0) : true;
}

export function commandPayload(commands: Command[]): RESTPostAPIApplicationCommandsJSONBody[] {
  return commands.map((c) => c.definition);
}

export async function startBot(options: {
  config: Config;
  engine: Engine;
  commands: Command[];
  logger: Logger;
}): Promise<RunningBot> {
  const { config, engine, commands, logger } = options;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    ...(config.DISCORD_API_URL ? { rest: { api: config.DISCORD_API_URL } } : {}),
    ...shardOptions(config),
    allowedMentions: { parse: [] },
  });
  const handler = new InteractionHandler({
    engine,
    commands: new Map(commands.map((c) => [c.definition.name, c])),
    logger,
    bot: { version: VERSION, startedAt: Date.now() },
    cooldown: { seconds: config.COOLDOWN_SECONDS, burst: config.COOLDOWN_BURST },
  });
  client.on(Events.InteractionCreate, handler.handle);
  client.on(Events.Error, (err) => logger.error({ err }, 'discord client error'));
  client.on(Events.ShardDisconnect, (event, shard) => logger.warn({ shard, code: event.code }, 'gateway disconnected'));
  client.on(Events.ShardResume, (shard) => logger.info({ shard }, 'gateway resumed'));

  const ready = new Promise<void>((resolve, reject) => {
    client.once(Events.ClientReady, (c) => {
      logger.info({ user: c.user.tag, guilds: c.guilds.cache.size, shards: c.ws.shards.size }, 'connected to Discord');
      if (!holdsShardZero(client, config)) return resolve();
      syncCommands(client.rest, c.application.id, commandPayload(commands), config.DISCORD_GUILD_ID).then(
        (result) => {
          logger.info({ result, scope: config.DISCORD_GUILD_ID ? 'guild' : 'global' }, 'commands registered');
          resolve();
        },
        (err: unknown) => {
          logger.error({ err }, 'command registration failed');
          reject(err);
        },
      );
    });
  });
  ready.catch(() => undefined);

  await client.login(config.DISCORD_TOKEN);

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      const pending = await handler.drain();
      logger.info({ pending }, 'in-flight interactions finished; closing the gateway');
      await Promise.race([client.destroy(), new Promise((r) => setTimeout(r, 5000))]);
    })());
  return { client, handler, ready, stop };
}
