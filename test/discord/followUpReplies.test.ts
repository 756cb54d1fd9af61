import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonClick, startFakeDiscord, type FakeDiscord, type FakeMessage } from '../fake-discord/fakeDiscord.js';
import { botReplyTo, startBotOn, type BotOnFake } from './harness.js';

/**
 * How a follow-up's answer reads in Discord: "why?" after a figure quotes the reason, not the
 * figure again; the question as understood in context is in the footer once, and More pages it.
 */

type Embed = { title?: string; description?: string; footer?: { text: string } };
type Button = { label?: string; custom_id?: string };
const embedOf = (m: FakeMessage): Embed => ((m.embeds as Embed[] | undefined) ?? [])[0] ?? {};

let fake: FakeDiscord;
let bot: BotOnFake;
beforeAll(async () => {
  fake = await startFakeDiscord();
  bot = await startBotOn(fake);
});
afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

const replyTo = (said: FakeMessage) => botReplyTo(fake, said, 15_000);

describe('a follow-up’s answer in Discord', () => {
  it('“why is it so lopsided?” after a trade figure quotes the reason first, carries the question once, and More pages it', async () => {
    const first = await fake.say({ content: 'how much did kazakhstan export to mongolia in 2019?', mentionBot: true });
    const figure = await replyTo(first);
    expect(embedOf(figure).description).toMatch(/^Kazakhstan's exports to Mongolia[^\n]*\*\*\$58\.1 M\*\*/);
    const why = await fake.say({ content: 'why is it so lopsided?', replyTo: figure.id });
    const answer = await replyTo(why);
    const embed = embedOf(answer);
    // No figure line above the quotes: the passage that explains comes first.
    expect(embed.description).toMatch(/^> /);
    const footer = embed.footer?.text ?? '';
    expect(footer).toMatch(/^Understood as: why is it so lopsided: how much did kazakhstan export to mongolia in 2019\?/);
    expect(footer).not.toContain(' · Question: ');
    const more = ((answer.components as Array<{ components: Button[] }> | undefined) ?? []).flatMap((r) => r.components).find((b) => b.label === 'More');
    expect(more?.custom_id).toBeDefined();
    const next = await fake.interact(buttonClick(more!.custom_id!, { embeds: answer.embeds, components: answer.components }), { waitFor: 'final' });
    const nextEmbed = (next.callback!.data as { embeds: Embed[] }).embeds[0]!;
    expect(nextEmbed.footer?.text).toMatch(/Passages 4–/);
    expect(nextEmbed.title).toMatch(/lopsided/);
  });

  it('More on any answer read in context pages it (its footer opens with “Understood as”, the page count below)', async () => {
    const first = await fake.say({ content: 'does mongolia have an embassy in kazakhstan?', mentionBot: true });
    const answer = await replyTo(first);
    const follow = await fake.say({ content: 'and kyrgyzstan?', replyTo: answer.id });
    const second = await replyTo(follow);
    expect(embedOf(second).footer?.text).toMatch(/^Understood as: does mongolia have an embassy in Kyrgyzstan\?\nPassages 1–3/);
    const more = ((second.components as Array<{ components: Button[] }> | undefined) ?? []).flatMap((r) => r.components).find((b) => b.label === 'More');
    const next = await fake.interact(buttonClick(more!.custom_id!, { embeds: second.embeds, components: second.components }), { waitFor: 'final' });
    expect((next.callback!.data as { embeds: Embed[] }).embeds[0]!.footer?.text).toMatch(/Passages 4–/);
  });

  it('“chart?” after a trade figure draws that trade by year, as /figures does, and the conversation goes on from the figure', async () => {
    const first = await fake.say({ content: 'how much did mongolia export to kyrgyzstan in 2016', mentionBot: true });
    const figure = await replyTo(first);
    const ask = await fake.say({ content: 'can you chart that?', replyTo: figure.id });
    const chart = await replyTo(ask);
    const embed = embedOf(chart) as Embed & { image?: { url: string } };
    expect(embed.title).toMatch(/Mongolia.s exports to Kyrgyzstan/);
    expect(embed.image?.url).toMatch(/^attachment:\/\/trade-kyrgyzstan-\d{4}-\d{4}\.png$/);
    const files = (chart.attachments as Array<{ filename: string }> | undefined) ?? [];
    expect(files.map((f) => f.filename)).toEqual([embed.image!.url.replace('attachment://', '')]);
    // The conversation is the figure's: "and in 2019?" is that flow in 2019.
    const next = await fake.say({ content: 'and in 2019?', replyTo: chart.id });
    expect(embedOf(await replyTo(next)).description).toMatch(/Mongolia's exports to Kyrgyzstan in 2019: \*\*\$413 K\*\*/);
  });
});
