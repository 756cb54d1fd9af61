/**
 * `npm run start:sharded`: discord.js's ShardingManager runs one bot process per shard
 * (main.js beside this file, or main.ts through tsx when run from source; each told its
 * shard by the manager). The shard count is SHARD_COUNT, or what Discord recommends for
 * the bot (GET /gateway/bot, through DISCORD_API_URL when set: discord.js's own "auto"
 * would always ask discord.com).
 */
import { REST, Routes, ShardingManager } from 'discord.js';
import { EXIT_CONFIG } from './discord/bot.js';
import { createLogger, registerSecret } from './log.js';
import { loadConfigOrReport, runMain } from './cli/run.js';
import { siblingModule } from './paths.js';

async function recommendedShardCount(token: string, api?: string): Promise<number> {
  const rest = new REST(api ? { api } : {}).setToken(token);
  const gateway = (await rest.get(Routes.gatewayBot())) as { shards: number };
  return Math.max(1, gateway.shards);
}

async function main(): Promise<number> {
  const config = loadConfigOrReport('steppe');
  if (!config) return 1;
  if (!config.DISCORD_TOKEN) {
    process.stderr.write('steppe: start:sharded needs DISCORD_TOKEN (see .env.example); use npm start for the local console.\n');
    return 1;
  }
  registerSecret(config.DISCORD_TOKEN);
  const logger = createLogger(config.LOG_LEVEL);
  const totalShards = config.SHARD_COUNT ?? (await recommendedShardCount(config.DISCORD_TOKEN, config.DISCORD_API_URL));
  // The shards run main.js beside this file with this process's Node flags when compiled
  // (npm run start:sharded), main.ts through tsx when this runs from source (the tests).
  const entry = siblingModule(import.meta.url, 'main');
  const manager = new ShardingManager(entry.file, {
    token: config.DISCORD_TOKEN,
    totalShards,
    mode: 'process',
    execArgv: entry.execArgv,
    respawn: true,
  });
  manager.on('shardCreate', (shard) => {
    logger.info({ shard: shard.id, of: totalShards }, 'shard process started');
    // A shard that exits with EX_CONFIG (78) was refused by Discord (bad token, intents):
    // respawning would only be refused again, so stop everything and say so.
    shard.process?.on('exit', (code) => {
      if (code !== EXIT_CONFIG) return;
      manager.respawn = false;
      logger.fatal({ shard: shard.id }, 'Discord refused this bot; not restarting the shards (see the line above)');
      for (const other of manager.shards.values()) other.process?.kill('SIGTERM');
      setTimeout(() => process.exit(1), 500).unref();
    });
  });
  await manager.spawn({ timeout: 60_000, delay: Number(process.env.SHARD_SPAWN_DELAY_MS ?? 5500) });
  logger.info({ shards: totalShards }, 'all shards ready');
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      logger.info({ signal }, 'stopping shards');
      manager.respawn = false;
      for (const shard of manager.shards.values()) shard.process?.kill('SIGTERM');
      setTimeout(resolve, 6000).unref();
      Promise.all([...manager.shards.values()].map((s) => new Promise((r) => (s.process?.exitCode !== null ? r(null) : s.process?.once('exit', r))))).then(() => resolve());
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

runMain('steppe', main);
