import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../fake-discord/fakeDiscord.js';
import { startBotOn, type BotOnFake } from './harness.js';

let fake: FakeDiscord;
let bot: BotOnFake;
beforeAll(async () => { fake = await startFakeDiscord(); bot = await startBotOn(fake); });
afterAll(async () => { await bot?.stop(); await fake?.close(); });

it('prints exchanges', async () => {
  const out: unknown[] = [];
  const convs = JSON.parse(process.env.CONVS!);
  let n = 0;
  for (const turns of convs) {
    const author = { id: String(300000000000000001n + BigInt(n++)), username: 'reader' };
    for (const q of turns) {
      const said = await fake.say({ content: q, dm: true, author } as any);
      const reply = await fake.waitForBotMessage((m) => (m.message_reference as any)?.message_id === said.id, { timeoutMs: 15000 });
      out.push({ user: q, bot: { content: reply.content, embeds: reply.embeds, components: reply.components } });
    }
  }
  writeFileSync('/tmp/lead/exchanges.json', JSON.stringify(out, null, 1));
}, 120000);
