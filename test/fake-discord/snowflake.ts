/**
 * Snowflake helpers for the loopback fake Discord.
 *
 * Ids must look like real snowflakes because discord.js derives timestamps
 * from them (`interaction.createdTimestamp`), and bots commonly check an
 * interaction's age against the 3-second acknowledgement window.
 */

const DISCORD_EPOCH = 1420070400000n;

let increment = 0n;

/** A snowflake whose timestamp part is `time` (default: now). Unique within the process. */
export function snowflake(time: number = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  // worker id 1 / process id 0: irrelevant for tests but keeps the layout realistic
  return (((BigInt(time) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}

/** Milliseconds since the Unix epoch encoded in a snowflake. */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

/** Discord's sharding formula: shard_id = (guild_id >> 22) % num_shards. */
export function shardForGuild(guildId: string, shardCount: number): number {
  if (shardCount <= 1) return 0;
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}
