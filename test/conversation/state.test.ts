import { describe, expect, it } from 'vitest';
import { CONVERSATION_LIMITS, emptyConversation, isConversationState, MemoryConversationStore, withTurn, type TurnRecord } from '../../src/conversation/state.js';

const turn = (n: number, extra: Partial<TurnRecord> = {}): TurnRecord => ({
  asked: `question ${n}`,
  resolved: `question ${n}`,
  frame: `question ${n}`,
  kind: 'standalone',
  documentId: null,
  paragraphIds: [`doc/${n}`],
  sentences: [`sentence ${n}`],
  offset: 0,
  person: null,
  at: n,
  ...extra,
});

describe('conversation state is bounded', () => {
  it('keeps the last turns only, and cuts long questions and sentences', () => {
    let s = emptyConversation();
    for (let i = 0; i < 20; i++) s = withTurn(s, turn(i, { asked: 'x'.repeat(5000), sentences: ['word '.repeat(400), 'b', 'c', 'd'] }));
    expect(s.turns).toHaveLength(CONVERSATION_LIMITS.turnsKept);
    expect(s.turns[s.turns.length - 1]!.at).toBe(19);
    expect(s.turns[0]!.asked.length).toBeLessThanOrEqual(CONVERSATION_LIMITS.questionChars);
    expect(s.turns[0]!.sentences).toHaveLength(3);
    expect(s.turns[0]!.sentences[0]!.length).toBeLessThanOrEqual(CONVERSATION_LIMITS.sentenceChars);
    expect(s.turns[0]!.sentences[0]!.endsWith('word')).toBe(true); // cut at a word
    expect(JSON.parse(JSON.stringify(s))).toEqual(s); // plain JSON for any store
  });

  it('the memory store drops the least recently used past its size, and idle conversations expire', async () => {
    let now = 0;
    const store = new MemoryConversationStore(3, 1000, () => now);
    for (const k of ['a', 'b', 'c']) await store.set(k, withTurn(emptyConversation(), turn(1)));
    await store.get('a'); // does not refresh: only writes do
    await store.set('a', withTurn(emptyConversation(), turn(2)));
    await store.set('d', withTurn(emptyConversation(), turn(3)));
    expect(store.size).toBe(3);
    expect(await store.get('b')).toBeNull();
    expect(await store.get('a')).not.toBeNull();
    now = 1001;
    expect(await store.get('a')).toBeNull();
  });

  it('refuses values it did not write', () => {
    expect(isConversationState({ version: 1, turns: [turn(1)] })).toBe(true);
    expect(isConversationState({ version: 2, turns: [] })).toBe(false);
    expect(isConversationState({ version: 1, turns: [{ asked: 'x' }] })).toBe(false);
    expect(isConversationState('nope')).toBe(false);
  });
});
