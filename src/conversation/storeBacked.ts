import type { Store } from '../store/types.js';
import { CONVERSATION_LIMITS, isConversationState, type ConversationState, type ConversationStore } from './state.js';

/**
 * Conversations kept in the database, so a conversation survives a restart and moving
 * between shard processes. Each save pushes the expiry to `idleMs` from now: like the
 * in-memory store, a conversation idle that long starts afresh. A stored value that is not
 * a state this version wrote (an older format, damage) reads as no conversation.
 * Store errors reach the caller, which answers without the state.
 */
export class StoreConversationStore implements ConversationStore {
  constructor(
    private readonly store: Store,
    private readonly idleMs: number = CONVERSATION_LIMITS.idleMs,
    private readonly now: () => number = Date.now,
  ) {}

  async get(key: string): Promise<ConversationState | null> {
    const stored = await this.store.getConversation(key);
    return stored && isConversationState(stored.state) ? stored.state : null;
  }

  async set(key: string, state: ConversationState): Promise<void> {
    await this.store.saveConversation(key, state, this.now() + this.idleMs);
  }

  async delete(key: string): Promise<void> {
    await this.store.deleteConversation(key);
  }
}
