import { Writable } from 'node:stream';
import { commands } from '../../commands/index.js';
import { parseConfig } from '../../src/config.js';
import { startBot, type RunningBot } from '../../src/discord/bot.js';
import { createEngine, type Engine } from '../../src/engine.js';
import { createLogger, registerSecret } from '../../src/log.js';
import { startFakeDiscord, type FakeDiscord } from '../fake-discord/fakeDiscord.js';

/**
 * The real bot (startBot with the real commands and engine) connected to the loopback
 * fake Discord. Logs are captured as parsed JSON lines.
 */

export const TEST_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GfakeX.abcdefghijklmnopqrstuvwxyz0123456789AB';

let enginePromise: Promise<Engine> | null = null;
export const sharedEngine = () => (enginePromise ??= createEngine());

export interface TestBot {
  fake: FakeDiscord;
  bot: RunningBot;
  logs: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startTestBot(env: Record<string, string> = {}, fakeOptions: Parameters<typeof startFakeDiscord>[0] = {}): Promise<TestBot> {
  const fake = await startFakeDiscord(fakeOptions);
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const config = parseConfig({
    DISCORD_TOKEN: TEST_TOKEN,
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_GUILD_ID: fake.guildId,
    COOLDOWN_SECONDS: '0',
    LOG_LEVEL: 'info',
    ...env,
  });
  registerSecret(config.DISCORD_TOKEN);
  const bot = await startBot({ config, engine: await sharedEngine(), commands, logger: createLogger('info', sink) });
  await withTimeout(bot.ready, 8000, 'bot ready');
  return {
    fake,
    bot,
    logs,
    async close() {
      await withTimeout(bot.stop(), 8000, 'bot.stop()').catch(() => undefined);
      await fake.close();
    },
  };
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
