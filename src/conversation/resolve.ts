import { paragraphById } from '../corpus/tableRows.js';
import { documentById } from '../answer/citation.js';
import { asksDocumentFact, CORPUS_ASKS } from '../answer/documentFacts.js';
import { findDocumentMention, findDocumentMentions, withoutMentions as withoutDocumentMentions, type DocumentMention } from '../answer/documentMention.js';
import { literatureTopic } from '../answer/literatureQuestion.js';
import { askedWorks } from '../answer/personQuestion.js';
import { ARROW, findMentions, readFigureQuestion } from '../answer/figureQuestion.js';
import { withDefiniteExpanded } from './definite.js';
import type { Engine } from '../engine.js';
import { analyze, spellChatWords } from '../search/analyzer.js';
import { analyzeQuestion, classifyQuestion, TRAILING_PARTICIPLE, withoutChatNoise } from '../search/question.js';
import { contextFrom, documentAskedAbout, documentOfTurn, withContext } from './context.js';
import type { SourceAsk } from './sourceAnswer.js';
import {
  BOTH_WAYS,
  CITE_REQUEST,
  CONTINUATION,
  DRAWBACK,
  GIST_REQUEST,
  FILLER,
  FLIP,
  IT_REFERENCE,
  META_ABOUT_IT,
  OTHER_ANAPHORA,
  QUALIFIES,
  OTHER_DOCUMENT,
  NEXT_ITEM,
  PAGING,
  READ_ON,
  PERSON_NOUN,
  PERSON_PRONOUN,
  REACTS,
  SAYS,
  SOURCE_QUESTION,
  isSourceQuestion,
  SOURCES_COMPARED,
  OTHER_VIEWS,
  SOURCES_JUDGED,
  SOURCES_ON,
  STRONG_ANAPHORA,
  SUPPORT,
  THEY,
  RELATIVE_YEAR,
  relativeYear,
  THAT_YEAR,
  DECADE,
  TOPIC_RESET,
  YEAR,
  GENERIC,
  stripFillers,
} from './cues.js';
import { applyEllipsis } from './ellipsis.js';
import { withNamesCapitalised } from './names.js';
import { type Enumeration, findEnumerations, findOrdinalReference, GENERIC_ITEM, pickItem, REASON_NOUNS } from './lists.js';
import { attributedPeople } from './people.js';
import { type FoundList, findList, lastAnswered, otherDocument, saysMoreOf, withoutMention } from './references.js';
import type { ConversationState, PickedList, TurnKind, TurnRecord } from './state.js';
import type { SideBySide } from './compareSources.js';
import { clip, clipEnd, correctPlaceNames, entitiesOf, hasOwnSubject, topicTerms } from './words.js';

/** PERSON_PRONOUN (global, for replacing) as a test: "he", "his", "her" anywhere in a turn. */
const PERSON_PRONOUN_ANY = new RegExp(PERSON_PRONOUN.source, 'i');

/**
 * A turn + the conversation so far → the question as understood in context. General
 * rules of how people follow up, never a list of known questions:
 *  - "more", "next" page the previous answer;
 *  - "who said that?", "what's the source?" ask for the previous answer's citation;
 *  - "the first one", "the second barrier" name an item of a list shown before;
 *  - "and Kyrgyzstan?", "and in 2016?", "the other way round?" take the previous question's
 *    frame with the new place, year or direction put in;
 *  - "why?", "any examples?" ask for support of the previous answer;
 *  - pronouns, or a question with no subject of its own, borrow the previous turn's
 *    subject (its places and names, its rarest words, the best sentence shown);
 *  - anything else stands on its own and is answered on its own.
 */

export interface Resolution {
  kind: TurnKind;
  /** What is searched: the frame plus context words. */
  resolved: string;
  /** The question without appended context (what a later "and …?" changes). */
  frame: string;
  /** Restrict the search to this document. */
  documentId: string | null;
  /** Passages to skip ("more"). */
  offset: number;
  /** For "who said that?": the turn whose answer is asked about, and what is asked. */
  source?: { turn: TurnRecord; about: SourceAsk };
  /** A person this turn is about (kept for a later "he"/"she"). */
  person: string | null;
  /** The list an ordinal turn picked from (remembered for the next ordinal). */
  list?: PickedList;
  /** Passages not to show again (the list an ordinal picked from only names the item). */
  exclude?: string[];
  /** Answer from each source apart, its best passage each ("do they agree?"); 'judged' when asked which is right. */
  perDocument?: boolean | 'judged';
  /** For "go on": the passage shown and its sentences, to read on from. */
  readFrom?: { paragraphId: string; sentences: readonly string[] };
  /** "compare it with s2orc": a question for each of two documents, answered side by side. */
  sideBySide?: SideBySide[];
}

/**
 * "the third neighbor", "the first decade": an ordinal and noun the corpus writes as a name
 * of a thing (twice or more), not a reference to an item of a list shown.
 */
function fixedPhrase(engine: Engine, phrase: string): boolean {
  const words = phrase.replace(/^the\s+/i, '').trim();
  // Spelt either side of the Atlantic: "the third neighbours" is the corpus's "Third Neighbors".
  const escaped = words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ou?r(?=s?\b)/gi, 'ou?r').replace(/i[sz](?=e|ing|ation)/gi, 'i[sz]');
  const pattern = new RegExp(String.raw`\b${escaped.replace(/s$/i, '')}(?:s|es)?\b`, 'gi');
  let count = 0;
  for (const p of engine.corpus.paragraphsById.values()) {
    count += p.text.match(pattern)?.length ?? 0;
    if (count >= 2) return true;
  }
  return false;
}

/** "the southern one", "that northern one": an item of a list named by a word of its own. */
const DESCRIBED_ONE = /^(?:(?:and|so|ok|what about|how about|tell me about|explain)\s+)*(?:the|that)\s+([\p{L}-]{3,})\s+one[\s?.!]*$/iu;

/**
 * The item of the list shown last that the turn's word names, when exactly one item has it
 * ("(5) the Southern corridor" for "and the southern one?"): as its ordinal would.
 */
function describedItem(engine: Engine, state: ConversationState, core: string): { position: number; noun: null; start: number; end: number; found: FoundList } | null {
  const m = DESCRIBED_ONE.exec(core);
  const term = m ? analyze(m[1]!)[0] : undefined;
  if (!m || !term || RELATIONAL.test(m[1]!)) return null;
  const having = (items: string[]) => items.map((item, i) => ({ i, has: analyze(item).includes(term) })).filter((x) => x.has);
  // The most recent list shown with exactly one item that has the word: in the best sentences,
  // else anywhere in a passage shown (the reader saw the whole passage, not only its bold line).
  const one = (list: Enumeration) => having(list.items).length === 1;
  let found = findList(engine, state, null, one);
  for (let i = state.turns.length - 1; !found && i >= Math.max(0, state.turns.length - 2); i--) {
    const turn = state.turns[i]!;
    for (const id of turn.paragraphIds) {
      const list = findEnumerations(paragraphById(engine.corpus, id)?.text ?? '').find(one);
      if (list) {
        found = { list, turn, paragraphId: id };
        break;
      }
    }
  }
  if (!found) return null;
  const start = core.toLowerCase().indexOf(m[0].replace(/^(?:(?:and|so|ok|what about|how about|tell me about|explain)\s+)*/i, '').toLowerCase().trimEnd().replace(/[\s?.!]+$/, ''));
  return { position: having(found.list.items)[0]!.i + 1, noun: null, start: Math.max(start, 0), end: core.replace(/[\s?.!]+$/, '').length, found };
}

/** How questions and requests open; a turn opening otherwise is a search by keywords. */
const QUESTION_OPENER = /^(?:what|who|whom|whose|where|when|why|how|which|is|are|was|were|am|do|does|did|can|could|will|would|should|shall|may|might|must|has|have|had|tell|show|give|explain|describe|list|name|any|anything|anyone|anybody|so|but|then|r|u|pls|please)\b/i;

/**
 * A short turn with no subject of its own may still bring its own topic: a search by
 * keywords ("manas air base", "schweller lamb actor"), or three topic words or more none of
 * which the conversation has used ("what did randal schweler say about bandwaggoning for
 * reward?"). Without a pronoun to lean on the turn before, such a turn stands on its own.
 */
function newTopic(engine: Engine, state: ConversationState, own: string, terms: string[]): boolean {
  if (OTHER_ANAPHORA.test(own) || PERSON_PRONOUN_ANY.test(own) || terms.length < 2) return false;
  if (!QUESTION_OPENER.test(own.trim())) return true;
  if (terms.length < 3) return false;
  const prev = state.turns[state.turns.length - 1]!;
  const seen = new Set(analyze([prev.resolved, ...prev.sentences, ...prev.paragraphIds.slice(0, 3).map((id) => paragraphById(engine.corpus, id)?.text ?? '')].join(' ')));
  return terms.every((t) => !seen.has(t));
}

/** "does it sell them", "did they buy from it": a verb of trade between a subject pronoun and an object pronoun. */
const TRADE_BY_PRONOUNS = /\b(do|does|did|will|would)\s+(it|they)\s+(sell|export|send|ship|buy|import|purchase)\s+(?:(to|from)\s+)?(?:them|it|there)\b/i;

/** "which is closer to Russia?", "which one has more debt?": a choice between the parties of the question before. */
const WHICH_OF_THEM = /^(?:(?:and|so|but|ok)\s+)?which(?:(?:\s+(?:one|of them|of the two|of those|country))?\s+(?:is|was|are|were|has|had|does|did|would|seems?|trades?|depends?|owes?)\b|\s+(?:one|of them|of the (?:two|three)|of those|of these)\s+\p{L})/iu;
/** "which of them …", "which of the three …": the parties may be those of several turns ("did Kyrgyzstan do the same?"). */
const OF_THEM = /\bwhich\s+(?:one\s+)?of\s+(?:them|the (?:two|three)|those|these)\b/i;
/** How many turns back a short "the policy" finds the words it was named with. */
const DEFINITE_REACH = 3;
/** How many turns back the parties of "which of them" are gathered. */
const PARTIES_REACH = 4;

/** "how much?", "how many in total?": the amount of what was asked before. */
const BARE_AMOUNT = /^(?:(?:and|so|but|ok)\s+)?how (?:much|many)(?:\s+(?:(?:was|is) (?:it|that)|were (?:they|there)|are there|in total|altogether|exactly|then|now))?[\s?.!]*$/i;
/** "any numbers?", "got stats on that?", "what are the figures?": the same, asked for its figures. */
const NUMBERS_ASKED = /^(?:(?:and|so|but|ok)\s+)?(?:(?:are there|is there|do you have|have you got|got|what are|show me|give me)\s+)?(?:any\s+|some\s+|the\s+)?(?:hard\s+)?(?:numbers|figures|stats|statistics)(?:\s+(?:on|for|about|behind)\s+(?:that|this|it|them|those))?[\s?.!]*$/i;

/** "where mostly?", "when?": the question before, asked with that question word. */
const BARE_QUESTION_WORD = /^(?:(?:and|so|but|ok)\s+)?(?:where|when|who|which)(?:\s+(?:mostly|mainly|exactly|then|now|though|precisely|else))?[\s?.!]*$/i;

/** "who is he?", "so who's she anyway?": who the person is. */
const WHO_IS_PERSON = /^\s*(?:(?:and|so|ok|okay|but),?\s+)?who(?:'s|’s|\s+is|\s+was)\s+(?:he|she)\b(?:\s+(?:anyway|again|exactly|then))?[\s?.!]*$/i;

/** "and on X?", "what about on X?", "and about X?": a new topic for the question before. */
/** "and co-read?", "what about tourism?": a bare noun phrase (group 1) after "and" or "what about". */
const BARE_AND = /^(?:and|what about|how about)\s+([\p{L}\d'’-]+(?:\s+[\p{L}\d'’-]+){0,2})[\s?.!]*$/iu;
const TOPIC_SWAP = /^(?:(?:and|so|ok|but)\s+)?(?:(?:what|how)\s+about\s+)?(on|about|regarding|concerning)\s+(\S.*?)[\s?.!]*$/i;

