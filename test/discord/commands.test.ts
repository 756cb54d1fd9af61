import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { notableParagraph } from '../../src/reply/build.js';
import { VERSION } from '../../src/version.js';
import type { Engine } from '../../src/engine.js';
import {
  autocomplete,
  messageContextMenu,
  selectMenu,
  slashCommand,
  type InteractionResult,
  type JsonObject,
} from '../fake-discord/fakeDiscord.js';
import { callbackLatencies, limitProblems, recordLatencies, sentBodies, sharedEngine, startTestBot, type TestBot } from './harness.js';

/**
 * Every command and option other than /ask (see ask.test.ts), through the loopback
 * Discord: what exactly Discord receives for each.
 */

let t: TestBot;
let engine: Engine;
beforeAll(async () => {
  [t, engine] = await Promise.all([startTestBot(), sharedEngine()]);
});
afterAll(async () => {
  await t?.close();
});

type Data = Record<string, any>;

/** The reply (callback type 4) after checking it is sendable: within limits, pinging nobody. */
function reply(r: InteractionResult): Data {
  expect(r.callback?.type).toBe(4);
  for (const body of sentBodies(r)) {
    expect(limitProblems(body)).toEqual([]);
    expect(body.allowed_mentions).toEqual({ parse: [] });
  }
  expect(r.callbackMs).toBeLessThan(3000);
  return r.callback!.data as Data;
}

const isPrivate = (d: Data) => ((d.flags ?? 0) & 64) === 64;
const ask = (input: Parameters<TestBot['fake']['interact']>[0]) => t.fake.interact(input, { waitFor: 'final' });
const choicesOf = (r: InteractionResult) => {
  expect(r.callback?.type).toBe(8);
  return r.choices as Array<{ name: string; value: string }>;
};

describe('/search', () => {
  let results: Data;

  it('lists the best passages publicly: id, section and page, then the best line', async () => {
    results = reply(await ask(slashCommand('search', { query: 'Belt and Road Initiative' })));
    expect(isPrivate(results)).toBe(false);
    const embed = results.embeds[0];
    expect(embed.title).toBe('Search: Belt and Road Initiative');
    const entries = embed.description.split('\n\n') as string[];
    expect(entries.length).toBeGreaterThanOrEqual(3);
    expect(entries.length).toBeLessThanOrEqual(8);
    for (const entry of entries) expect(entry).toMatch(/^\*\*[a-z0-9-]+\/\d+\*\* · .+ · p\. \d+\n\S/);
    expect(embed.footer.text).toBe(`${entries.length} best passages · open one below or use /quote id:`);
  });

  it('carries an “Open a passage…” menu (s1:open) with the listed ids, in order', () => {
    const ids = [...(results.embeds[0].description as string).matchAll(/^\*\*(\S+)\*\*/gm)].map((m) => m[1]);
    const menu = results.components[0].components[0];
    expect(menu).toMatchObject({ type: 3, custom_id: 's1:open', placeholder: 'Open a passage…' });
    expect(menu.options.map((o: Data) => o.value)).toEqual(ids);
    for (const o of menu.options) expect(o.label.startsWith(o.value)).toBe(true);
  });

  it('choosing a passage in the menu shows it whole, privately, with its citation', async () => {
    const menu = results.components[0].components[0];
    const id = menu.options[1].value as string;
    const opened = reply(await ask(selectMenu('s1:open', [id], { embeds: results.embeds, components: results.components })));
    expect(isPrivate(opened)).toBe(true);
    const paragraph = engine.corpus.paragraphsById.get(id)!;
    const description = opened.embeds[0].description as string;
    expect(description.startsWith('> ')).toBe(true);
    expect(description).toMatch(new RegExp(`\\n— .+, p\\. ${paragraph.page}, ¶ ${id.replace('/', '\\/')}$`));
    expect(description).toContain(paragraph.text.slice(0, 60).replace(/\s+\S*$/, ''));
  });

  it('a menu value that is not a paragraph id is refused privately', async () => {
    const r = reply(await ask(selectMenu('s1:open', ['nope-1999/4'])));
    expect(isPrivate(r)).toBe(true);
    expect(r.embeds[0].description).toBe('That passage is no longer in the corpus. Run the search again.');
  });

  it('document: limits the results to that document', async () => {
    const r = reply(await ask(slashCommand('search', { query: 'Kazakhs in Mongolia', document: 'miliate-2013' })));
    const ids = [...(r.embeds[0].description as string).matchAll(/^\*\*(\S+)\*\*/gm)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id.startsWith('miliate-2013/')).toBe(true);
    expect(r.components[0].components[0].options.every((o: Data) => o.value.startsWith('miliate-2013/'))).toBe(true);
  });

  it('private: only the asker sees the list', async () => {
    const r = reply(await ask(slashCommand('search', { query: 'Belt and Road Initiative', private: true })));
    expect(isPrivate(r)).toBe(true);
    expect(r.embeds[0].title).toBe('Search: Belt and Road Initiative');
  });

  it('an unknown document id is refused privately, naming it', async () => {
    const r = reply(await ask(slashCommand('search', { query: 'Kazakhs', document: 'nope-1999' })));
    expect(isPrivate(r)).toBe(true);
    expect(r.embeds[0].description).toBe('There is no document “nope-1999”. Pick one from the list.');
    expect(r.components).toEqual([]);
  });

  it('document autocomplete: every document for empty text, then filtered by id, title or author', async () => {
    const all = choicesOf(await ask(autocomplete('search', [{ name: 'query', type: 3, value: 'x' }, { name: 'document', type: 3, value: '', focused: true }])));
    expect(all.map((c) => c.value)).toEqual(engine.corpus.documents.map((d) => d.meta.id));
    expect(all.find((c) => c.value === 'miliate-2013')?.name).toBe('Miliate 2013 · The Steppes to the States');
    const byAuthor = choicesOf(await ask(autocomplete('search', { document: 'irgeng' })));
    expect(byAuthor.map((c) => c.value)).toEqual(['irgengioro-2022']);
    const byTitle = choicesOf(await ask(autocomplete('search', { document: 'steppes' })));
    expect(byTitle.map((c) => c.value)).toEqual(['miliate-2013']);
  });
});

