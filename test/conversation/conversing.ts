import { answerTurn } from '../../src/conversation/converse.js';
import { emptyConversation, type ConversationState } from '../../src/conversation/state.js';
import type { Engine } from '../../src/engine.js';

/** Asks the turns in order, each in the context of the ones before; returns every result. */
export function converse(engine: Engine, ...turns: string[]) {
  let state: ConversationState = emptyConversation();
  return turns.map((t) => {
    const r = answerTurn(engine, state, t);
    state = r.state;
    return r;
  });
}
