/**
 * The naive bot the end-to-end bench compares Steppe with: discord.js and MiniSearch with
 * their defaults, nothing clever. The corpus is read as it lies (one paragraph a non-blank
 * line), indexed by MiniSearch with its default tokenizer and no options, and `/ask`
 * answers with the best paragraph quoted in an embed (cut to 1,800 characters), its
 * document's title as the citation. Plain JavaScript: nothing to compile, so its start-up
 * is Node + discord.js + MiniSearch + the corpus.
 *
 * Environment: DISCORD_TOKEN, DISCORD_API_URL, DISCORD_GUILD_ID (as the fake gives them),
 * CORPUS_DIR.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client, Events, GatewayIntentBits, Routes } from 'discord.js';
import MiniSearch from 'minisearch';

const corpusDir = process.env.CORPUS_DIR;
const paragraphs = [];
for (const file of readdirSync(corpusDir).filter((f) => f.endsWith('.json'))) {
  const meta = JSON.parse(readFileSync(path.join(corpusDir, file), 'utf8'));
  const text = readFileSync(path.join(corpusDir, meta.file ?? file.replace(/\.json$/, '.txt')), 'utf8');
  for (const line of text.split('\n')) {
    if (line.trim()) paragraphs.push({ id: paragraphs.length, text: line.trim(), title: meta.title ?? meta.id });
  }
}
const search = new MiniSearch({ fields: ['text'] });
search.addAll(paragraphs);

const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: process.env.DISCORD_API_URL } });
client.on(Events.InteractionCreate, async (interaction) => {
  if (!interaction.isChatInputCommand() || interaction.commandName !== 'ask') return;
  const question = interaction.options.getString('question', true);
  const hit = search.search(question)[0];
  const p = hit ? paragraphs[hit.id] : undefined;
  const description = p ? `> ${p.text.slice(0, 1800)}\n— ${p.title}` : 'Nothing found.';
  try {
    await interaction.reply({ embeds: [{ title: question.slice(0, 256), description }] });
  } catch (err) {
    process.stderr.write(`naive bot: reply failed: ${err?.message ?? err}\n`);
  }
});
client.once(Events.ClientReady, async (c) => {
  const body = [{ name: 'ask', description: 'Ask a question', options: [{ type: 3, name: 'question', description: 'Your question', required: true }] }];
  await client.rest.put(Routes.applicationGuildCommands(c.application.id, process.env.DISCORD_GUILD_ID), { body });
});
process.once('SIGTERM', () => {
  void client.destroy().then(() => process.exit(0));
});
await client.login(process.env.DISCORD_TOKEN);
