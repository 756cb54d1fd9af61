import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autocomplete, slashCommand } from '../fake-discord/fakeDiscord.js';
import { expectWithinDiscordLimits } from '../hardening/limits.js';
import { startTestBot, type TestBot } from './harness.js';

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot();
});
afterAll(async () => {
  await t?.close();
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('/figures through the loopback Discord', () => {
  it('defers, then sends the aligned table and a PNG chart as an attachment', async () => {
    const r = await t.fake.interact(slashCommand('figures', { partner: 'Kazakhstan' }), { waitFor: 'final', timeoutMs: 10_000 });
    expect(r.callback?.type).toBe(5);
    expect(r.callbackMs).toBeLessThan(3000);
    await r.waitUntil((x) => x.edits.length > 0, 10_000);
    const edit = r.edits[0]!;
    const body = edit.body as Record<string, any>;
    const embed = body.embeds[0];
    expect(embed.title).toBe('Mongolia–Kazakhstan trade, 2010–2019');
    expect(embed.description).toMatch(/^```\nYear {2}Exports {2}Imports/);
    expect(embed.description).toMatch(/\n2019 +\$7\.14 M +\$58\.1 M +-\$51 M +\S/);
    expect(embed.description).toContain('2010   $616 K  $22.7 M');
    expect(embed.image).toEqual({ url: expect.stringMatching(/^attachment:\/\/trade-kazakhstan-2010-2019\.png$/) });
    expect(embed.footer.text).toMatch(/^Source: Irgengioro \(2022\), Appendix/);
    // The corpus's other text states other values: the footer (and the chart's caption) say so.
    expect(embed.footer.text).toContain('\n⚠ Sources disagree: Miliate (2013), p. 1 gives, undated, exports $26 million');
    expect(body.allowed_mentions).toEqual({ parse: [] });
    const file = edit.files[0]!;
    expect(file.name).toBe('trade-kazakhstan-2010-2019.png');
    // Exports are a tenth of imports: one panel per flow, each on its own scale (src/figures/chart.ts).
    expect(pngSize(file.bytes)).toEqual({ width: 1000, height: 740 });
    expect(file.bytes.length).toBeGreaterThan(20_000);
    expectWithinDiscordLimits({ embeds: body.embeds, components: body.components ?? [], allowedMentions: { parse: [] } });
  });

  it('direction and years narrow the table; demonyms name the partner', async () => {
    const r = await t.fake.interact(slashCommand('figures', { partner: 'kyrgyz', direction: 'imports', from: 2015, to: 2017 }), {
      waitFor: 'final',
      timeoutMs: 10_000,
    });
    await r.waitUntil((x) => x.edits.length > 0, 10_000);
    const embed = (r.edits[0]!.body as Record<string, any>).embeds[0];
    expect(embed.title).toBe("Mongolia's imports from Kyrgyzstan, 2015–2017");
    expect(embed.description).toContain('2016');
    expect(embed.description).not.toContain('2018');
  });

  it('an unknown partner or impossible years get a clear private message', async () => {
    const r = await t.fake.interact(slashCommand('figures', { partner: 'Atlantis' }), { waitFor: 'final', timeoutMs: 10_000 });
    // It deferred publicly (the chart is slow), so the public placeholder is deleted and
    // the error follows privately.
    await r.waitUntil((x) => x.followUps.length > 0, 10_000);
    expect(r.deletes.length).toBe(1);
    const followUp = r.followUps[0]!.body as Record<string, any>;
    expect(followUp.flags & 64).toBe(64);
    expect(followUp.embeds[0].description).toBe('No trade table for "Atlantis": the corpus has tables for Kazakhstan and Kyrgyzstan.');
    const bad = await t.fake.interact(slashCommand('figures', { partner: 'Kazakhstan', from: 2018, to: 2012 }), { waitFor: 'final', timeoutMs: 10_000 });
    await bad.waitUntil((x) => x.followUps.length > 0, 10_000);
    expect((bad.followUps[0]!.body as Record<string, any>).embeds[0].description).toBe('The start year (2018) is after the end year (2012).');
  });

  it('autocompletes partners from the tables', async () => {
    const r = await t.fake.interact(autocomplete('figures', { partner: 'ky' }, { focused: 'partner' }), { waitFor: 'callback' });
    expect(r.callback?.type).toBe(8);
    expect((r.callback!.data as { choices: unknown[] }).choices).toEqual([{ name: 'Kyrgyzstan', value: 'Kyrgyzstan' }]);
  });
});
