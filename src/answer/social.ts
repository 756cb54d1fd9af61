/**
 * Turns that are talk, not questions: "thanks!", "hi steppe", "ok cool", "bye". People say
 * them to a chat bot as to a person; searched, "thanks" found a passage on what was done
 * "thanks to" something, and in a conversation it was read as a follow-up of the last
 * question. Such a turn gets a short reply in kind, and a conversation carries on from the
 * question before it.
 */

type Kind = 'thanks' | 'greeting' | 'farewell' | 'acknowledgement' | 'help';

const WORDS: Record<Kind, string> = {
  thanks: String.raw`thanks?(?: (?:you|u|a lot|so much|a bunch|again|heaps))*|thx|thnx|thanx|ty|tysm|tyvm|cheers|much appreciated|(?:i )?appreciate (?:it|that)|merci|danke`,
  greeting: String.raw`hi+|hello+|hey+|heya|hiya|howdy|yo|greetings|good (?:morning|afternoon|evening|day)|sup|what'?s up|how are (?:you|u)(?: doing)?|how'?s it going`,
  farewell: String.raw`bye+|goodbye|good night|gn|see (?:you|ya|u)(?: later)?|cya|later|ttyl`,
  // Questions about Steppe itself: searched, "what can you do?" has no topic words at all.
  // ("how does it work?" is left out: after an answer it asks about what was said.)
  help: String.raw`help|(?:what|how) can (?:you|u) (?:do|help(?: me)?)|what (?:do|can) (?:you|u) (?:do|know)|what are (?:you|u)|who are (?:you|u)|how do (?:you|u) work|how does (?:steppe|this bot) work|what can i ask(?: (?:you|u))?|how do i use (?:you|u|this|it|steppe)|what is this bot|what'?s this bot`,
  acknowledgement: String.raw`ok(?:ay)?|k+|kk|okie|cool|nice|great|awesome|perfect|excellent|brilliant|amazing|wow|interesting|neat|sure|alright|all right|right|yes|yep|yeah|no|nope|got it|gotcha|i see|makes sense|fair enough|understood|noted|lol|haha+|lmao|hm+|oh|ah|good|good to know|that helps|helpful|very helpful|that'?s (?:great|helpful|interesting|useful|it)`,
};

/** Who a turn may be addressed to, around its words: "thanks steppe", "hi bot". */
const ADDRESS = String.raw`(?:steppe|bot|there|guys|all|everyone|man|mate)`;
const ANY = Object.values(WORDS).join('|');
/** The whole turn made of such words (each possibly addressed), with punctuation and emoji between. */
const SOCIAL = new RegExp(String.raw`^(?:(?:${ANY})(?:\s+${ADDRESS})?[\s,.!?;:)(\-~]*)+$`, 'iu');
/** Each kind's words anywhere in the turn, strongest intent first: "ok thanks" thanks, "hi, thanks" thanks, "ok bye" goodbye. */
const BY_STRENGTH = (['help', 'thanks', 'farewell', 'greeting', 'acknowledgement'] as const).map(
  (kind) => [kind, new RegExp(String.raw`(?:^|[\s,.!])(?:${WORDS[kind]})(?=$|[\s,.!?])`, 'iu')] as const,
);

const REPLIES: Record<Kind, string> = {
  thanks: 'You’re welcome! Ask a follow-up (“why?”, “who said that?”, “and Kyrgyzstan?”) or a new question any time.',
  greeting: 'Hi! I answer questions on Mongolia–Central Asia relations from the corpus, with quoted passages and citations. Try “Why are Mongolia–Kazakhstan relations so weak?”',
  farewell: 'Bye! Ask any time.',
  help: 'I answer questions on Mongolia–Central Asia relations from the documents I hold, quoting the passages and citing them, with figures where the texts give them. Ask as you would a colleague — “Why are Mongolia–Kazakhstan relations so weak?”, “How much did Mongolia export to Kyrgyzstan in 2019?” — then follow up: “why?”, “and Kazakhstan?”, “who said that?”, “more”. `/help` lists the commands.',
  acknowledgement: '👍 Ask a follow-up or a new question any time.',
};

/** Emoji, symbols and marks: "thanks 🙏", "ok 👍". */
const SYMBOLS = /[\p{Extended_Pictographic}\p{S}]|\u200d|\ufe0f/gu;

/** The reply to a turn that is only talk ("thanks!", "hi steppe"); null for anything else, a question above all. */
export function socialReply(text: string): string | null {
  const words = text.replace(SYMBOLS, ' ').replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();
  if (!words || words.length > 80 || !SOCIAL.test(words)) return null;
  return REPLIES[BY_STRENGTH.find(([, pattern]) => pattern.test(words))?.[0] ?? 'acknowledgement'];
}