describe('/quote', () => {
  it('id: posts that paragraph publicly as a quotation with its citation and a Source link', async () => {
    const r = reply(await ask(slashCommand('quote', { id: 'irgengioro-2022/23' })));
    expect(isPrivate(r)).toBe(false);
    const description = r.embeds[0].description as string;
    expect(description).toMatch(/^> If Mongolia and Kyrgyzstan, and in this context, Kazakhstan, are indeed weak states/);
    expect(description).toMatch(
      /\n— Irgengioro \(2022\), “Mongolia–Central Asia relations and the implications of the rise of China on its future evolution”, § On rising powers and weak state behavior, p\. 14, ¶ irgengioro-2022\/23$/,
    );
    expect(r.components).toEqual([
      { type: 1, components: [{ type: 2, style: 5, label: 'Source', url: 'https://doi.org/10.1057/s41311-021-00372-7' }] },
    ]);
  });

  it('topic: quotes the best-matching passage publicly, its best sentence in bold', async () => {
    const r = reply(await ask(slashCommand('quote', { topic: 'How many Kazakhs live in Mongolia?' })));
    expect(isPrivate(r)).toBe(false);
    expect(r.embeds[0].description).toContain('**There are approximately 160,000 Kazakhs living in Mongolia');
    expect(r.embeds[0].description).toMatch(/¶ miliate-2013\/2$/);
  });

  it('neither option: a notable passage of the day, publicly', async () => {
    const r = reply(await ask(slashCommand('quote')));
    expect(isPrivate(r)).toBe(false);
    const notable = notableParagraph(engine.corpus);
    expect(r.embeds[0].description).toMatch(new RegExp(`^> [\\s\\S]+¶ ${notable.id.replace('/', '\\/')}$`));
  });

  it('an unknown id gets a polite private refusal that says what ids look like', async () => {
    const r = reply(await ask(slashCommand('quote', { id: 'irgengioro-2022/999' })));
    expect(isPrivate(r)).toBe(true);
    expect(r.embeds[0].description).toBe('There is no paragraph “irgengioro-2022/999”. Ids look like irgengioro-2022/23; /sections lists them.');
  });

  it('a topic nothing matches is private and says so', async () => {
    const r = reply(await ask(slashCommand('quote', { topic: 'qwxzv plorbnik' })));
    expect(isPrivate(r)).toBe(true);
    expect(r.embeds[0].description).toMatch(/^Nothing in the corpus matches/);
  });

  it('id autocomplete: paragraph ids with a preview of the passage', async () => {
    const choices = choicesOf(await ask(autocomplete('quote', { id: 'irgengioro-2022/2' })));
    const expected = engine.index.paragraphs.map((p) => p.id).filter((id) => id.startsWith('irgengioro-2022/2'));
    expect(choices.map((c) => c.value)).toEqual(expected);
    for (const c of choices) {
      const text = engine.corpus.paragraphsById.get(c.value)!.text;
      expect(c.name.startsWith(`${c.value} · ${text.slice(0, 20)}`)).toBe(true);
      expect(c.name.length).toBeLessThanOrEqual(100);
    }
  });

  it('id autocomplete falls back to searching the passages when no id starts with the text', async () => {
    const choices = choicesOf(await ask(autocomplete('quote', { id: 'Kazakh diaspora' })));
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.map((c) => c.value)).toContain('miliate-2013/2');
  });
});

