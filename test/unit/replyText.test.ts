import { describe, expect, it } from 'vitest';
import { renderReplyText } from '../../src/render/replyText.js';
import { TERMINAL_QUOTE_CHARS } from '../../src/render/text.js';
import type { Reply } from '../../src/reply/types.js';

/** The local console (npm start without a token) prints replies with this renderer. */
describe('console replies', () => {
  const sentences = Array.from({ length: 40 }, (_, i) => `Sentence number ${i + 1} says something about the steppe.`);
  const text = sentences.join(' ');
  const best = text.indexOf(sentences[20]!);
  const quote = { text, highlight: { start: best, end: best + sentences[20]!.length }, citation: 'Someone (2020), p. 1' };
  const mark = (s: string) => `<${s}>`;

  it('an answer shows the best sentence and its neighbours, not the whole passage', () => {
    const out = renderReplyText({ tone: 'answer', quotes: [quote] } satisfies Reply, { mark, dim: (s) => s });
    const shown = /“(.*)”/s.exec(out)![1]!;
    expect(shown.length).toBeLessThanOrEqual(TERMINAL_QUOTE_CHARS + 20);
    expect(shown).toContain(`<${sentences[20]}>`);
    expect(shown).toContain(sentences[21]);
    expect(shown.startsWith('…')).toBe(true);
    expect(shown.endsWith('…')).toBe(true);
  });

  it('a passage asked for by itself (/quote) is shown whole', () => {
    const out = renderReplyText({ tone: 'quote', quotes: [quote] } satisfies Reply, { mark, dim: (s) => s });
    expect(out).toContain(`${sentences[19]} <${sentences[20]}> ${sentences[21]}`);
    expect(out).toContain(sentences[0]);
    expect(out).toContain(sentences[39]);
  });
});