/** What a turn says is the place's or the parties' own: "its army", "their main trading partners". */
const POSSESSED = /\b(?:its|their)\s+((?:[\p{L}'’-]+\s+){0,2}[\p{L}'’-]+)/iu;
const RELATIONAL = /\b(?:opposite|other|same|similar|different|contrary|first|second|third|last|former|latter|next|previous|else|instead)\b/i;
/** A turn narrowing what was said to a part of it: "… specifically?", "… in particular?". */
const NARROWING = /\b(?:specifically|in particular|particularly|exactly|precisely|concretely)[\s?.!]*$/i;

/** "what does that have to do with the BRI?": how what was said (the answer, not only the question) bears on the thing named. */
const HAS_TO_DO_WITH = /^(?:(?:and|so|ok|but)\s+)?what\s+(?:does|did|do|has|would)\s+(?:that|this|it|(?:any|all) of (?:this|that|it))\s+(?:have\s+|got\s+)?to\s+do\s+with\b/i;

/** A question of a few words, then a sentence that asks nothing: "kazakhstan too? it's pretty big". */
// (Words as a word then spaced words: "(?:word\s*){1,8}" splits a run of letters in
// exponentially many ways, 160 ms on 300 random characters.)
const FOLLOW_UP_THEN_REMARK = /^([^?]{1,40}\?)\s+([^?\s]+(?:\s+[^?\s]+){0,11}?)\s*[.!]*$/u;
/** A follow-up, then ", like …", ", i mean …": the same, said again ("…, like how many mongols go there"). */
const RESTATED = /^((?:[^,?\s]+\s+){2,12}[^,?\s]+)\s*,\s*(?:like|i mean|as in|i\.e\.|ie|meaning)\s+\S[\s\S]{2,200}$/iu;
/** "who wrote that", "whose piece is it": the writer of a document, not who made a claim. */
const WRITER_ASKED = /\bwho\s+(?:wrote|writes|authored|penned)\b|\bwhose\s+(?:piece|article|paper|op-?ed)\b|\bauthors?\b/i;
/** A question, then a few words more: "does mongolia count as one of those? whos argument". */
// ("mongolia too i assume — whose argument is that": a dash between them as well.)
const QUESTION_THEN_SOURCE = /^([^?]{8,}\?|[^?—–]{8,}?(?=\s+[—–-]+\s))\s+(?:[—–-]+\s+)?([^?]{2,40}\??)[\s.!]*$/u;
/** "the author", "the writer's": of the document the conversation is in. */
const THE_AUTHOR = /\bthe (?:author|writer)(?:['’]s)?\b/i;
/** A remark after "why?" that guesses the reason: "is it a democracy thing", "because of russia?". */
const GUESS = /^(?:(?:or|so)\s+)?(?:is it|was it|is that|isn'?t it|because(?: of)?|bc|due to|maybe|perhaps|probably|something to do with)\s+(?:an?\s+|the\s+)?/i;

/** The other party of a trade question before, by pronoun: "… sell to them", "… from it", "… with them". */
const PARTY_PRONOUN = /\b(?:to|from|with|into)\s+(?:them|it|there)\b/i;

/** "are you sure? …", "really? …", "is that right? …": doubt of the answer before, then a reason (no question of its own). */
const CHALLENGE_HEAD = String.raw`(?:are you sure|you sure|really|is that (?:right|correct|true|so)|that can[’']?t be right|hm+[\s,]+are you sure)`;
const CHALLENGE_THEN_REASON = new RegExp(String.raw`^(${CHALLENGE_HEAD}\?)\s+[^?]{1,200}$`, 'iu');
const CHALLENGE = new RegExp(String.raw`^${CHALLENGE_HEAD}[\s?.!]*$`, 'iu');

/** "anything similar", "the same", "agree": a turn asking a document for what was said before. */
/** "… about that resettlement", "… on those agreements": a noun pointed back at with a demonstrative. */
const POINTED_BACK = /\b(?:about|on|of|regarding)\s+(?:that|this|those|these)\s+([\p{L}-]{3,})\b/iu;
const LIKEWISE = /\b(?:similar|similarly|the same|likewise|alike|agrees?|disagrees?|anything like (?:that|this|it)|consistent|in line|contradicts?|disputes?|echo(?:es)?)\b/i;

/** "just the trade part", "only the economic side", "the security bit only": one part of what was asked before. */
const PART_OF = /^(?:(?:and|so|ok|but)\s+)?(?:(?:just|only|mainly|mostly)\s+(?:the\s+)?[\p{L}-]+(?:\s+[\p{L}-]+)?\s+(?:part|side|bit|aspect|angle|dimension|stuff)s?|(?:the\s+)?[\p{L}-]+(?:\s+[\p{L}-]+)?\s+(?:part|side|bit|aspect|angle|dimension|stuff)s?\s+only)(?:\s+(?:please|pls|then))?[\s?.!]*$/iu;

/** A turn asking the same of the parties before: "… too?", "… as well?", "… also?". */
const ALSO = /\b(?:too|as well|also|either)[\s?.!]*$/i;
/** A noun for the same kind of thing as what was asked about, of another party: "Mongolia's version". */
const COUNTERPART = /\b(?:its|their) own (?:[\p{L}-]+\s+){0,2}?(?:scheme|plan|program|programme|initiative|project|strategy|vision)s?\b|\bmatching (?:scheme|plan|program|programme|initiative|project)s?\b|\b(?:version|equivalent|counterpart|analogue|analog|own one|answer to (?:that|this|it)|(?:flavou?r|take|variant|brand) of (?:that|this|it))s?\b|\b(?:something|anything) (?:similar|like (?:that|this|it))\b|\bthe same thing\b/iu;

/** "why Mongolia?", "why the Kazakhs?": "why", then a place or name and nothing else. */
function whyOfParty(engine: Engine, core: string): boolean {
  const m = /^(?:but\s+)?(?:why|how come)\s+(?!not\b|so\b)(.+?)[\s?.!]*$/i.exec(core);
  if (!m) return false;
  const party = withNamesCapitalised(engine, ` ${m[1]!}`).trim();
  let rest = party;
  for (const e of entitiesOf(` ${party}`)) rest = rest.replace(e, ' ');
  for (const x of findMentions(rest)) rest = rest.slice(0, x.start) + ' '.repeat(x.end - x.start) + rest.slice(x.end);
  return rest !== party && /^(?:\s|the|a|an|'s|’s|of|then)*$/i.test(rest);
}

/** None of the terms is in the previous question or the best passage it was shown. */
function newToAnswer(engine: Engine, prev: TurnRecord, terms: string[]): boolean {
  const best = prev.paragraphIds[0] ? (paragraphById(engine.corpus, prev.paragraphIds[0])?.text ?? '') : '';
  const said = new Set(analyze(`${prev.resolved} ${best}`));
  return terms.every((t) => !said.has(t));
}

const NAME_ONLY = /^(\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){0,3})[\s?.!]*$/u;
const NAME_RUN = /\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,3}/gu;

/**
 * A turn that is a person's name and nothing else, after a question about a person: that
 * question, of the new person. Null when the turn is not a name (a place is an ellipsis of
 * its own) or the question before names no person.
 */
function swapPerson(engine: Engine, prev: TurnRecord, own: string): { frame: string; person: string } | null {
  // ("schweller?": a name the corpus knows, typed in lower case, is still a name.)
  const name = NAME_ONLY.exec(own.trim())?.[1] ?? NAME_ONLY.exec(withNamesCapitalised(engine, `x ${own.trim()}`).slice(2))?.[1];
  if (!name || findMentions(name).length) return null;
  // The person before as the question wrote them, however typed: "what did walt argue?" names
  // Stephen Walt by his surname.
  const lower = prev.frame.toLowerCase();
  const whole = prev.person ? lower.indexOf(prev.person.toLowerCase()) : -1;
  const surname = prev.person?.split(/\s+/).pop()?.toLowerCase();
  const bySurname = surname && whole < 0 ? new RegExp(String.raw`\b${surname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\b`).exec(lower) : null;
  const old = whole >= 0 ? prev.frame.slice(whole, whole + prev.person!.length) : bySurname ? prev.frame.slice(bySurname.index, bySurname.index + surname!.length) : null;
  // Else a name the question wrote (not its first word, which any sentence capitalises, nor a
  // place), as the corpus writes it however typed.
  const written = withNamesCapitalised(engine, prev.frame);
  const found = old ? null : [...written.matchAll(NAME_RUN)].find((m) => m.index > 0 && !findMentions(m[0]).length && !findDocumentTitleWord(m[0]));
  const run = old ?? (found ? prev.frame.slice(found.index, found.index + found[0].length) : undefined);
  if (!run || run.toLowerCase() === name.toLowerCase()) return null;
  return { frame: prev.frame.replace(run, name), person: name };
}

/** "East Asia Forum", "Belt and Road": capitalised runs that name things, not people. */
function findDocumentTitleWord(run: string): boolean {
  return /\b(?:Forum|Initiative|Road|Belt|Policy|Union|Organization|Organisation|Council|Bank|Program|Programme|Zone|Corridor|Treaty|Partnership|Article|Journal)\b/.test(run);
}

/**
 * A turn that names its topic before a comma and asks about it after, with a pronoun: the
 * part before holds two topic words or more and no pronoun of its own, the part after one
 * for a thing (it, they, there …) and none for a person.
 */
function topicFirst(turn: string): boolean {
  const comma = turn.indexOf(',');
  if (comma < 0) return false;
  const head = turn.slice(0, comma);
  const tail = turn.slice(comma + 1);
  // ("…, according to him?": a person is not the topic named; "he" is the one before.)
  return topicTerms(head).length >= 2 && !OTHER_ANAPHORA.test(head) && !PERSON_PRONOUN_ANY.test(turn) && OTHER_ANAPHORA.test(tail);
}

const PLACE_COMPARED = /^(?:(?:and|but|so)\s+)?(?:how (?:does|do|did|would|is|was|are|were) (?:that|this|it|those|these|they|the figures?|the numbers?) (?:compare|stack up|look|compared)(?: (?:to|with|against|next to))?|(?:(?:can you|could you|now|ok|okay|pls|please)\s+)?compare (?:(?:that|this|it|those|these|them) )?(?:to|with|against)|how(?:'s|’s|s| is| was| are| were) (?:that|this|it|those|these|they) (?:any )?different (?:from|to|than|in|for)|(?:(?:is|was|are|were) (?:that|this|it|those|these|they) )?(?:more|less|fewer|higher|lower|bigger|smaller|greater|larger|better|worse) than) (.+?)[\s?.!]*$/i;

const GOODS = new WeakMap<Engine, Set<string>>();

/** Terms of the goods the corpus's trade tables list ("horse meat", "rapeseed", "feldspar"). */
function tradedGoods(engine: Engine): Set<string> {
  let goods = GOODS.get(engine);
  if (!goods) {
    goods = new Set(engine.corpus.documents.flatMap((d) => d.tables.flatMap((r) => r.goods.flatMap((g) => analyze(g)))));
    GOODS.set(engine, goods);
  }
  return goods;
}

/** A question whose subject is a pronoun for what was said: "why does that matter …", "what would this mean …". */
/** "is that true …", "is it the case …": the claim before, asked again of something. */
const CLAIM_AGAIN = String.raw`(?:is|was|are|were)\s+(?:that|this|it)\s+(?:also\s+|still\s+|really\s+)?(?:true|the case|so)`;
/** "does the same go …", "does that hold …". */
const SAME_GOES = String.raw`(?:does|did|would|will)\s+(?:that|this|the same)\s+(?:also\s+|still\s+)?(?:hold|go|apply)`;

const MATTER_SUBJECT = new RegExp(
  [
    // "why does that matter for Mongolia?", "what would this mean for Kyrgyzstan?"
    String.raw`(?:why|how|what|in what way)\s+(?:does|did|do|would|will|could|can|might|should|is|was)\s+(?:that|this|it|(?:any|all) of (?:this|that|it))\s+(?:matter|mean|affect|change|apply|work|play out|impact|help|hurt|influence)\b`,
    // "what's in it for Mongolia?": the gain for the place of what was said.
    String.raw`what(?:'s|’s|s|\s+is|\s+was|\s+would be)\s+in\s+(?:it|that|this)\s+for\b`,
    // "why does that keep it away from Kazakhstan?": "that" as the subject of a why-question is what was said.
    String.raw`why\s+(?:does|did|would|will|could|can|might|should|is|was)\s+(?:that|this)\s+\p{L}`,
    // "is that true of trade with Russia?", "does the same go for small states?" (of a place alone: SAME_FOR_PLACE)
    String.raw`${CLAIM_AGAIN}\b`,
    String.raw`${SAME_GOES}\b`,
  ]
    .map((p) => String.raw`^(?:(?:but|so|and|then)\s+)?${p}`)
    .join('|'),
  'iu',
);

/** What a flow of trade is made of: "mostly what?", "what goods?", "which products?", "what kind of stuff?". */
const COMPOSITION = /^(?:(?:and|so|but)\s+)?(?:(?:mostly|mainly|chiefly|largely|primarily)\s+(?:what|which)(?:\s+(?:goods|products|things|stuff|items))?|(?:what|which)\s+(?:kinds?\s+of\s+|sorts?\s+of\s+|types?\s+of\s+)?(?:goods|products|commodities|items|stuff|things)(?:\s+(?:mostly|mainly|were (?:they|those|these|that)|was (?:it|that)|(?:did|do) (?:they|it) (?:sell|send|export|ship|buy|import)))?|(?:what|which)\s+(?:kinds?|sorts?|types?)(?:\s+of)?(?:\s+(?:goods|products|stuff|things))?|what\s+(?:were|was|are|is|did|do|does)\s+(?:they|it|those|these|that|the (?:kazakhs|mongolians|kyrgyz))\s+(?:(?:mostly|mainly|chiefly|largely|primarily|actually)\s+)?(?:sending|selling|exporting|shipping|buying|importing|send|sell|export|ship|buy|import)(?:\s+(?:mostly|mainly|then|there))?)[\s?.!]*$/i;

const COMPARED = /\b(?:differ(?:s|ent|ence)? (?:from|to|than)|compare[sd]? (?:to|with)|compared (?:to|with)|in comparison (?:to|with)|similar to|the same as|unlike|versus|vs\.?)\s+/i;

/**
 * What a definition question asked about: "what is multi-vectorism?" → "multi-vectorism",
 * "what's the third neighbor policy" → "the third neighbor policy", "what does SCO mean?" → "SCO".
 * Null for any other question (and for a person: "who is …" has its own "he").
 */
function definedSubject(frame: string): string | null {
  // "how would you define a multi-vector foreign policy for high schoolers?", "define X simply".
  const defining = DEFINE_REQUEST.exec(frame);
  // ("what is SPECTER trained on?" is no definition, but SPECTER is still what it asks of.)
  if (!defining && classifyQuestion(frame) !== 'definition' && !TRAILING_PARTICIPLE.test(frame.replace(/[\s?.!]+$/, ''))) return null;
  const m = defining ?? /^\s*(?:so\s+|and\s+|ok\s+)?what(?:'s|’s|\s+is|\s+are|\s+was|\s+were)\s+(.+?)[\s?.!]*$/i.exec(frame) ?? /^\s*what\s+(?:does|do|did)\s+(.+?)\s+mean[\s?.!]*$/i.exec(frame);
  // ("what is the dvt review about?": what it is about is asked, the review is the subject.)
  // ("what is SPECTER trained on?", "what is the third neighbor policy based on?": a participle
  // and its preposition say what is asked of the subject, SPECTER — a later "it" is SPECTER.)
  const subject = m?.[1]?.trim().replace(/\s+(?:all\s+)?about$/i, '').replace(TRAILING_PARTICIPLE, '');
  return subject && subject.split(/\s+/).length <= 6 && !/\b(?:it|its|this|that|they|them|their|these|those)\b/i.test(subject) ? subject : null;
}

/** "was it announced", "is it funded", "were they signed": "it" (group 1 what comes before it) as a passive's subject. */
const PASSIVE_IT = /^(.*?\b(?:was|is|were|are|has been|had been|will be)\s+)it\b(?=\s+(?:\w+\s+)?\p{L}+ed\b)/iu;

/** "how would you define X (for my students)?", "can you define X simply?": X, without whom it is for. */
const DEFINE_REQUEST = /^\s*(?:so\s+|and\s+|ok\s+)?(?:how (?:would|do|does|should|can|could) (?:you|one|we|i|scholars|the article) define|(?:can you |could you |pls |please )?define)\s+(.+?)(?:\s+(?:for|to)\s+(?:a\s+|an\s+|my\s+|the\s+)?(?:high[\s-]?schoolers|students|beginners|kids|freshmen|undergrads|laymen|layman|newcomers|class|me|dummies|non-experts)|\s+(?:simply|briefly|in simple terms|in plain english))*[\s?.!]*$/i;

/** "it", or "this"/"that" closing the turn ("how is that applied?" too): what the turn is asked of. */
const DEFINED_PRONOUN = /\bit\b(?!['’]s\b)|\b(?:this|that)\b(?=\s+(?:\w+\s+)?(?:work|working|mean|apply|applied|used|different|new|related|come|started|start)\b|(?:\s+(?:too|as well|also|either))?[\s?.!]*$)/i;

const DOCUMENT_ORDINAL = /\bthe (first|second|other|last|latter|former|earlier|later) (?:one|article|paper|piece|text|source|document|study)\b/i;

/**
 * "and in Mongolia?" after "how do people in Kazakhstan feel about it?": the changed frame
 * still says "it", which the turn before was searched with its context for (the Belt and
 * Road): the same context, less its places (the turn has put its own in).
 */
function withReferentOf(prev: TurnRecord, changed: string): string {
  // (The frame may carry the places of its context already: "which is the biggest? (chinese)".)
  const frame = prev.frame.replace(/\s*\([^()]*\)\s*$/, '').replace(/\s+$/, '');
  const added = prev.resolved.startsWith(`${frame} (`) && prev.resolved.endsWith(')') ? prev.resolved.slice(frame.length + 2, -1) : '';
  if (!added || (prev.kind !== 'contextual' && prev.kind !== 'ellipsis') || !OTHER_ANAPHORA.test(changed)) return changed;
  return withContext(changed, added.split(', ').filter((w) => !findMentions(w).length));
}

/** Two things set against each other in a question: "between bandwagoning and balancing", "bandwagon or balance". */
const ALTERNATIVES = /\b(?:between|whether)\s+([\p{L}-]+(?:\s+[\p{L}-]+)?)\s+(?:and|or)\s+([\p{L}-]+(?:\s+[\p{L}-]+)?)(?=[\s?.!,]*$)|\b([\p{L}-]{4,})\s+or\s+([\p{L}-]{4,})(?=[\s?.!,]*$)/iu;

/** "is India one?", "is Turkey among them?", "is Japan on the list too?": one of what was said, or not. */
const MEMBER_OF = /^(?:(?:and|so|but|ok|okay)\s+)?(?:is|are|was|were)\s+(?:[\p{L}'’-]+\s+){1,3}(?:one|ones|one of them|one of those|among them|among those|in (?:it|them|that|there|the list)|on the list|part of (?:it|that|them)|included)(?:\s+(?:too|as well|also|either))?[\s?.!]*$/iu;

/** "which year was highest?", "when did it peak?": the year a flow was at its most or least. */
const EXTREME_YEAR = /\b(?:which|what) years?\b.*\b(?:highest|lowest|biggest|smallest|largest|peak(?:ed)?|most|least|best|worst|top)\b|\bwhen\b.*\b(?:peak(?:ed)?|highest|lowest|biggest|smallest|largest|top)\b/i;

/** A turn opening with "so" and no question word: the reader's reading of what was said, to check. */
const INFERENCE = /^\s*(?:(?:ok(?:ay)?|wait|hm+|right|oh)[\s,]+)?so\b[\s,]+(?!(?:what|why|how|when|where|who|whom|whose|which|is|are|was|were|do|does|did|can|could|would|will|should|shall|may|might|must|has|have|had|tell|show|give|explain|list|more|next)\b)\S/i;
/** The words of such a turn that only say it is a reading: "you're saying", "basically", "in other words". */
const INFERENCE_OPENER = /^(?:(?:you(?:'re|’re| are) saying|you mean|basically|in other words|essentially|(?:are you|is it|is that) saying)(?:\s+that)?[\s,]+)+/i;

/** "the Kazakh side", "their side", "the other side": one party of what was said. */
const SIDE_OF = /\b(?:the|their|its|each|either|both|other)\s+(?:[\p{L}-]+\s+)?sides?\b/iu;

/** A trade question with the year(s) of the trade before, unless it says its own. */
function withYearsOf(asked: string, prevFrame: string): string {
  // ("in which year did it sell the most to them?" asks for a year: not the one before.)
  const years = new RegExp(YEAR.source).test(asked) || EXTREME_YEAR.test(asked) ? [] : [...new Set([...prevFrame.matchAll(YEAR)].map((m) => m[0]))];
  return years.length ? `${asked.replace(/[\s?.!]+$/, '')} in ${years.join(' and ')}?` : asked;
}

/**
 * "what could the latter sell to Ulaanbaatar?" after a question on Mongolia and Kazakhstan:
 * "the latter" is the second place it named, "the former" the first — not an item of a list.
 */
function withFormerLatter(turn: string, prevFrame: string): string {
  const places = findMentions(prevFrame).filter((m, i, all) => all.findIndex((x) => x.country === m.country) === i);
  if (places.length !== 2) return turn;
  return turn.replace(/\bthe (former|latter)(?:['’]s)?\b/gi, (w, which: string) => {
    const place = places[which.toLowerCase() === 'former' ? 0 : 1]!;
    return `${prevFrame.slice(place.start, place.end).replace(/['’]s$/i, '')}${/['’]s$/i.test(w) ? '’s' : ''}`;
  });
}

/** "the three of them", "all three", "both of them", "those two countries": the places talked about. */
const GROUP_OF_THEM = /\b(?:the (two|three|four) of (?:them|those|these)|all (three|four)(?: of them)?|both of them|(?:these|those|the) (two|three|four) (?:countries|states|nations|neighbou?rs|republics))\b/i;
const GROUP_SIZE: Record<string, number> = { two: 2, both: 2, three: 3, four: 4 };

/**
 * "could the three of them team up against China?" after turns on Kazakhstan, Kyrgyzstan and
 * Mongolia: those places, named, latest first — when the last turns named as many as the
 * group counts.
 */
function withGroupNamed(turn: string, state: ConversationState): string {
  const m = GROUP_OF_THEM.exec(turn);
  if (!m) return turn;
  const size = GROUP_SIZE[(m[1] ?? m[2] ?? m[3] ?? 'both').toLowerCase()]!;
  // (Not a place the turn names itself: "… push back on China" sets the group against it.)
  const own = new Set(findMentions(turn).map((x) => x.country));
  const places: string[] = [];
  for (const t of [...state.turns.slice(-PARTIES_REACH)].reverse()) {
    for (const c of findMentions(t.frame).map((x) => x.country)) if (!places.includes(c) && !own.has(c)) places.push(c);
  }
  if (places.length !== size) return turn;
  const named = `${places.slice(0, -1).join(', ')} and ${places[places.length - 1]}`;
  return `${turn.slice(0, m.index)}${named}${turn.slice(m.index + m[0].length)}`;
}

/** "the appendix", "the table(s)": where the trade figures of a year are. */
const TABLE_ASKED = /\b(?:appendix|table|tables)\b/i;

/** A group of people a question names: "ethnic Kazakhs", "Mongolian students", "tourists". */
const PEOPLE = /\b(?:(?:ethnic|mongolian|kazakh|kyrgyz|chinese|russian)\s+)?(?:kazakhs|mongolians|mongols|kyrgyz(?=\s+(?:live|living|in|who|are|were|have|had|people))|uzbeks|tajiks|russians|students|tourists|visitors|migrants|workers|returnees|repatriates|diaspora|nomads|herders|activists|officials|leaders|elites)\b/i;
/** A pronoun for people, not for a place or a matter: "did a lot of them move?", "what put them off?". */
const PEOPLE_PRONOUN = /\b(?:(?:a lot|many|most|some|all|few|none|any|how many) of them|them)\b/i;

/**
 * "did a lot of them move to Kazakhstan?" after "how many ethnic Kazakhs live in Mongolia?":
 * "them" is the people the question before named (when the turn names none of its own).
 */
function withPeopleNamed(turn: string, prevFrame: string): string {
  if (PEOPLE.test(turn)) return turn;
  const people = PEOPLE.exec(prevFrame)?.[0];
  const pronoun = people ? PEOPLE_PRONOUN.exec(turn) : null;
  if (!people || !pronoun) return turn;
  const said = pronoun[0].replace(/\bthem$/i, /^(?:the|these|those)\s/i.test(people) ? people : `the ${people}`);
  return `${turn.slice(0, pronoun.index)}${said}${turn.slice(pronoun.index + pronoun[0].length)}`;
}

/** "that peak year", "the lowest year": a year a series answer named as its highest or lowest. */
const EXTREME_YEAR_REFERENCE = /\b(?:in\s+)?(?:that|the|this)\s+(?:(peak|top|highest|best|biggest|largest|record)|(lowest|worst|smallest|bottom|weakest))\s+year\b/i;

/**
 * "what goods made up that peak year?" after a series ("…; lowest $22.7 M (2010), highest
 * $74.2 M (2016)"): the year the answer gave as its highest (or lowest), and the turn with it
 * written as that year; null when the turn names none or the answer gave none.
 */
function extremeYearOf(turn: string, prevLead: string, prevFrame: string): { turn: string; year: string } | null {
  // ("what did they sell that year?" after "which year was highest?": the year the answer gave for it.)
  const that = THAT_YEAR.exec(turn);
  if (that && /\byear\b/i.test(that[0]) && !new RegExp(YEAR.source).test(`${turn} ${prevFrame}`)) {
    const year = yearAskedFor(prevFrame, prevLead);
    if (year) return { turn: `${turn.slice(0, that.index)}in ${year}${turn.slice(that.index + that[0].length)}`, year };
  }
  const ref = EXTREME_YEAR_REFERENCE.exec(turn);
  const year = ref && new RegExp(String.raw`\b${ref[1] ? 'highest' : 'lowest'}\b[^();]*\((\d{4})\)`, 'i').exec(prevLead)?.[1];
  return ref && year ? { turn: `${turn.slice(0, ref.index)}in ${year}${turn.slice(ref.index + ref[0].length)}`, year } : null;
}

/** A question asking a series for its highest or lowest year: "…, peak year in the appendix table?", "when was it lowest?". */
const EXTREME_YEAR_ASKED = /\b(?:(peak|top|highest|best|biggest|largest|record)|(lowest|worst|smallest|bottom|weakest))\s+year\b|\bwhen\b.*\b(?:(peak(?:ed)?|highest|biggest|largest|top)|(lowest|smallest|bottom))\b/i;

/** "which year was highest?", "what year did it sell the least?" (groups as EXTREME_YEAR_ASKED's first two). */
const WHICH_YEAR_EXTREME = /\b(?:which|what) years?\b.*?\b(?:(highest|biggest|largest|peak(?:ed)?|most|best|top)|(lowest|smallest|least|worst))\b/i;

/** The year a series answer gave as the highest (or lowest) its question asked for; null when it asked for neither. */
function yearAskedFor(prevFrame: string, prevLead: string): string | null {
  const asked = EXTREME_YEAR_ASKED.exec(prevFrame) ?? WHICH_YEAR_EXTREME.exec(prevFrame);
  if (!asked) return null;
  const highest = !!(asked[1] ?? asked[3]);
  return new RegExp(String.raw`\b${highest ? 'highest' : 'lowest'}\b[^();]*\((\d{4})\)`, 'i').exec(prevLead)?.[1] ?? null;
}

/** A "who" question ("who was the leading voice …"), whose "he"/"she" after an "and" is the one asked for. */
const WHO_ASKS = /\bwho(?:'s|’s)?\s+(?:is|was|were|are|led|leads|pushed|argued|argues|proposed|advocated)\b/i;

/** "who was the leading voice …, and what did he propose?" (read in one pass: a turn may be long). */
function asksWhoThenPronoun(text: string): boolean {
  const who = WHO_ASKS.exec(text);
  if (!who) return false;
  const rest = text.slice(who.index + who[0].length).split('?')[0]!;
  const joint = /\b(?:and|then)\b/i.exec(rest);
  return joint !== null && /\b(?:he|she|his|her)\b/i.test(rest.slice(joint.index));
}

/** "it", "they", "their" as what a turn is asked of: "how does it compare …", "what did their survey find". */
const PAPER_PRONOUN = /\b(?:it|its|they|their|them|this|these)\b/i;

/** "any mention of X?", "is there anything on X?", "does it mention X?": X in the document discussed (group 1 or 2). */
const MENTION_ASKED = /^\s*(?:(?:and|so|ok|okay|but)[\s,]+)?(?:(?:is there|are there)\s+)?(?:any|anything|a)\s+(?:mention|mentions|word|reference|references|discussion)?\s*(?:of|about|on)\s+(.+?)(?:\s+(?:in (?:it|there|that)|there|too|at all))?[\s?.!]*$|^\s*(?:(?:and|so|ok|okay|but)[\s,]+)?(?:does|did) (?:it|they|he|she|that|this) (?:mention|discuss|talk about|say anything about|bring up|refer to|cover)\s+(.+?)(?:\s+(?:too|at all|as well))?[\s?.!]*$/i;
/** A document as the teller, by pronoun: "what does it say about Russia?", "what does it argue on the BRI?". */
const IT_SAYS = /^\s*(?:(?:and|so|ok|okay|but)[\s,]+)?what (?:does|did) (?:it|this one|that one) (?:say|write|argue|claim|conclude|suggest|have to say|make) (?:about|on|of|regarding)\b/i;

/** A document or its author citing, by pronoun: "who does it cite …", "what sources does he use …". */
const CITED_BY_PRONOUN = /\b(?:does|did|do)\s+(?:it|he|she|they)\s+(?:cite|use|draw on|rely on|quote|reference|lean on)\b/i;

/** "in that decade", "the same decade": the decade the conversation was on. */
const THAT_DECADE = /\b(?:in\s+|during\s+)?(?:that|the same|this) decade\b/i;

/** A turn with its references to the previous turn's years written as years. */
export function withYearsResolved(turn: string, prevFrame: string, earlier = prevFrame): string {
  // "what did they build in that decade?" after "… the 1994 concept …": the decade of the
  // year (or the decade) the conversation was on, as the text writes it ("the 1990s").
  const thatDecade = THAT_DECADE.exec(turn);
  if (thatDecade && !new RegExp(YEAR.source).test(turn)) {
    const said = new RegExp(DECADE.source, 'i').exec(earlier)?.[0]?.replace(/^the\s+/i, '');
    const year = new RegExp(YEAR.source).exec(earlier)?.[0];
    const decade = said ?? (year ? `${year.slice(0, 3)}0s` : null);
    if (decade) return `${turn.slice(0, thatDecade.index)}in the ${decade}${turn.slice(thatDecade.index + thatDecade[0].length)}`;
  }
  const prevYears = [...prevFrame.matchAll(YEAR)].map((m) => m[0]);
  // "what were they trading back then?" after "… in the 90s": the decade, as it was written.
  const decades = prevYears.length || new RegExp(DECADE.source, 'i').test(turn) ? [] : [...new Set([...prevFrame.matchAll(DECADE)].map((m) => m[0].replace(/^the\s+/i, '')))];
  if (decades.length && !new RegExp(YEAR.source).test(turn) && THAT_YEAR.test(turn)) return turn.replace(THAT_YEAR, `in the ${decades.join(' and the ')}`);
  if (!prevYears.length || new RegExp(YEAR.source).test(turn)) return turn;
  const relative = RELATIVE_YEAR.exec(turn);
  if (relative) {
    const year = relativeYear(relative, prevYears.map(Number));
    if (year !== null) return `${turn.slice(0, relative.index)}in ${year}${turn.slice(relative.index + relative[0].length)}`.replace(/\bin in\b/i, 'in');
  }
  return THAT_YEAR.test(turn) ? turn.replace(THAT_YEAR, `in ${prevYears.join(' and ')}`) : turn;
}

/**
 * "is that true in Kyrgyzstan?", "does the same go for Mongolia?", "same for Uzbekistan?": the
 * question before asked of another place, as "and Kyrgyzstan?" asks it.
 */
const SAME_FOR_PLACE = new RegExp(String.raw`^(?:(?:but|so|and|then|ok|okay)\s+)?(?:${CLAIM_AGAIN}|${SAME_GOES}|(?:and\s+)?(?:the\s+)?same|ditto|(?:is|was|are|were)\s+(?:it|that|this)\s+(?:also\s+|still\s+)?(?:the\s+)?same)\s+(?:in|for|of|with|about)\s+(.+?)(?:\s+(?:too|as well|also))?[\s?.!]*$`, 'i');

/** "does it …", "what did they …": a pronoun as the subject of a question (group 2), after what comes before it (group 1). */
const PLACE_PRONOUN_SUBJECT = /^((?:(?:and|so|but|ok|okay|then|hmm)[\s,]+)?(?:(?:what|why|how|when|where|which|whom)\s+(?:\w+\s+)?)?(?:does|did|do|has|have|had|can|could|will|would|should|might)\s+)(it|they)\b(?!\s+(?:matter|mean|make sense|count|apply|change anything|help|hurt)\b)/i;

/** The places of the latest turn that named any, as named there, one each. */
/** Of the places asked about before, the one a "there" or "the country" means: the only one, else the only one not Mongolia. */
function placeTalkedAbout<P extends { country: string }>(places: readonly P[]): P | null {
  const abroad = places.filter((p) => p.country !== 'Mongolia');
  return places.length === 1 ? places[0]! : abroad.length === 1 ? abroad[0]! : null;
}

function placesAskedBefore(state: ConversationState): Array<{ country: string; name: string }> {
  for (const turn of [...state.turns].reverse()) {
    const found = findMentions(turn.frame);
    if (!found.length) continue;
    const out = new Map<string, string>();
    for (const m of found) if (!out.has(m.country)) out.set(m.country, turn.frame.slice(m.start, m.end).replace(/['’]s$/i, ''));
    return [...out].map(([country, name]) => ({ country, name }));
  }
  return [];
}

/**
 * The places of the question before whose role a new place of the turn takes: the one after
 * the same preposition ("… with Kazakhstan" → "… with Kyrgyzstan too").
 */
function roleTaken(turn: string, prevFrame: string): Set<string> {
  const roles = (text: string) => findMentions(text).map((m) => ({ country: m.country, role: /\b(with|to|from|into|between|toward|towards|against|for)\s+(?:the\s+)?$/i.exec(text.slice(Math.max(0, m.start - 20), m.start))?.[1]?.toLowerCase() }));
  const before = roles(prevFrame);
  const taken = new Set<string>();
  for (const r of roles(turn)) {
    if (!r.role || before.some((b) => b.country === r.country)) continue;
    for (const b of before) if (b.role === r.role) taken.add(b.country);
  }
  return taken;
}

/** "what does the other one say?", "how does the other one see it?": the other document. */
const OTHER_ONE_SAYS = /\bthe other one\s+(?:say|says|said|think|thinks|argue|argues|write|writes|claim|claims|conclude|concludes|see|sees)\b|\b(?:say|says|think|thinks|argue|argues|write|writes)\b.*\bthe other one\b|\bin the other one\b/i;

/**
 * A turn naming a document that sets it against the answer before: "… gives a different
 * distance", "… as hopeful?", "… a much lower count", "… the same gap", "… too?".
 */
const SET_AGAINST_ANSWER = /\b(?:differ(?:s|ent|ently|ence)?|diff|another|other|as(?=\s+(?!well\b)[\p{L}-]+)|(?:much\s+|far\s+|a lot\s+)?(?:lower|higher|bigger|smaller|larger|fewer|greater|more|less)|the same|too|also|as well|either|likewise|similar(?:ly)?|agrees?|disagrees?)\b/iu;
/** What a document does with a figure or claim, in a turn setting it against the answer before ("the op-ed gives …"). */
const REPORTS = new Set(analyze('give gives gave has have had show shows showed report reports reported put puts offer offers list lists wait hmm'));
/** Who a document's writer is called in chat ("the op-ed guy"): not a topic. */
const WRITER_NOUN = /\b(?:guy|dude|fellow|author|writer|person|lady|woman|man|folks?|people)\b/gi;

/** "and Kazakhstan specifically?", "and in Mongolia's case?", "what about Kyrgyzstan in particular?": the place, stressed. */
const STRESSED_PLACE = /^(?:(?:and|but|so|ok|okay)\s+)?(?:what about\s+|how about\s+)?(?:in\s+)?(.+?)(?:['’]s\s+case|\s+(?:specifically|in particular|particularly|itself|themselves|alone|on (?:its|their) own|for (?:its|their) part))[\s?.!]*$/i;

/** "no, I meant the other way", "sorry, i meant imports": the turn before, corrected by what follows. */
const CORRECTION = /^(?:(?:no|nope|nah|sorry|oops|wait|actually)[\s,.!]+)*(?:i|I)\s+(?:meant|mean)\s+(?!(?:that|it|this)\b)/;

/** Text that is only places (however typed), with nothing else to search. */
function onlyPlaces(text: string): boolean {
  const found = findMentions(text);
  return found.length > 0 && topicTerms(found.reduce((t, x) => t.replace(text.slice(x.start, x.end), ' '), text)).length === 0;
}

function asPlaceEllipsis(typed: string): string {
  // ("and kyrg -> mongolia?": in a follow-up, an arrow is the way the flow talked about goes, the
  // places in their slots; in a question of its own the figure reader reads it as exports.)
  // ("vs kyrgyzstan... what did mongolia sell them": a short lead trailing off is a follow-up asked, then a question on it.)
  const text = (CONTINUATION.test(typed) ? typed.replace(ARROW, ' to ') : typed).replace(TRAILING_LEAD, '$1? ');
  const m = SAME_FOR_PLACE.exec(text) ?? STRESSED_PLACE.exec(text);
  if (m && onlyPlaces(m[1]!)) return `and ${m[1]}?`;
  // (A correction is a follow-up of what it corrects: "the other way, mongolia to kaz" → "and the other way, …?")
  const corrected = CORRECTION.exec(text);
  if (corrected) return `and ${text.slice(corrected[0].length).replace(/[\s?.!]+$/, '')}?`;
  return text;
}

/** "vs kyrgyzstan... ", "and the other way … ": a lead of a few words trailing off before what is asked. */
const TRAILING_LEAD = /^((?:and|vs\.?|versus|what about|how about)\s+[^.?!…\s][^.?!…]{1,30}?)\s*(?:\.{2,}|…)\s+(?=\S)/iu;

/** How much more of a turn's words another document must cover for the turn to leave the paper discussed (coverage is 0–1; 0.1–0.3 measured alike). */
const PAPER_COVERAGE_MARGIN = 0.25;

/**
 * Whether a turn is still about the paper being discussed: unless the corpus answers its own
 * words much better elsewhere ("do they move with the seasons?" after the population from
 * "Demographics of Kazakhstan") — a turn's words that the paper covers about as well stay with it.
 * (Two searches a follow-up, in a corpus of more than two documents only.)
 */
function keepsToPaper(engine: Engine, paper: string, turn: string): boolean {
  const wide = engine.index.query(turn, { limit: 1 }).passages[0];
  if (!wide || wide.paragraph.documentId === paper) return true;
  const narrow = engine.index.query(turn, { limit: 1, documentId: paper }).passages[0];
  return !!narrow && wide.features.coverage <= narrow.features.coverage + PAPER_COVERAGE_MARGIN;
}

/** "compare it with X", "how does it compare to X?": group 1 or 2 what it is compared with. */
const COMPARE_WITH =
  /^(?:(?:and|so|ok|okay|now|but)[\s,]+)?(?:(?:can|could) you\s+|pls\s+|please\s+)?(?:compare|contrast)\s+(?:it|this|that|them|this one|that one)\s+(?:with|to|against|and)\s+(.+?)[\s?.!]*$|^(?:(?:and|so|ok|okay|but)[\s,]+)?how\s+(?:does|do|did|would)\s+(?:it|this|that|they)\s+(?:compare|stack up)\s+(?:with|to|against)\s+(.+?)[\s?.!]*$/i;

/**
 * "compare it with s2orc" after "what is specter?", answered from the SPECTER paper: the
 * question asked of that paper, and of the one compared with — with what it presents in the
 * place of what the first presents ("what is S2ORC?") — side by side. Null unless the turn
 * names another document than the answer's.
 */
function comparedWithDocument(engine: Engine, state: ConversationState, prev: TurnRecord, core: string): Resolution | null {
  const m = COMPARE_WITH.exec(core);
  const before = prev.paragraphIds[0]?.split('/')[0];
  if (!m || !before || engine.corpus.documents.length < 2) return null;
  const target = m[1] ?? m[2]!;
  // (The document alone: "… compare to mongolia's trade with china in the journal article" asks a topic of its own.)
  const named = findDocumentMentions(engine.corpus, target);
  if (topicTerms(withoutDocumentMentions(target, named).replace(OTHER_DOCUMENT, ' ')).length > 0) return null;
  // ("compare that with the other article": the other of the one the answer came from.)
  const otherId = OTHER_DOCUMENT.test(target) ? otherDocument(engine, state, before) : named[0]?.documentId;
  if (!otherId || otherId === before) return null;
  const other = { documentId: otherId };
  const question = prev.frame;
  // The first document named in the question, as what it presents ("specter" in "what is
  // specter?") or as a source ("what does irgengioro say …"), becomes the other one.
  const mention = findDocumentMentions(engine.corpus, question).find((d) => d.documentId === before);
  const otherQuestion = mention ? `${question.slice(0, mention.start)}${target}${question.slice(mention.end)}` : question;
  const sides: SideBySide[] = [
    { documentId: before, question },
    { documentId: other.documentId, question: otherQuestion },
  ];
  return { kind: 'contextual', resolved: [...new Set(sides.map((s) => s.question))].join(' / '), frame: question, documentId: null, offset: 0, person: null, sideBySide: sides };
}

/** The document the answer before came from, unless its title is about a place other than the ones the turn names. */
function paperDiscussed(engine: Engine, prev: TurnRecord, turn: string): string | null {
  const id = prev.paragraphIds[0]?.split('/')[0] ?? null;
  return id && !titledForOtherPlaces(engine, id, turn) ? id : null;
}

/** Whether the document's title names places and the turn names places, none of them the title's. */
function titledForOtherPlaces(engine: Engine, id: string, turn: string): boolean {
  const asked = new Set(findMentions(turn).map((m) => m.country));
  if (asked.size === 0) return false;
  const title = documentById(engine.corpus, id)?.meta.title ?? '';
  const titled = new Set(findMentions(title).map((m) => m.country));
  return titled.size > 0 && [...asked].every((c) => !titled.has(c));
}

/** A list of reasons, whatever its head calls them ("barriers", "factors"), else the latest list shown. */
function listOfReasons(engine: Engine, state: ConversationState): FoundList | null {
  for (const noun of REASON_NOUNS) {
    const found = findList(engine, state, noun);
    if (found) return found;
  }
  return findList(engine, state, null);
}

/**
 * A kind of document of which the conversation makes one: "according to the factbook, what's
 * holding back investment there?" after answers on Kyrgyzstan ("The World Factbook: Kyrgyzstan",
 * by the place last talked about, when the turn names none of its own); "what does the joint
 * statement say about afghanistan?" after the C5+1 readout (the joint statement whose title
 * shares the most with the title of the document the answer before came from).
 */
function mentionInContext(engine: Engine, text: string, state: ConversationState): DocumentMention | null {
  if (engine.corpus.documents.length <= 2 || state.turns.length === 0) return null;
  // The places of the latest turn that named any ("why did their economy shrink?" names none).
  const before = findMentions(text).length > 0 ? [] : ([...state.turns].reverse().map((t) => findMentions(t.resolved)).find((m) => m.length > 0) ?? []);
  const last = state.turns[state.turns.length - 1]!;
  const lastDocument = last.paragraphIds[0] ? documentById(engine.corpus, last.paragraphIds[0].split('/')[0]!) : undefined;
  // (Then what was asked, latest first: "and the joint statement?" after "what is the C5+1?" is
  // the C5+1 leaders' one, not the Mongolia partnership's.)
  const asked = [...state.turns].reverse().slice(0, 3).map((t) => t.resolved);
  const contexts = [...new Set(before.map((m) => m.country)), ...(lastDocument ? [lastDocument.meta.title] : []), ...asked];
  for (const context of contexts) {
    const found = findDocumentMention(engine.corpus, text, context);
    if (found) return found;
  }
  return null;
}

/** A turn asking how a figure went over the years: "the trend", "over the decade", "how has it changed over time?". */
const TREND = /\btrends?\b|\bover (?:the|that|this) (?:decade|years|period)\b|\bover time\b|\byear (?:by|on|over) year\b|\bhow (?:has|did) (?:it|that|this) (?:changed?|evolved?|developed?|gone)\b/i;
/** Words of trade and its figures: a turn with them stays with the flow talked about. */
const TRADE_WORDS = /\b(?:export|import|sell|sold|buy|bought|send|sent|ship|trade|traded|trading|goods|products|turnover|worth|value|volume)/i;
/**
 * "There" for a place, after the noun or verb it places ("the pm there", "investment there",
 * "living there"), not the "there" of "is there …", "there are …" at a clause's start.
 */
/** "the country", "that country", "this country": one place, named before. */
const THE_COUNTRY = /\b(?:the|that|this)\s+country\b(?!['’]s\s+(?:own|neighbou?rs?)\b)/i;
const LOCATIVE_THERE = /(?<!^|[,;:.?!(-]\s*|\b(?:is|are|was|were|be|been|being|and|but|or|so|if|whether|that|why|how|what|when|where|who|which|then|also|still|not|no)\s+)\bthere\b(?!['’]s)/i;

/** "which is more recent?", "which came out first?": as the documents' facts read it. */
const ASKS_RECENCY = CORPUS_ASKS.find(([ask]) => ask === 'recency')![1];

/** Whether anyone did or said something: "was anyone against it?", "has anybody criticised him?". */
const ASKS_ANYONE = /^(?:(?:and|but|so|ok(?:ay)?)[\s,]+)?(?:was|were|is|are|did|does|do|has|have|had)\s+(?:any|some)(?:one|body)\b/i;

/** Someone other than the person before: "someone else in the house", "another senator". */
const OTHER_PERSON = /\b(?:some|any)(?:one|body) else\b|\banother (?:member|senator|congress(?:wo)?man|representative|lawmaker|author|scholar|official|speaker|politician|expert|analyst|researcher)\b/i;

/** "and kyrgyzstan?", "what about tajikistan?": a place alone, asked after. */
const PLACE_ALONE = /^(?:(?:and|but|so|ok|okay)\s+)?(?:(?:what|how)\s+about\s+|vs\.?\s+|versus\s+|compared\s+(?:to|with)\s+)?(?:the\s+)?([\p{L}' -]{2,30}?)(?:\s+(?:too|then|though|tho))?\s*\?$/iu;
const QUESTION_OPENING = /^(?:what|why|how|who|whose|where|when|which|do|does|did|is|was|are|were|can|could|would|will|has|have|had)\b/i;
const PLACE_PRONOUN = /\b(?:they|them|their|it|its)\b/i;

/** The question after a place asked alone, with the place for its pronoun; null when the turn is not one. */
function placeThenQuestion(first: string, then: string): string | null {
  const place = PLACE_ALONE.exec(first.trim())?.[1];
  if (!place || !QUESTION_OPENING.test(then.trim())) return null;
  const places = findMentions(place);
  if (places.length !== 1 || places[0]!.end - places[0]!.start < place.trim().length) return null;
  // ("how many of them study there": "there" is the place, "them" what is counted.)
  const pronoun = /\bthere\b/i.exec(then) ?? PLACE_PRONOUN.exec(then);
  if (!pronoun) return null;
  const name = places[0]!.country;
  const put = /^(?:their|its)$/i.test(pronoun[0]) ? `${name}'s` : pronoun[0].toLowerCase() === 'there' ? `in ${name}` : name;
  return `${then.slice(0, pronoun.index)}${put}${then.slice(pronoun.index + pronoun[0].length).replace(/[\s.!]*$/, '')}?`;
}

export function resolveTurn(engine: Engine, state: ConversationState, asked: string): Resolution {
  // ("n the other way?", "wat does kaz sell to mongo": chat words read as the words they stand for.)
  // ("is the policy even working?" after the third neighbor policy: that policy, its words given back.)
  const recentAsked = state.turns.slice(-DEFINITE_REACH).reverse().map((t) => t.asked);
  const text = withDefiniteExpanded(asPlaceEllipsis(correctPlaceNames(engine, spellChatWords(asked.trim()))), recentAsked);
  const prev = state.turns[state.turns.length - 1];
  // (Among many documents, a follow-up is about the one discussed, and a kind of document may need the conversation to tell which.)
  const amongMany = engine.corpus.documents.length > 2;
  const mention = findDocumentMention(engine.corpus, text) ?? mentionInContext(engine, text, state);
  // "miliate says only five students go, does the other article agree?": the other of the one named.
  // (Not the kind of document "the other article" itself says: that is the other of the one discussed.)
  const otherPhrase = OTHER_DOCUMENT.exec(text);
  const namedApart = mention && otherPhrase && !(mention.start < otherPhrase.index + otherPhrase[0].length && mention.end > otherPhrase.index);
  const otherOfNamed = namedApart && engine.corpus.documents.length > 1 ? otherDocument(engine, state, mention.documentId) : null;
  const standalone = (): Resolution => {
    // "hey steppe, does …", "ok so why …": the greeting is not part of the question.
    // A document it names stays in it: the search reads that itself; later turns inherit it.
    // (So is its wrapping, "need this fast:", "quick q:": later turns carry the frame's words.)
    const frame = withoutChatNoise(text.replace(FILLER, '').replace(TOPIC_RESET, '').replace(FILLER, '').trim() || text);
    // ("what's the author's bottom line on the rest of Central Asia?" after an answer from the
    // op-ed: that author, so that document.)
    // (Nor "what's his explanation for …?" after "who wrote the op-ed?": he is its author.)
    const authorOf = prev && (THE_AUTHOR.test(text) || (documentAskedAbout(prev) && PERSON_PRONOUN_ANY.test(text))) ? documentOfTurn(prev) : null;
    // ("what did timur get built?" after the Timurid Renaissance, among 120 documents: a question
    // of its own, still asked in the document discussed while that document answers it about
    // as well as the corpus does — see keepsToPaper.)
    // ("was anyone in congress unhappy about that?": whoever it was, in whatever document.)
    const discussedPaper = amongMany && prev && text && !TOPIC_RESET.test(text) && !otherOfNamed && !mention && !authorOf && !ASKS_ANYONE.test(frame) ? paperDiscussed(engine, prev, frame) : null;
    const kept = discussedPaper && keepsToPaper(engine, discussedPaper, frame) ? discussedPaper : null;
    return { kind: 'standalone', resolved: frame, frame, documentId: otherOfNamed ?? mention?.documentId ?? authorOf ?? kept, offset: 0, person: null };
  };
  // "what do both articles say about Russia?": the topic, from each source apart (first turn or not).
  // (The turn without its fillers, read once for the rules below.)
  const stripped = stripFillers(text);
  const onTopic = engine.corpus.documents.length > 1 ? SOURCES_ON.exec(stripped.core) : null;
  if (onTopic) {
    const topic = `${onTopic[1]!.trim()}?`;
    return { kind: 'standalone', resolved: topic, frame: topic, documentId: null, offset: 0, person: null, perDocument: true };
  }
  // A first turn, or an empty one ("@Steppe" alone), is asked as it is; so is one that says it
  // starts a new topic ("different q: why …"), without the words saying so.
  if (!prev || !text || TOPIC_RESET.test(text)) return standalone();
  // "and the beltagy one?", "source on schweller?": a cited work, asked as it stands — after a
  // passage citing it, with the conversation's words, which rank the passages citing it.
  const work = askedWorks(engine.corpus, stripped.core);
  if (work) {
    const shown = lastAnswered(state);
    if (!shown?.paragraphIds.some((id) => work.works.some((w) => w.citedIn.includes(id)))) return standalone();
    const c = contextFrom(engine, shown, stripped.core);
    return { kind: 'contextual', resolved: withContext(stripped.core, [...c.places, ...c.words]), frame: stripped.core, documentId: shown.documentId, offset: 0, person: null };
  }
  const withDocument = comparedWithDocument(engine, state, prev, stripped.core);
  if (withDocument) return withDocument;
  // "kazakhstan too? it's pretty big", "why? i don't get it": a short follow-up, then a remark
  // on it — the follow-up is what is asked.
  const remarked = FOLLOW_UP_THEN_REMARK.exec(text);
  // "and kyrgyzstan? what do they dig out of the ground": a place, then a question of its own
  // about it — that question, of the place ("what do Kyrgyzstan dig …"), not the one before.
  const placeAsked = remarked ? placeThenQuestion(remarked[1]!, remarked[2]!) : null;
  if (placeAsked) {
    // ("and …?" goes on from the question before: its words are the context, as for any follow-up.)
    const asked = resolveTurn(engine, state, placeAsked);
    if (asked.kind !== 'standalone') return asked;
    const c = contextFrom(engine, prev, asked.frame, { questionOnly: true });
    return { ...asked, kind: 'contextual', resolved: withContext(asked.frame, c.words) };
  }
  if (remarked && remarked[1]!.split(/\s+/).length <= 4) {
    const asked = resolveTurn(engine, state, remarked[1]!);
    // ("why not? is it a democracy thing": the reason the asker guesses is searched with the support.)
    const guess = asked.kind === 'support' && GUESS.test(remarked[2]!) ? remarked[2]!.replace(GUESS, '').replace(/\b(?:thing|stuff|issue)\b|[?.!]+$/gi, '').trim() : '';
    if (!guess || topicTerms(guess).length === 0) return asked;
    return { ...asked, resolved: asked.resolved.endsWith(')') ? `${asked.resolved.slice(0, -1)}, ${guess})` : `${asked.resolved} (${guess})` };
  }
  // "how does that stack up against china, like how many mongols go there": a follow-up, then
  // the same said again in other words — the follow-up is what is asked, where it leans on the
  // turn before (said alone, the restatement's "there" had no place).
  const restated = RESTATED.exec(stripped.core);
  if (restated) {
    const asked = resolveTurn(engine, state, restated[1]!);
    if (asked.kind !== 'standalone') return asked;
  }
  // "does mongolia count as one of those? whos argument": a follow-up, then where it comes
  // from — the follow-up is what is asked, and its answer cites its source.
  const sourced = QUESTION_THEN_SOURCE.exec(text);
  if (sourced && !isSourceQuestion(stripped.core) && SOURCE_QUESTION.test(stripFillers(sourced[2]!).core)) {
    // ("the 'five a year' number is from the short piece right? who wrote that": the document
    // the question names is what "that" was written as — its author is asked.)
    const piece = WRITER_ASKED.test(sourced[2]!) ? findDocumentMention(engine.corpus, sourced[1]!) : null;
    if (piece) return { kind: 'contextual', resolved: 'who wrote it?', frame: 'who wrote it?', documentId: piece.documentId, offset: 0, person: null };
    return resolveTurn(engine, state, sourced[1]!);
  }
  // "are you sure? the table at the back shows a different figure": a challenge, then why — the
  // answer before is asked for again, however long the reason.
  const challenged = CHALLENGE_THEN_REASON.exec(text);
  // (Of a figure, the figures again: the answer gave every source's, and where they disagree.)
  if ((challenged || CHALLENGE.test(text)) && readFigureQuestion(prev.frame).flow) return { kind: 'ellipsis', resolved: prev.resolved, frame: prev.frame, documentId: prev.documentId, offset: 0, person: prev.person };
  if (challenged) return resolveTurn(engine, state, challenged[1]!);
  const { core, continues } = stripped;
  const answered = lastAnswered(state);

  // "the next one" after an item of a list is the item after it, not the next page.
  const step = prev.kind === 'ordinal' && prev.list?.position ? NEXT_ITEM.exec(core) : null;
  const stepped = step && prev.list?.position ? prev.list.position + (/^(?:previous|preceding|before)$/i.test(step[1] ?? step[2] ?? '') ? -1 : 1) : null;

  // "what else?" after "any examples?": another example of the same claim, which the passage
  // shown goes on to give as often as the next one does — not the next page of passages.
  if (/^(?:what else|anything else|any others?|others?)[\s?.!]*$/i.test(core) && prev.kind === 'support' && /\bexamples?\b|\binstance|\bsuch as\b|\blike what\b/i.test(prev.frame)) {
    const frame = `other examples: ${prev.frame.replace(/^[^:]*:\s*/, '')}`;
    const c = contextFrom(engine, prev, frame, { sentenceWords: 4 });
    return { kind: 'support', resolved: withContext(frame, [...c.places, ...c.words]), frame, documentId: prev.documentId, offset: 0, person: prev.person };
  }

  // "go on", "continue": the text after the passage shown (converse.ts reads on from it).
  if (READ_ON.test(core) && answered?.paragraphIds[0] && !(stepped && stepped >= 1)) {
    return { kind: 'readOn', resolved: answered.resolved, frame: answered.frame, documentId: answered.documentId, offset: 0, person: answered.person, readFrom: { paragraphId: answered.paragraphIds[0], sentences: answered.sentences } };
  }
  if (PAGING.test(core) && answered && !(stepped && stepped >= 1 && stepped <= (prev.list?.items.length ?? 0))) {
    // ("more" after "source?" pages the answer the source was of, not the one passage it named.)
    const paged = lastPaged(state) ?? answered;
    return {
      kind: 'more',
      resolved: paged.resolved,
      frame: paged.frame,
      documentId: paged.documentId,
      offset: paged.offset + Math.max(paged.paragraphIds.length, 1),
      person: paged.person,
    };
  }

  // A question about the answer before, answered from what it showed (sourceAnswer.ts).
  const aboutAnswered = (turn: TurnRecord, about: SourceAsk): Resolution => ({ kind: 'source', resolved: turn.resolved, frame: turn.frame, documentId: turn.documentId, offset: 0, source: { turn, about }, person: turn.person });
  // "tl;dr?": the answer before in short.
  // (A bare "?" after an answer is a "huh?": the answer, in short.)
  if ((GIST_REQUEST.test(core) || /^\s*\?+\s*$/.test(text)) && answered) return aboutAnswered(answered, 'gist');
  // "how do I cite this?", "give me the full reference": the document shown, as a reference.
  if (CITE_REQUEST.test(core) && answered) return aboutAnswered(answered, 'reference');
  // ("Who wrote the op-ed?" after a passage of the journal article asks about the op-ed.)
  const answeredDocument = answered ? (answered.paragraphIds[0]?.split('/')[0] ?? answered.documentId) : null;
  if (isSourceQuestion(core) && answered && mention && mention.documentId !== answeredDocument) return standalone();
  if (isSourceQuestion(core) && answered) {
    // ("who wrote that part?" asks whose words the passage gives, not who wrote the document.)
    // ("who made it?" after an answer on S2ORC: whoever made the thing the document presents — its authors.)
    const madeIt = /\bwho (?:made|built|created|developed|designed|released|introduced) (?:it|this|that)(?!\s+(?:claim|point|argument))\b/i.test(core);
    return aboutAnswered(answered, madeIt || (/\b(?:wrote|author|writer)\b/i.test(core) && !/\b(?:part|bit|passage|section|line|sentence|paragraph|quote)\b/i.test(core)) ? 'document' : 'claim');
  }

  // "do they agree?": the question answered before, from each source apart.
  // ("who is right?": the same, with a word that judging is the reader's.)
  const judged = SOURCES_JUDGED.test(core);
  // ("any counterarguments?", "does anyone disagree?": the same, beside the source that answered.)
  if ((judged || SOURCES_COMPARED.test(core) || OTHER_VIEWS.test(core)) && answered && engine.corpus.documents.length > 1) {
    return { kind: 'contextual', resolved: answered.resolved, frame: answered.frame, documentId: null, offset: 0, person: answered.person, perDocument: judged ? 'judged' : true };
  }

  // The document a dependent turn searches: the one it names, else the one in force.
  // (After a question about a document, "and the other one?" is the other document.)
  // (So is "what does the other one say?": a document is what says.)
  const otherOne = engine.corpus.documents.length > 1 && (documentAskedAbout(prev) || OTHER_ONE_SAYS.test(core)) ? /\bthe other one\b/i.exec(core) : null;
  const other = OTHER_DOCUMENT.exec(core) ?? otherOne;
  const named = other ? (otherOfNamed ?? otherDocument(engine, state)) : (mention?.documentId ?? null);
  // (Among many papers, a follow-up is about the one the answer before came from: "how many
  // patients did they interview?" after a finding of one study. With two documents on one
  // subject, the answer's words carry the conversation, and either may answer.)
  // (Not a document whose title names a place when the turn moves to another place: "and
  // mongolia?" after the population of Kazakhstan from "Demographics of Kazakhstan".)
  const discussed = amongMany ? paperDiscussed(engine, prev, text) : null;
  // (It still carries the words of the answer before: measured, they help more than they hurt.)
  // (Nor the document an earlier turn kept to: "what about kyrgyzstan?" after Kazakhstan's army, read in "Kazakhstan".)
  const kept = prev.documentId && !(amongMany && titledForOtherPlaces(engine, prev.documentId, text)) ? prev.documentId : null;
  const documentId = named ?? kept ?? (discussed && keepsToPaper(engine, discussed, text) ? discussed : null);
  const shift = text.length - core.length;
  const stated = other
    ? withoutMention(core, other.index, other.index + other[0].length)
    : mention && !mention.subject
      ? withoutMention(core, mention.start - shift, mention.end - shift)
      : core;
  // "that year", "back then", "the year after", "two years later": years of the turn before.
  // (A decade from as far back as the last turns: "that decade" two turns after "1994".)
  const yearsOnly = withYearsResolved(stated, prev.frame, state.turns.slice(-3).map((t) => t.resolved).reverse().join(' '));
  const extreme = extremeYearOf(yearsOnly, prev.sentences[0] ?? '', prev.frame);
  const yearsResolved = extreme?.turn ?? yearsOnly;
  const extremeYear = extreme?.year;
  const latterResolved = withFormerLatter(yearsResolved, prev.frame);
  const grouped = withGroupNamed(latterResolved, state);
  // ("could the three of them team up?": once the group is named, the question is whole.)
  if (grouped !== latterResolved) return { kind: 'contextual', resolved: grouped, frame: grouped, documentId, offset: 0, person: prev.person };
  const own = withPeopleNamed(latterResolved, prev.frame);
  const yearSubstituted = own !== stated;
  const formerOrLatter = latterResolved !== yearsResolved;

  // "and what does the other article say?", "and the op-ed?": the same question, in that document.
  // So is one that sets that document against the answer before, with a word or two of what it
  // compares ("the op-ed gives a different distance, no?", "is the op-ed guy as hopeful?", "the
  // forum piece has a much lower count"): those words are searched with the question before.
  // (A likeness, "does X say anything similar about the US?", is looked for with what the answer
  // said — see likewiseIn below; a place of its own makes it another question.)
  const compares = named !== null && SET_AGAINST_ANSWER.test(own) && !LIKEWISE.test(own) && findMentions(own).length === 0;
  // ("does the academic paper say anything about that resettlement?": what was asked, in that
  // document, with the word the turn points back with.)
  const pointedBack = named !== null && !compares ? POINTED_BACK.exec(own) : null;
  const pointedWords = pointedBack && analyze(own.replace(POINTED_BACK, ' ')).every((t) => SAYS.has(t) || GENERIC.has(t)) ? [pointedBack[1]!] : [];
  const comparedWords = pointedWords.length
    ? pointedWords
    : compares
    ? own
        .replace(new RegExp(SET_AGAINST_ANSWER.source, 'giu'), ' ')
        .replace(WRITER_NOUN, ' ')
        .split(/[^\p{L}\p{N}'’-]+/u)
        .filter((w) => topicTerms(w).some((t) => !SAYS.has(t) && !REPORTS.has(t)))
    : [];
  // (Not "when did the paper come out?": a question about that document, not the question before asked of it.)
  // (A question of its own: "what about the other article's author?" is still the question before, of the other one.)
  const aboutNamed = (META_ABOUT_IT.test(own) || asksDocumentFact(own)) && /^(?:when|where|who|whom|which|in what|what year|how (?:old|long|many))\b/i.test(own.trim());
  if (named && prev.frame && !aboutNamed && (analyze(own).every((t) => SAYS.has(t) || GENERIC.has(t)) || pointedWords.length > 0 || (compares && comparedWords.length <= 2))) {
    // The previous question may name its own document ("…, according to the piece?"): not this one.
    // (Its author, carried in its context, names it too: "(Miliate, …)".)
    const unnamed = (t: string) => {
      const old = findDocumentMention(engine.corpus, t);
      return old ? withoutMention(t, old.start, old.end) || t : t;
    };
    const frame = unnamed(prev.frame);
    // A question before that leaned on the one before it ("and what did Mongolia do about it?")
    // is searched with what it was understood with: its "it" means nothing in the other document.
    const asked = prev.kind === 'contextual' && OTHER_ANAPHORA.test(frame) && prev.resolved.startsWith(prev.frame.replace(/\)$/, '')) ? unnamed(prev.resolved) : frame;
    const resolved = comparedWords.length ? `${asked.replace(/[\s?.!]+$/, '')} ${comparedWords.join(' ')}?` : asked;
    return { kind: 'ellipsis', resolved, frame, documentId: named, offset: 0, person: prev.person };
  }

  // "when was the first one written?", "who wrote the second article?": of the documents the
  // conversation drew on, in the order it first did — not an item of a list.
  const docOrdinal = !mention && META_ABOUT_IT.test(own) ? DOCUMENT_ORDINAL.exec(own) : null;
  if (docOrdinal) {
    const drawn = [...new Set(state.turns.map((t) => t.paragraphIds[0]?.split('/')[0] ?? t.documentId).filter((d): d is string => !!d))];
    const word = docOrdinal[1]!.toLowerCase();
    const docId = word === 'other' ? otherDocument(engine, state) : drawn.length >= 2 ? (/^(?:first|former|earlier)$/.test(word) ? drawn[0] : drawn[drawn.length - 1]) : null;
    const doc = docId ? engine.corpus.documents.find((d) => d.meta.id === docId) : undefined;
    if (doc) {
      const resolved = `${own.slice(0, docOrdinal.index)}“${doc.meta.title}”${own.slice(docOrdinal.index + docOrdinal[0].length)}`;
      return { kind: 'contextual', resolved, frame: answered?.frame ?? prev.frame, documentId: doc.meta.id, offset: 0, person: null };
    }
  }

  const ordinal = formerOrLatter ? null : stepped && stepped >= 1 ? { position: stepped, noun: null, start: 0, end: core.length } : (findOrdinalReference(core) ?? describedItem(engine, state, core));
  // "when was the last visit?": a when asks for a time, and an item of a list has none — the
  // latest visit, not the last one listed.
  const recency = !!ordinal?.noun && /^\s*(?:so\s+|and\s+)?when\b/i.test(core);
  if (ordinal && !recency && !(ordinal.noun && fixedPhrase(engine, core.slice(ordinal.start, ordinal.end)))) {
    const described: FoundList | null = 'found' in ordinal ? (ordinal.found as FoundList) : null;
    const found = described ?? findList(engine, state, ordinal.noun) ?? (ordinal.noun && GENERIC_ITEM.has(ordinal.noun) ? listOfReasons(engine, state) : null);
    const item = found && pickItem(found.list, ordinal.position);
    if (found && item) {
      const frame = `${core.slice(0, ordinal.start)}${clip(item, 200)}${core.slice(ordinal.end)}`.replace(/\s{2,}/g, ' ').trim();
      const listDoc = (found.paragraphId ?? found.turn.paragraphIds[0])?.split('/')[0] ?? null;
      // The head's last words name what the items are ("… four general options in terms of …").
      // (The names of a turn that picked an item before are that item's: not this one's.)
      const context = [clipEnd(found.list.head, 120), ...(found.turn.kind === 'ordinal' ? [] : entitiesOf(found.turn.frame).slice(0, 2))].filter((w) => !analyze(w).every((t) => analyze(frame).includes(t)));
      // A list that only names its items points elsewhere for each; a passage that goes on
      // about the item ("… and Uzbekistan. … commenced trade relations with Uzbekistan") is the answer.
      const from = found.paragraphId ? paragraphById(engine.corpus, found.paragraphId) : undefined;
      const exclude = found.list.sequence || !from || saysMoreOf(engine, from.text, item) ? [] : [from.id];
      const list = { ...found.list, paragraphId: found.paragraphId, position: ordinal.position === -1 ? found.list.items.length : ordinal.position };
      return { kind: 'ordinal', resolved: withContext(frame, context), frame, documentId: mention?.documentId ?? listDoc ?? documentId, offset: 0, person: null, exclude, list };
    }
  }

  const terms = topicTerms(own);
  const shortTurn = terms.length <= 3;
  // "and on the Dalai Lama?" after "what are the sources on Kyrgyz debt?", "and about Russia?"
  // after "what does Miliate say about China?": the question before, of the new topic.
  const swap = TOPIC_SWAP.exec(own);
  const swapped = swap ? new RegExp(String.raw`\b${swap[1]}\s+\S.*?(?=[\s?.!]*$)`, 'i').exec(prev.frame) : null;
  if (swap && swapped) {
    const frame = `${prev.frame.slice(0, swapped.index)}${swap[1]!.toLowerCase()} ${swap[2]}${prev.frame.slice(swapped.index + swapped[0].length)}`;
    return { kind: 'ellipsis', resolved: frame, frame, documentId, offset: 0, person: prev.person };
  }
  // "and co-read?" after "what was the MAP score on co-view?": the thing the question before
  // was asked on, swapped (a place or a year is the ellipsis's; a pronoun points back).
  const bare = !swap ? BARE_AND.exec(text) : null;
  if (bare && findMentions(bare[1]!).length === 0 && !new RegExp(YEAR.source).test(bare[1]!) && !OTHER_ANAPHORA.test(bare[1]!) && !/\b(?:what|why|how|when|where|who|which|more|next|then|so|too)\b/i.test(bare[1]!) && topicTerms(bare[1]!).length > 0) {
    const objects = [...prev.frame.matchAll(/\b(on|about|regarding|concerning|for)\s+(?=\S)/gi)];
    const last = objects[objects.length - 1];
    const tail = last ? prev.frame.slice(last.index + last[0].length) : '';
    // (Only a short object closing the question: "… on co-view?", not "… on how the two compare".)
    if (last && /^[\p{L}\d'’ -]+[\s?.!]*$/u.test(tail) && tail.trim().split(/\s+/).length <= 4) {
      const frame = `${prev.frame.slice(0, last.index + last[0].length)}${bare[1]}?`;
      return { kind: 'ellipsis', resolved: frame, frame, documentId, offset: 0, person: prev.person };
    }
  }
  // "why Mongolia?": why the answer before holds of the party named — support, not that
  // question of a new place.
  const whyOf = whyOfParty(engine, core);
  // "how does that compare with China?", "is that more than Kyrgyzstan?": the question before, of the place it is set against
  // (as "compared with China?" is); a topic to compare with ("… with multi-vectorism?") is not a place.
  const setAgainst = PLACE_COMPARED.exec(own);
  const comparedPlace = setAgainst && onlyPlaces(setAgainst[1]!) ? setAgainst[1]! : null;
  // (Places already in the question before — "… with Tajikistan and Kazakhstan?" after Mongolia
  // and Kazakhstan — make a pair of their own to compare: a question of its own.)
  const framePlaces = new Set(findMentions(prev.frame).map((m) => m.country));
  if (comparedPlace && framePlaces.size > 0 && findMentions(comparedPlace).every((c) => !framePlaces.has(c.country))) {
    // ("compare w/ s korea and china" after Mongolian students in Kyrgyzstan: the places set
    // against the last one said, together — not one for each place of the question.)
    const compared = [...new Set(findMentions(comparedPlace).map((c) => c.country))];
    const said = findMentions(prev.frame);
    const lastSaid = said[said.length - 1];
    const changed =
      compared.length > 1 && framePlaces.size > 1 && lastSaid
        ? `${prev.frame.slice(0, lastSaid.start)}${compared.join(' and ')}${prev.frame.slice(lastSaid.end)}`
        : applyEllipsis(engine, prev.frame, comparedPlace);
    if (changed) return { kind: 'ellipsis', resolved: changed, frame: changed, documentId, offset: 0, person: prev.person };
  }
  // "how many kazakhs are there in mongolia?" after a question on Mongolia and Kazakhstan: a
  // whole question naming the two places, and nothing pointing back — not the question before
  // the other way round.
  const wholeQuestion = !continues && QUESTION_OPENER.test(core) && !OTHER_ANAPHORA.test(own) && !FLIP.test(own) && !BOTH_WAYS.test(own);
  // "is India one?", "is Turkey among them?": whether a party is one of what was said — of
  // that, not the question before with the party put in.
  const memberOf = MEMBER_OF.test(core);
  if ((continues || shortTurn) && !SUPPORT.test(core) && !whyOf && !memberOf) {
    // ("and kyrgyzstan?", "what about with china?" after "is that a lot?": the question that
    // reaction was about, with the place put in — not the reaction, which asks nothing of a place.)
    const reactedTo = prev.kind === 'contextual' && OTHER_ANAPHORA.test(prev.asked) && topicTerms(stripFillers(prev.asked).core).length === 0 ? state.turns[state.turns.length - 2] : undefined;
    const changed = applyEllipsis(engine, reactedTo?.frame ?? prev.frame, own, { placesReversed: !wholeQuestion, placeAdded: !wholeQuestion });
    // ("and tajikistan?" after "what does the factbook say about kyrgyzstan's economy?": the
    // factbook the new question names, of the two, not the one the old one did.)
    const renamed = changed && amongMany && named === null ? findDocumentMention(engine.corpus, changed)?.documentId : undefined;
    if (changed) return { kind: 'ellipsis', resolved: withReferentOf(prev, changed), frame: changed, documentId: renamed ?? documentId, offset: 0, person: prev.person, ...(prev.perDocument ? { perDocument: true } : {}) };
    // "and Schweller?" after "what did Walt argue?": the same question of the new person.
    const swapped = swapPerson(engine, prev, withNamesCapitalised(engine, own));
    if (swapped) return { kind: 'ellipsis', resolved: swapped.frame, frame: swapped.frame, documentId, offset: 0, person: swapped.person };
  }

  // "so basically it's all history?", "so you're saying Russia is the problem?", "so Mongolia
  // just didn't bother?": a reading of the answer before put back as a check — what was
  // asked before, asked of the turn's words (its own places and all).
  // The question before, asked of what the turn says of it ("why does that matter for X: …").
  // (What the answer before said is what the turn goes beyond: the question's words only.)
  const askedOfBefore = (head: string): Resolution => {
    const frame = `${head.replace(/[\s?.!]+$/, '')}: ${prev.frame}`;
    const c = contextFrom(engine, prev, frame, { questionOnly: true });
    return { kind: 'contextual', resolved: withContext(frame, [...c.places, ...c.words]), frame, documentId, offset: 0, person: prev.person };
  };
  const inference = INFERENCE.exec(text);
  if (inference && named === null && terms.length > 0 && terms.length <= 6) return askedOfBefore(own.replace(INFERENCE_OPENER, '').replace(/[\s?.!]+$/, '') || own);

  // "why does that matter for Mongolia?": what was asked before, asked of its bearing on the place.
  if (named === null && MATTER_SUBJECT.test(own) && terms.length <= 5) return askedOfBefore(own);

  // "who came from the kazakh side?": one side of what was asked before, whatever place names
  // it — that question, of the side (as "why does that matter for …" asks it of the place).
  if (named === null && SIDE_OF.test(own) && terms.length <= 4) return askedOfBefore(own);
  // "just the trade part": the question before, narrowed to that part.
  if (named === null && PART_OF.test(own) && terms.length <= 3) return askedOfBefore(own);

  // "which is closer to Russia?" after a question on Kazakhstan and Kyrgyzstan: one of those two,
  // whatever place the turn names to compare them by — a choice between the parties before.
  const framedParties = WHICH_OF_THEM.test(core) ? [...new Set(findMentions(prev.frame).map((m) => m.country))] : [];
  // ("which of them matters most to Beijing?" after Kazakhstan, then Mongolia, then Kyrgyzstan: all three.)
  const choosing = framedParties.length < 2 && OF_THEM.test(core) ? [...new Set(state.turns.slice(-PARTIES_REACH).flatMap((t) => findMentions(t.frame).map((m) => m.country)))] : framedParties;
  if (choosing.length >= 2 && findMentions(own).every((m) => !choosing.includes(m.country))) {
    const c = contextFrom(engine, prev, own, { questionOnly: true });
    return { kind: 'contextual', resolved: withContext(own, [...choosing, ...c.words]), frame: withContext(own, choosing), documentId, offset: 0, person: prev.person };
  }
  // "which does Kazakhstan do?" after "what is the difference between bandwagoning and
  // balancing?": one of the two things asked about, for the place the turn names.
  const alternatives = WHICH_OF_THEM.test(core) && choosing.length < 2 ? ALTERNATIVES.exec(prev.frame) : null;
  if (alternatives) {
    const pair = [alternatives[1] ?? alternatives[3]!, alternatives[2] ?? alternatives[4]!].map((a) => a.trim());
    return { kind: 'contextual', resolved: withContext(own, pair), frame: withContext(own, pair), documentId, offset: 0, person: prev.person };
  }

  // "how much?", "how many were there?": the question before, asked for its amount — its
  // figures wanted (not support), and its frame kept whole, so "in 2015?" next finds the flow.
  if (BARE_AMOUNT.test(core) || NUMBERS_ASKED.test(core)) {
    const frame = `${BARE_AMOUNT.test(core) ? core.replace(/[\s?.!]+$/, '') : 'how many'}: ${prev.frame}`;
    return { kind: 'contextual', resolved: frame, frame, documentId, offset: 0, person: prev.person };
  }

  // "what's the catch?": the concerns and limitations of what was asked before — its words as
  // context, so that the words for limits lead (the catch is rarely the passage that made the case).
  if (DRAWBACK.test(core)) {
    const frame = 'what are the drawbacks and limitations?';
    // (Among many papers, of the paper being discussed: its own limitations, in its words for them.)
    const c = discussed !== null && named === null ? { places: [], words: [] } : contextFrom(engine, prev, frame, { questionOnly: true });
    // (Of a plan of several places, the words of the plan: its places are in most paragraphs
    // of the matter and would outweigh the words for its limits.)
    const countries = new Set(c.places.flatMap((p) => findMentions(p).map((m) => m.country)));
    const kept = countries.size >= 3 ? c.places.filter((p) => findMentions(p).length === 0) : c.places;
    return { kind: 'contextual', resolved: withContext(frame, [...kept, ...c.words]), frame: withContext(frame, kept), documentId, offset: 0, person: prev.person };
  }
  // "which is more recent?" after answers from two documents: of those two, not of the corpus.
  if (ASKS_RECENCY.test(core.toLowerCase()) && !mention) {
    const discussedDocs = [...new Set(state.turns.slice(-3).flatMap((t) => t.paragraphIds.slice(0, 1).map((id) => id.split('/')[0]!)))];
    const docs = discussedDocs.map((id) => documentById(engine.corpus, id)).filter((d): d is NonNullable<typeof d> => d !== undefined);
    if (docs.length >= 2 && docs.length < engine.corpus.documents.length) {
      const asked = `which is more recent, ${docs.map((d) => `“${d.meta.title}”`).join(' or ')}?`;
      return { kind: 'contextual', resolved: asked, frame: asked, documentId: null, offset: 0, person: prev.person };
    }
  }
  // "when?", "where?" after "who wrote it?": when and where that document came out.
  // (So after "who wrote it?" answered from the passage's source: its document.)
  const writerAsked = prev.kind === 'source' && /\b(?:wrote|written|writer|authors?|authored|published)\b/i.test(prev.asked);
  const aboutDocument = documentAskedAbout(prev) ?? (writerAsked ? documentOfTurn(prev) : null);
  if (aboutDocument && BARE_QUESTION_WORD.test(core) && /\b(?:when|where)\b/i.test(core)) {
    const asked = /\bwhere\b/i.test(core) ? 'where was it published?' : 'when was it published?';
    return { kind: 'contextual', resolved: asked, frame: asked, documentId: aboutDocument, offset: 0, person: prev.person };
  }
  if (SUPPORT.test(core) || whyOf || BARE_QUESTION_WORD.test(core)) {
    const frame = `${core.replace(/[\s?.!]+$/, '')}: ${prev.frame}`;
    const c = contextFrom(engine, prev, frame, { sentenceWords: 4 });
    return { kind: 'support', resolved: withContext(frame, [...c.places, ...c.words]), frame, documentId, offset: 0, person: prev.person };
  }

  // "when was it published?": "it" is the document of the answer before.
  // ("who wrote about it?" asks about the matter: "it" is what was written about, not the writing.)
  // (So is "how many works does it cite?", "what are its keywords?": documentFacts.ts.)
  // (Not "what has mongolia done to show off its western credentials": a place before "its" owns them.)
  const itsPlace = IT_REFERENCE.exec(own);
  const placeOwns = itsPlace !== null && findMentions(own.slice(0, itsPlace.index)).length > 0;
  if (!mention && !placeOwns && (META_ABOUT_IT.test(own) || asksDocumentFact(own)) && itsPlace && !/\b(?:about|on|of)\s+(?:it|this|that)\b/i.test(own) && answered?.paragraphIds[0]) {
    const docId = answered.paragraphIds[0].split('/')[0]!;
    const doc = engine.corpus.documents.find((d) => d.meta.id === docId);
    if (doc) {
      // A question about the document, not its matter: a later "and what does the other
      // article say?" still asks the question before it, as after "who wrote it?".
      const resolved = own.replace(IT_REFERENCE, `“${doc.meta.title}”`);
      return { kind: 'contextual', resolved, frame: answered.frame, documentId: docId, offset: 0, person: null };
    }
  }


  // "what does it say about russia?" after "summarise the op-ed", "who does it cite on
  // balancing?", "what sources does he use on debt?": the document the answer before came from
  // (or its author) as the teller, asked with the turn's own topic — not the answer's words.
  const toldByIt = IT_SAYS.test(own) || (CITED_BY_PRONOUN.test(own) && literatureTopic(own) !== null);
  // "any mention of afghanistan?", "does it mention russia?": whether the document the answer
  // before came from speaks of it — searched there, for that alone.
  const mentionAsked = !mention && !other && answered?.paragraphIds[0] ? MENTION_ASKED.exec(own) : null;
  const mentioned = mentionAsked ? (mentionAsked[1] ?? mentionAsked[2])?.trim() : undefined;
  if (mentioned && topicTerms(mentioned).length > 0) {
    const docId = answered!.paragraphIds[0]!.split('/')[0]!;
    const asked = `what does it say about ${mentioned.replace(/[\s?.!]+$/, '')}?`;
    return { kind: 'contextual', resolved: asked, frame: asked, documentId: docId, offset: 0, person: null };
  }
  // (Not once "the other article" became its "it": that article is the teller, and the topic the one before.)
  if (!mention && !other && toldByIt && answered?.paragraphIds[0]) {
    const docId = answered.documentId ?? answered.paragraphIds[0].split('/')[0]!;
    return { kind: 'contextual', resolved: own, frame: own, documentId: docId, offset: 0, person: null };
  }

  // "what is multi-vectorism?" then "how does Mongolia apply it?": "it" is the thing defined —
  // the turn asked of it, not loose words of its definition ("conceptual", "reference").
  const defined = definedSubject(prev.frame);
  const definedRef = defined ? DEFINED_PRONOUN.exec(own) : null;
  // (A turn that names it already, "is multi-vectorism still used?", needs nothing put in.)
  if (defined && definedRef && !mention && !analyze(defined).every((t) => analyze(own).includes(t))) {
    const asked = `${own.slice(0, definedRef.index)}${defined}${own.slice(definedRef.index + definedRef[0].length)}`;
    return { kind: 'contextual', resolved: asked, frame: asked, documentId, offset: 0, person: prev.person };
  }

  // "why is kazakhstan such a big deal for the bri?" then "where was it announced?": "it", the
  // subject of a passive ("was it announced", "is it funded"), is the one acronym the question
  // before named (the places are not announced).
  const thing = !mention && !hasOwnSubject(withNamesCapitalised(engine, own)) ? PASSIVE_IT.exec(own) : null;
  const acronyms = thing ? [...new Set(prev.frame.split(/[^\p{L}]+/u).filter((w) => w.length >= 2 && engine.index.isAcronym(w.toLowerCase())).map((w) => w.toUpperCase()))] : [];
  if (thing && acronyms.length === 1) {
    const at = thing.index + thing[1]!.length;
    const asked = `${own.slice(0, at)}the ${acronyms[0]}${own.slice(at + 2)}`;
    return { kind: 'contextual', resolved: asked, frame: asked, documentId, offset: 0, person: prev.person };
  }

  // "bri corridors thru mongolia & kaz, which ones r there?", "the third neighbor thing, which
  // countries are in it?": a topic, then a question about it — the pronoun's antecedent is in
  // the turn itself, which stands alone.
  if (!continues && named === null && topicFirst(own)) return standalone();

  // "he", "she": the person the previous answer quoted or named.
  const person = prev.person ?? prev.sentences.flatMap((s) => attributedPeople(s, engine.corpus))[0] ?? null;
  // A turn that names its own subject (a place, a name, a document) has its own "he".
  // (Names as the corpus writes them: "what's the lamb thing schweller talks about?" has one.)
  const ownSubject = named !== null || hasOwnSubject(withNamesCapitalised(engine, core));
  let frame = own;
  let substituted = yearSubstituted;
  // "how does Mongolia handle China, according to him?": places of its own but no person, so
  // "him" is still the person before — and the one link to the turn before: the turn's own
  // places are its topic, and no other words of the turn before are carried.
  const ownPeople = ownSubject && named === null ? entitiesOf(withNamesCapitalised(engine, core)).filter((e) => !findMentions(e).length) : [];
  const placesOnly = ownSubject && named === null && ownPeople.length === 0 && !PERSON_NOUN.test(core);
  let personLink = false;
  // ("is he cited in the op-ed?": a document named, and no one else — "he" is still the person before.)
  const documentOnly = named !== null && !hasOwnSubject(withNamesCapitalised(engine, own));
  // ("who was the leading voice for it, and what did he propose?": "he" is whoever the turn's
  // own "who" asks for, not the person before.)
  const asksWhoFirst = asksWhoThenPronoun(frame);
  // ("someone else in the house backed the bid. what was his case?": "his" is that someone.)
  const otherPerson = OTHER_PERSON.exec(frame);
  const introducesOther = otherPerson !== null && otherPerson.index < (PERSON_PRONOUN_ANY.exec(frame)?.index ?? -1);
  if (person && !asksWhoFirst && !introducesOther && (!ownSubject || placesOnly || documentOnly) && PERSON_PRONOUN_ANY.test(frame)) {
    // ("who is he?": the person, not what was said — no words of the answer before.)
    personLink = ownSubject || WHO_IS_PERSON.test(frame);
    // "does he agree with him?": an object pronoun after a subject one in the same turn is
    // someone else (the same one would be "himself"): the person salient before that.
    const other = state.turns
      .slice(0, -1)
      .reverse()
      .map((t) => t.person)
      .find((p): p is string => !!p && p !== person);
    let subject = false;
    frame = frame.replace(PERSON_PRONOUN, (w) => {
      const lower = w.toLowerCase();
      if (lower === 'he' || lower === 'she') subject = true;
      // ("her" may be a possessive, "her view": only "him" is surely an object.)
      const who = subject && other && lower === 'him' ? other : person;
      return /^(?:his|hers)$/i.test(w) ? `${who}’s` : who;
    });
    substituted = true;
  }
  // "does it push back on China at all?" after Kyrgyzstan's foreign policy: "it" is the place
  // asked about before, China only what the turn asks of it. (Not "does it matter for China?":
  // there "it" is what was said.)
  let placeLink = false;
  const placePronoun = ownSubject && named === null && !substituted && !MATTER_SUBJECT.test(own) ? PLACE_PRONOUN_SUBJECT.exec(frame) : null;
  if (placePronoun) {
    // ("did they sign anything with Kyrgyzstan too?" after Mongolia's agreements with
    // Kazakhstan: Kyrgyzstan takes Kazakhstan's place, "they" is Mongolia.)
    const replaced = roleTaken(frame, state.turns[state.turns.length - 1]!.frame);
    const before = placesAskedBefore(state).filter((p) => !replaced.has(p.country));
    const asked = new Set(findMentions(frame).map((m) => m.country));
    const places = before.filter((p) => !asked.has(p.country)).map((p) => p.name);
    if (places.length && (placePronoun[2]!.toLowerCase() === 'they' || places.length === 1) && places.length === before.length) {
      const at = placePronoun.index + placePronoun[1]!.length;
      frame = `${frame.slice(0, at)}${places.join(' and ')}${frame.slice(at + placePronoun[2]!.length)}`;
      substituted = true;
      placeLink = true;
    }
  }
  // ("why aren't they closer?" after "what's the deal with Mongolia and Kazakhstan?": a question
  // of nothing but places makes them the "they" of the next, asked of them alone — what the
  // overview answer happened to say would only find it again.)
  if (!ownSubject && named === null && !substituted && prev.kind === 'standalone' && onlyPlaces(prev.frame) && terms.length <= 2) {
    const they = /\b(they|them)\b/i.exec(frame);
    const places = placesAskedBefore(state).map((p) => p.name);
    if (they && places.length >= 2) {
      frame = `${frame.slice(0, they.index)}${places.join(' and ')}${frame.slice(they.index + they[0].length)}`;
      substituted = true;
      placeLink = true;
    }
  }
  let thereNamed = false;
  // ("whats the population there?" after Kyrgyzstan's exports: "there" is the place talked
  // about, and the turn a question of its own about it — not one more word for the flow.)
  if (!ownSubject && named === null && !substituted && findMentions(own).length === 0 && LOCATIVE_THERE.test(frame) && !/(?:\bin|n['’]t|\bisnt|\barent|\bwasnt)\s+there\b/i.test(own) && !TRADE_WORDS.test(own)) {
    const place = placeTalkedAbout(placesAskedBefore(state));
    if (place) {
      // (The locative "there", not an "is there" before it: "is there a draft there?")
      const there = LOCATIVE_THERE.exec(frame)!;
      const lead = /\b(?:over|out)\s+$/i.exec(frame.slice(0, there.index));
      frame = `${frame.slice(0, lead ? lead.index : there.index)}in ${place.name}${frame.slice(there.index + there[0].length)}`;
      substituted = true;
      placeLink = true;
      thereNamed = true;
    }
  }
  // ("who runs the country?", "how big is that country?" after Kyrgyzstan's population: the
  // country is the place talked about, as "there" is.)
  const theCountry = !ownSubject && named === null && !substituted && findMentions(own).length === 0 ? THE_COUNTRY.exec(frame) : null;
  if (theCountry) {
    const place = placeTalkedAbout(placesAskedBefore(state).filter((p) => findMentions(p.name).length > 0));
    if (place) {
      frame = `${frame.slice(0, theCountry.index)}${place.name}${frame.slice(theCountry.index + theCountry[0].length)}`;
      substituted = true;
      placeLink = true;
      thereNamed = true;
    }
  }
  // Short turns without a subject lean on the one before ("where do most of them live?",
  // "who said the apology was a mistake?"); longer ones, or ones with a subject, stand alone.
  // A turn with a subject but nothing else save a verb of reacting ("how did China react?",
  // "how did Russia respond?") asks how that party met the matter before. Any other word
  // keeps a subject's turn standalone: taking context for every short one cost more questions
  // that stand alone — "What is Schweller's lamb?" — than it won.
  const subjectTerms = new Set(analyzeQuestion(withNamesCapitalised(engine, own)).entities);
  const rest = terms.filter((t) => !subjectTerms.has(t));
  const reacting = ownSubject && named === null && rest.length > 0 && rest.every((t) => REACTS.has(t));
  // "does Japan count?" after "which countries are third neighbours?": one of those, or not.
  // ("is mongolia a member of the sco?" names the group as well: a question of its own.)
  const qualifying = (ownSubject && named === null && subjectTerms.size <= 1 && rest.length > 0 && rest.every((t) => QUALIFIES.has(t))) || (memberOf && rest.length <= 1);
  // "why did China punish them?": a subject of its own, but a pronoun for the matter before
  // closing the turn, and hardly another word: the pronoun is what the turn is about. (A
  // pronoun inside the turn, "if Mongolia teamed up …, would it get dragged …", is its subject's.)
  // ("… go along with it anyway?": words of manner after the pronoun still close on it.)
  // "why does that matter for Mongolia?", "what would this mean for Kyrgyzstan?": the
  // matter before is the subject, the place only whom it is asked of.
  const matterSubject = ownSubject && named === null && rest.length <= 3 && MATTER_SUBJECT.test(own);
  // ("hasnt russia been pushing them to join tho": a verb closing the turn without its object
  // leans on the matter before as a pronoun would.)
  const leaning = ownSubject && named === null && /\b(?:it|them|there|that|this|to\s+(?:join|sign|accept|agree|back|support|follow|copy|adopt|ratify|approve|leave|quit))(?:\s+(?:anyway|anyhow|then|though|tho|too|at all|still|now|again|either|really))*[\s?.!]*$/i.test(own) && rest.length <= 2;
  // "what do Mongolia and the Central Asians prefer instead?": an alternative to what was said
  // before; the turn is about that, whatever subject it names.
  const alternative = /\b(?:instead|in exchange|in return|rather|otherwise)[\s?.!]*$/i.test(own);
  // "horse meat?" after a trade figure: goods the corpus's trade tables list, asked of that flow.
  const goodsAsked = !ownSubject && terms.length > 0 && terms.length <= 3 && !!readFigureQuestion(prev.frame).flow && terms.every((t) => tradedGoods(engine).has(t));
  // "what does Mongolia want from Kazakhstan specifically?": a narrowing of what was said.
  // (A short one: a question long enough to say what it narrows stands on its own.)
  const narrowing = NARROWING.test(own) && rest.length <= 2;
  const relating = HAS_TO_DO_WITH.test(own) && rest.length <= 3;
  // "does irgengioro say anything similar about the US?": what was said before, looked for in
  // the document the turn names, of what it adds.
  const likewiseIn = named !== null && LIKEWISE.test(own) && rest.length <= 3;
  const prevFigure = readFigureQuestion(prev.frame);
  // "what's the appendix table show for 2012?" after a trade question: that trade in that year,
  // from the document whose table has it (not the one the question before was asked of).
  const tableYears = TABLE_ASKED.test(own) && (prevFigure.flow || prevFigure.trade) ? [...new Set([...own.matchAll(YEAR)].map((m) => m[0]))] : [];
  const tablePartner = prevFigure.countries.find((c) => c !== 'Mongolia');
  const tableDoc = tableYears.length && tablePartner ? engine.corpus.documents.find((d) => d.tables.some((r) => r.partner === tablePartner)) : undefined;
  if (tableDoc && tablePartner) {
    const flow = prevFigure.flow;
    const asked = flow ? `how much did ${flow.from} export to ${flow.to} in ${tableYears.join(' and ')}?` : `trade between Mongolia and ${tablePartner} in ${tableYears.join(' and ')}?`;
    return { kind: 'contextual', resolved: asked, frame: asked, documentId: tableDoc.meta.id, offset: 0, person: prev.person };
  }
  // "what goods made up that peak year?": the flow before, in the year its answer named.
  if (extremeYear && prevFigure.flow && !ownSubject) {
    const asked = `how much did ${prevFigure.flow.from} export to ${prevFigure.flow.to} in ${extremeYear} — ${own}`;
    return { kind: 'contextual', resolved: asked, frame: asked, documentId, offset: 0, person: prev.person };
  }
  const parties = [...new Set(findMentions(prev.frame).map((m) => m.country))];
  const ownParties = [...new Set(findMentions(own).map((m) => m.country))];
  // "in which year did Mongolia sell the most to them?" after trade between Mongolia and
  // Kyrgyzstan: one party named, the other by pronoun — a question of that flow, however long.
  // (One of the two parties of a trade question before named, the other left to find.)
  const oneOfTwoParties = ownSubject && named === null && !!(prevFigure.flow || prevFigure.trade) && parties.length === 2 && ownParties.length === 1 && parties.includes(ownParties[0]!);
  const toPronounParty = oneOfTwoParties && PARTY_PRONOUN.test(own);
  // "did Mongolia come up with its own version?": that party's counterpart of what was asked before.
  const counterpart = ownSubject && named === null && COUNTERPART.test(own) && rest.length <= 3;
  // "how does it compare with SciBERT?" in a conversation on SPECTER, among many papers: "it" is
  // what the paper being discussed is about, whatever else the turn names.
  const ofPaper = discussed !== null && named === null && PAPER_PRONOUN.test(own);
  // ("the pm there is always from the north. why?": "there" after a noun is the place talked about.)
  const placeThere = ownParties.length === 0 && LOCATIVE_THERE.test(own);
  // ("what is the third neighbor policy?" after multi-vectorism's passage, which names it: a
  // thing of its own to define, whatever the answer before said of it.)
  // (In the present: "what were the main goods?", "what was the other factor?" ask of the answer before.)
  const ownDefined = /^\s*(?:so\s+|and\s+|ok\s+)?what(?:'s|’s|\s+is|\s+are)\s/i.test(own) && !OTHER_ANAPHORA.test(own) ? definedSubject(own) : null;
  const definesOwn = ownDefined !== null && topicTerms(ownDefined).length > 0;
  // ("why are the ties so thin when they share a nomadic heritage?" in the paper being discussed,
  // among many: "they", with no subject of the turn's own, are the places talked about, however
  // long the turn. With two documents a long turn's "they" is as often its own: "were the two
  // peoples close, and what cut them off?")
  const theyArePlaces = amongMany && documentId !== null && !ownSubject && THEY.test(own) && findMentions(prev.resolved).length > 0;
  // ("but they were all in the soviet camp before that, didn't they deal with each other?": "each
  // other" is the places talked about, whatever else the turn names.)
  // (With "they" for them: "were the two peoples close …, and what cut them off from each other?" has its own.)
  const mutual = /\b(?:each other|one another)\b/i.test(own) && /\bthey\b/i.test(own) && new Set(findMentions(own).map((m) => m.country)).size < 2 && new Set(findMentions(prev.resolved).map((m) => m.country)).size >= 2;
  // ("how does the other paper use it?": "the other" is of the document discussed — the turn leans on the conversation.)
  const dependent = (other !== null && !hasOwnSubject(withNamesCapitalised(engine, stated))) || mutual || placeThere || theyArePlaces || substituted || continues || counterpart || toPronounParty || reacting || qualifying || leaning || matterSubject || alternative || goodsAsked || narrowing || relating || likewiseIn || ofPaper || STRONG_ANAPHORA.test(core) || (!ownSubject && !definesOwn && terms.length <= 4 && !newTopic(engine, state, own, terms));
  // ("the", "of", a stray word sent by mistake: nothing of its own, no question word or mark, and
  // nothing pointing back — asked as it is, which says there is nothing to search, rather than
  // the question before again. "mostly what?", "really?" still lean on what was said.)
  const stray = terms.length === 0 && !/[?]/.test(own) && !/\b(?:what|why|how|when|where|who|which|whose)\b/i.test(own) && !continues && !substituted && !OTHER_ANAPHORA.test(own) && !STRONG_ANAPHORA.test(core);
  if (!dependent || stray) {
    const s = standalone();
    // A turn that names no document keeps the restriction only while it depends on it.
    return s;
  }
  // "what about tourism?": a new topic for the same places.
  // ("and what did Mongolia do in response?" reacts to the matter before: no new topic.)
  // So is a turn whose topic words neither the question before nor its best passage used
  // ("what happened to the flights later on?" after a state visit): it asks of the same places,
  // not of what was said there.
  // (A word relating it to what was said — "the opposite view", "the first one" — is no new topic.)
  // (Nor is one set in the time before, "back then"; and without places to carry, the words before are all there is.)
  // (The names of the question before, read once for the rules below that need them.)
  let framedNames: string[] | undefined;
  const namedBefore = () => (framedNames ??= entitiesOf(withNamesCapitalised(engine, prev.frame))).length > 0;
  const unsaid =
    !ownSubject && !substituted && terms.length > 0 && !OTHER_ANAPHORA.test(own) && !RELATIONAL.test(own) && !THAT_YEAR.test(own) && !findOrdinalReference(own) && newToAnswer(engine, prev, terms) && namedBefore();
  // "how is that different from multi-vectorism?": what was said, set against a topic the turn
  // names — the answer is about that topic; the places stay, the words said before would
  // only find what was said again.
  const against = COMPARED.exec(own);
  // (A subject the turn names only as what it sets the answer against — "how is it similar to
  // Central Asia then?" — is that topic, not a subject of its own.)
  const againstPart = against ? own.slice(against.index + against[0].length) : '';
  const subjectOnlyAgainst = ownSubject && !!against && !hasOwnSubject(withNamesCapitalised(engine, own.slice(0, against.index)));
  const compared = !!against && (!ownSubject || subjectOnlyAgainst) && topicTerms(againstPart).length > 0;
  // ("and how many state visits were there?" after a question about visits: the same topic, no shift.)
  const askedBefore = new Set(analyze(prev.frame));
  // ("and Mongolia's version?": the counterpart of what was asked about, for the place — no new topic.)
  // "do they share a religion too?", "are they landlocked as well?": of the same parties ("they"),
  // a thing the answer before did not speak of — a new topic for them, not more of what was said.
  const alsoOf = !ownSubject && !substituted && ALSO.test(own) && OTHER_ANAPHORA.test(own) && terms.some((t) => newToAnswer(engine, prev, [t])) && findMentions(prev.frame).length > 0;
  // "how big is its army?", "what is their religion?" after Kazakhstan's exports, "what are its
  // limitations?" after how SPECTER was evaluated: a thing of the place's or the named thing's
  // that the answer before did not speak of — a new topic for it, not more of what was said
  // (the goods had led the answer back to trade, the evaluation back to the A/B test).
  const possessed = POSSESSED.exec(own);
  const possessedTerms = possessed ? topicTerms(possessed[1]!) : [];
  // (Its head noun, the thing: "main" in "their main religion" was the table's "main goods".)
  const ofThePlace = !ownSubject && !substituted && possessedTerms.length > 0 && newToAnswer(engine, prev, possessedTerms.slice(-1)) && (documentId !== null || namedBefore());
  const topicShift = unsaid || compared || alsoOf || ofThePlace || (continues && !substituted && !reacting && terms.length > 0 && !OTHER_ANAPHORA.test(own) && !COUNTERPART.test(own) && rest.every((t) => !askedBefore.has(t)));
  // "what goods were those?" after a trade flow ("what did Mongolia export to Kyrgyzstan in
  // 2017?"): "those" are that flow, its way and year included, and the turn asks one more
  // thing of it — the previous question whole, as support turns take it, not its words loose.
  // (So does a bare "what goods?": one word the answer before used, about the flow it gave.)
  // "what did Mongolia send them?" after trade between two places: one party named, a pronoun
  // for the other — the other named in its place ("… send to Kyrgyzstan"), which gives the way.
  const otherParty = oneOfTwoParties && ((!topicShift && rest.length <= 2) || toPronounParty)
    ? parties.find((p) => p !== ownParties[0])
    : undefined;
  // "what does it sell them?" after trade between Mongolia and Kyrgyzstan: both parties by
  // pronoun — the subject the one the question before named first, the object the other.
  const bothByPronoun = !ownSubject && !topicShift && (prevFigure.flow || prevFigure.trade) && parties.length === 2 ? TRADE_BY_PRONOUNS.exec(own) : null;
  if (bothByPronoun) {
    const [subject, object] = [parties[0]!, parties[1]!];
    const asked = `${own.slice(0, bothByPronoun.index)}${bothByPronoun[1]} ${subject} ${bothByPronoun[3]} ${bothByPronoun[4] ? `${bothByPronoun[4]} ` : ''}${object}${own.slice(bothByPronoun.index + bothByPronoun[0].length)}`;
    const withYears = withYearsOf(asked, prev.frame);
    return { kind: 'contextual', resolved: withYears, frame: withYears, documentId, offset: 0, person: prev.person };
  }
  const pronoun = otherParty ? /\b(?:(to|from|with|into)\s+)?(them|they|it|there)\b/i.exec(own) : null;
  if (otherParty && pronoun) {
    const named2 = `${own.slice(0, pronoun.index)}${pronoun[1] ? `${pronoun[1]} ` : 'to '}${otherParty}${own.slice(pronoun.index + pronoun[0].length)}`;
    const asked = withYearsOf(named2, prev.frame);
    return { kind: 'contextual', resolved: asked, frame: asked, documentId, offset: 0, person: prev.person };
  }
  // ("and goods?": a new word after "and", but one the answer spoke of — that flow's goods.)
  // ("mostly what?", "what kind of stuff?": what a flow is made of, whatever words its answer
  // used — a table row names the goods without the word "goods".)
  const asksExtremeYear = !ownSubject && terms.length <= 3 && EXTREME_YEAR.test(own);
  const composition = (!ownSubject && terms.length <= 2 && COMPOSITION.test(own)) || goodsAsked || asksExtremeYear;
  // ("whats the trend over the decade", "how has it changed over time?" after a flow or the trade
  // both ways: that flow by year — the question before without its year.)
  if (!ownSubject && named === null && (prevFigure.flow || prevFigure.trade) && TREND.test(own) && !/\b(?:since|until|till|before|after|from)\b/i.test(own) && terms.length <= 4) {
    const asked = `${prev.frame.replace(/\s*\([^()]*\)\s*$/, '').replace(/\s+in\s+(?:1[89]|20)\d\d(?:\s+and\s+(?:1[89]|20)\d\d)*/g, '').replace(/[\s?.!]+$/, '')} over the years?`;
    return { kind: 'contextual', resolved: asked, frame: asked, documentId, offset: 0, person: prev.person };
  }
  // ("which year was highest?" after the trade both ways: that trade's year at its most.)
  if (asksExtremeYear && !prevFigure.flow && prevFigure.trade) {
    const asked = `${prev.frame.replace(/[\s?.!]+$/, '')} — ${frame}`;
    return { kind: 'contextual', resolved: asked, frame: asked, documentId, offset: 0, person: prev.person };
  }
  if (!ownSubject && !thereNamed && (composition || !topicShift || (continues && !unsaid && !compared)) && terms.length <= 2 && (OTHER_ANAPHORA.test(own) || terms.length === 1 || composition) && prevFigure.flow) {
    // The flow's question first: its verb is the one that tells the way ("what did it send:
    // how much did Mongolia export …" would read "send" first, with no side).
    // (After "… peak year?", of the year the answer gave as the peak: "what were they mostly sending" then.)
    const peak = composition && !new RegExp(YEAR.source).test(own) ? yearAskedFor(prev.frame, prev.sentences[0] ?? '') : null;
    const asked = peak ? `how much did ${prevFigure.flow.from} export to ${prevFigure.flow.to} in ${peak} — ${frame}` : `${prev.frame.replace(/[\s?.!]+$/, '')} — ${frame}`;
    return { kind: 'contextual', resolved: asked, frame: asked, documentId, offset: 0, person: prev.person };
  }
  // "and students?" after "how many Mongolians visited Kazakhstan?": the new count noun takes
  // the question's "how many" (a bare plural noun phrase; "how much" any noun phrase).
  const counting = /^how (many|much)\b/i.exec(prev.frame);
  // (Not "the official languages": what is named with "the" is asked about, not counted.)
  if (topicShift && counting && !QUESTION_OPENER.test(frame) && !/^(?:the|its|their|his|her|this|that|these|those)\s/i.test(frame) && (counting[1]!.toLowerCase() === 'much' || /\p{L}{3,}s[\s?.!]*$/u.test(frame))) {
    frame = `${counting[0].toLowerCase()} ${frame}`;
  }
  // (An alternative is to what was asked, not to what the answer said of the other party.)
  // ("what does it share with Kazakhstan?": the place put for "it" is the link — the words of the
  // answer before would only find that answer again.)
  // (A question of its own about the paper being discussed, among many: that paper is its
  // context — the words of the answer before would only find that answer again.)
  // (So is one moving to another paper it names: "what about S2ORC - how big is it?" after SPECTER.)
  const movedPaper = amongMany && named !== null && discussed !== null && named !== discussed;
  // ("someone else in the house backed it …": another speaker, another document — not the one discussed.)
  const toAnother = introducesOther && named === null;
  const inPaper = (amongMany && named === null && documentId !== null && terms.length >= 2 && !toAnother) || movedPaper;
  // (In the paper, "they" for the places talked about still names them: the places, no words.)
  const context = personLink || inPaper
    ? { places: !personLink && theyArePlaces ? contextFrom(engine, prev, frame, { topicShift: true }).places : [], words: [] }
    : contextFrom(engine, prev, frame, { topicShift: topicShift || placeLink, questionOnly: alternative || toAnother || counterpart, named });
  // (Set against a new topic, the people before are what was said: the countries only.)
  const c = compared ? { places: context.places.filter((p) => findMentions(p).length > 0), words: [] } : context;
  // The places stay in the frame, so a later "and Kyrgyzstan?" has one to replace.
  const framed = withContext(frame, c.places);
  // "who is he?" asks about a person, not the matter: a later "what about Uzbekistan?" asks
  // the question before it of Uzbekistan, not "who is Miliate in Uzbekistan?".
  const aboutPerson = personLink && WHO_IS_PERSON.test(own) && !ownSubject;
  // "How was it evaluated?" after "when was it published?": "it" is that document.
  // A new topic with places of its own ("ok what about tourism, how many Mongolians went to
  // Kazakhstan?") is a question of its own: the document an earlier turn chose is not its limit.
  // ("was anyone against it?", "did anybody object?": whoever it was, in whatever document.)
  const anyone = ASKS_ANYONE.test(frame) && named === null;
  const inherited = (topicShift && ownSubject && named === null && !ofPaper) || toAnother || anyone ? null : documentId;
  return { kind: 'contextual', resolved: withContext(frame, [...c.places, ...c.words]), frame: aboutPerson ? prev.frame : framed, documentId: inherited ?? documentAskedAbout(prev), offset: 0, person: substituted ? person : prev.person };
}

/** The last turn that showed a page of passages: not a question about one of them ("source?", "tl;dr?"). */
function lastPaged(state: ConversationState): TurnRecord | undefined {
  for (let i = state.turns.length - 1; i >= 0; i--) {
    const turn = state.turns[i]!;
    if (turn.paragraphIds.length && turn.kind !== 'source') return turn;
  }
  return undefined;
}