describe('/cite', () => {
  it('autocomplete over the bibliography: “Authors year · title” → reference id', async () => {
    const choices = choicesOf(await ask(autocomplete('cite', { reference: 'batbayar' })));
    expect(choices).toEqual([
      { name: "Batbayar, Tsendendamba 2002 · Geopolitics and Mongolia's Search for Post-Soviet Identity", value: 'irgengioro-2022/ref/batbayar-2002' },
    ]);
    // every typed word must appear in the entry (authors, editors, title, venue…)
    const several = choicesOf(await ask(autocomplete('cite', { reference: 'laruelle 2018' })));
    expect(several.length).toBeGreaterThan(0);
    for (const c of several) expect(engine.corpus.referencesById.get(c.value)!.text).toMatch(/Laruelle[\s\S]*2018|2018[\s\S]*Laruelle/);
    expect(several.map((c) => c.value)).toContain('irgengioro-2022/ref/laruelle-2018');
  });

  it('shows the full entry and every citing paragraph id, publicly', async () => {
    const r = reply(await ask(slashCommand('cite', { reference: 'irgengioro-2022/ref/batbayar-2002' })));
    expect(isPrivate(r)).toBe(false);
    const embed = r.embeds[0];
    expect(embed.title).toBe('Batbayar, Tsendendamba 2002');
    expect(embed.description).toBe(engine.corpus.referencesById.get('irgengioro-2022/ref/batbayar-2002')!.text);
    const citing = engine.corpus.documents
      .flatMap((d) => d.paragraphs)
      .filter((p) => p.citations.some((c) => c.referenceId === 'irgengioro-2022/ref/batbayar-2002'));
    expect(citing.map((p) => p.id)).toEqual(['irgengioro-2022/4', 'irgengioro-2022/7']);
    expect(embed.fields).toHaveLength(1);
    expect(embed.fields[0].name).toBe('Cited in 2 paragraphs');
    const lines = (embed.fields[0].value as string).split('\n');
    expect(lines.map((l) => /^\*\*(\S+)\*\* \(p\. \d+\) · /.exec(l)?.[1])).toEqual(['irgengioro-2022/4', 'irgengioro-2022/7']);
    expect(embed.footer.text).toBe('Bibliography of irgengioro-2022 · irgengioro-2022/ref/batbayar-2002');
  });

  it('accepts typed text that names one entry without picking it from the list', async () => {
    const r = reply(await ask(slashCommand('cite', { reference: 'batbayar' })));
    expect(r.embeds[0].title).toBe('Batbayar, Tsendendamba 2002');
  });

  it('an unknown reference is refused privately', async () => {
    const r = reply(await ask(slashCommand('cite', { reference: 'Nobody 1850' })));
    expect(isPrivate(r)).toBe(true);
    expect(r.embeds[0].description).toBe('No bibliography entry matches “Nobody 1850”. Start typing an author or title and pick from the list.');
  });
});

describe('/sections', () => {
  it('document: the table of contents with the paragraph ids of each section', async () => {
    const r = reply(await ask(slashCommand('sections', { document: 'irgengioro-2022' })));
    expect(isPrivate(r)).toBe(false);
    const embed = r.embeds[0];
    expect(embed.title).toBe('Mongolia–Central Asia relations and the implications of the rise of China on its future evolution');
    const lines = (embed.description as string).split('\n');
    const doc = engine.corpus.documents.find((d) => d.meta.id === 'irgengioro-2022')!;
    expect(lines).toHaveLength(doc.sections.length);
    expect(lines[0]).toBe('**Abstract** · irgengioro-2022/1');
    expect(lines).toContain('**Mongolia between Central and East Asia** · irgengioro-2022/3–4');
    expect(lines).toContain('  ↳ **On rising powers and weak state behavior** · irgengioro-2022/21–24');
    expect(embed.footer.text).toBe(
      `John Irgengioro · ${doc.meta.venue} · 2022 · ${doc.paragraphs.length} paragraphs, ${doc.pageCount} pages`,
    );
  });

  it('without a document: the first one; a document without headings lists its ids', async () => {
    const first = reply(await ask(slashCommand('sections')));
    expect(first.embeds[0].title).toBe(engine.corpus.documents[0]!.meta.title);
    const plain = reply(await ask(slashCommand('sections', { document: 'miliate-2013' })));
    expect(plain.embeds[0].description).toBe('**(no heading)** · miliate-2013/1–8');
  });

  it('an unknown document is refused privately', async () => {
    const r = reply(await ask(slashCommand('sections', { document: 'nope-1999' })));
    expect(isPrivate(r)).toBe(true);
    expect(r.embeds[0].description).toBe('There is no document “nope-1999”. Pick one from the list.');
  });

  it('document autocomplete works as for /search', async () => {
    const choices = choicesOf(await ask(autocomplete('sections', { document: '' })));
    expect(choices.map((c) => c.value)).toEqual(engine.corpus.documents.map((d) => d.meta.id));
  });
});

