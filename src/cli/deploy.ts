/**
 * `npm run deploy -- --dry-run`: print the command payload. Without --dry-run, register
 * the commands (guild-scoped with DISCORD_GUILD_ID) the way `npm start` does.
 */
import { REST } from 'discord.js';
import { commands } from '../../commands/index.js';
import { loadConfig } from '../config.js';
import { commandPayload } from '../discord/bot.js';
import { syncCommands } from '../discord/register.js';
import { runMain } from './run.js';

async function main(): Promise<number> {
  const payload = commandPayload(commands);
  if (process.argv.includes('--dry-run')) {
    process.stdout.write(`${JSON.stringify(payload, null, 2)}\n`);
    return 0;
  }
  const config = loadConfig();
  if (!config.DISCORD_TOKEN) {
    process.stderr.write('deploy: DISCORD_TOKEN is not set (see .env.example); use --dry-run to print the payload.\n');
    return 1;
  }
  const rest = new REST(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}).setToken(config.DISCORD_TOKEN);
  const app = (await rest.get('/applications/@me')) as { id: string };
  const result = await syncCommands(rest, app.id, payload, config.DISCORD_GUILD_ID);
  process.stdout.write(`commands ${result} (${config.DISCORD_GUILD_ID ? `guild ${config.DISCORD_GUILD_ID}` : 'global'})\n`);
  return 0;
}

runMain('deploy', main);