describe('/about and /help', () => {
  it('/about: documents, counts, version and uptime', async () => {
    const r = reply(await ask(slashCommand('about')));
    expect(isPrivate(r)).toBe(false);
    const embed = r.embeds[0];
    expect(embed.title).toBe('About Steppe');
    const field = (name: string) => (embed.fields as Data[]).find((f) => f.name === name)?.value as string;
    for (const d of engine.corpus.documents) expect(field('Documents')).toContain(`**${d.meta.id}** · ${d.meta.authors.join(', ')} (${d.meta.year}), *${d.meta.title}*`);
    const docs = engine.corpus.documents;
    const sum = (f: (d: (typeof docs)[number]) => number) => docs.reduce((n, d) => n + f(d), 0);
    expect(field('Corpus')).toBe(
      `${sum((d) => d.paragraphs.length)} paragraphs · ${sum((d) => d.sections.length)} sections · ${sum((d) => d.references.length)} references · ${sum((d) => d.tables.length)} table values`,
    );
    expect(field('Version')).toBe(VERSION);
    expect(field('Uptime')).toMatch(/^(\d+s|\d+m \d+s)$/);
  });

  it('/help: every command, with how to call it, privately', async () => {
    const r = reply(await ask(slashCommand('help')));
    expect(isPrivate(r)).toBe(true);
    const text = r.embeds[0].description as string;
    for (const c of commands) {
      expect(text).toContain(`**${c.help.usage}**\n${c.help.text}`);
      if (c.definition.type === 1) expect(c.help.usage.startsWith(`/${c.definition.name}`)).toBe(true);
    }
    expect(text).toContain('Find sources');
    const registered = t.fake.registeredCommands({ guildId: t.fake.guildId }).map((c: JsonObject) => c.name);
    expect(registered.sort()).toEqual(commands.map((c) => c.definition.name).sort());
  });
});

describe('“Find sources” (message context menu)', () => {
  it('answers privately with the passages that match the message, a Share button and More', async () => {
    const r = reply(await ask(messageContextMenu('Find sources', { content: 'Apparently about 160,000 Kazakhs live in western Mongolia' })));
    expect(isPrivate(r)).toBe(true);
    const embed = r.embeds[0];
    expect(embed.title).toBe('Apparently about 160,000 Kazakhs live in western Mongolia');
    expect(embed.description).toContain('**There are approximately 160,000 Kazakhs living in Mongolia');
    const labels = r.components[0].components.map((b: Data) => b.label);
    expect(labels).toEqual(expect.arrayContaining(['Share']));
  });

  it('reads the text of embeds when the message has no content', async () => {
    const r = reply(
      await ask(messageContextMenu('Find sources', { content: '', embeds: [{ type: 'rich', title: 'Kazakhs in Mongolia', description: 'How many are there?' }] })),
    );
    expect(isPrivate(r)).toBe(true);
    expect(r.embeds[0].description).toContain('160,000 Kazakhs');
  });

  it('an empty message gets a clear private message', async () => {
    const r = reply(await ask(messageContextMenu('Find sources', { content: '' })));
    expect(isPrivate(r)).toBe(true);
    expect(r.embeds[0].description).toBe('That message has no text to look up (only images, embeds or very common words).');
    expect(r.components).toEqual([]);
  });
});

describe('anything else', () => {
  it('a command the bot does not know (e.g. removed since) is refused privately', async () => {
    const r = reply(await ask(slashCommand('retired-command', { x: 'y' })));
    expect(isPrivate(r)).toBe(true);
    expect(r.embeds[0].description).toBe('That command is no longer available here.');
  });

  it('every interaction above was acknowledged within 3 s and logged as ok or refused', () => {
    const latencies = callbackLatencies(t.fake);
    recordLatencies('commands', latencies);
    expect(latencies.length).toBe(t.fake.interactions().length);
    for (const ms of latencies) expect(ms).toBeLessThan(3000);
    const outcomes = t.logs.filter((l) => l.msg === 'interaction').map((l) => l.outcome);
    expect(outcomes).not.toContain('error');
  });
});
