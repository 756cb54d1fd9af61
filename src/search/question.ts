import { analyze, placeTerms, tokenize } from './analyzer.js';

const PLACE_TERMS = placeTerms();

/** "… trained on", "… based on", "… used for", "… made of", "… known for": a participle and its preposition closing a question. */
export const TRAILING_PARTICIPLE = /\s+(?:[a-z]+(?:ed|en|wn)|made|built|meant|sent|spent|held|kept|bought|sold|taught|brought|thought|run|set|put|done)\s+(?:on|upon|for|of|by|with|from|in|into|to|at|against|after|under|as)$/i;

/**
 * What the reader asked, read before stop words are removed (Li & Roth 2002, simplified):
 * the question type steers ranking, e.g. "how much" prefers passages that state an amount.
 */
export type QuestionType = 'amount' | 'count' | 'year' | 'cause' | 'definition' | 'person' | 'list' | 'overview' | 'other';

export interface AnalyzedQuestion {
  raw: string;
  type: QuestionType;
  /** Distinct index terms, in question order. */
  terms: string[];
  /** Four-digit years named in the question. */
  years: number[];
  /** Index terms of names in the question (capitalised words, places): what it is about. */
  entities: string[];
  /** "How many papers…", "how many of the surveyed papers…": the terms of what is counted. */
  counted?: string[];
  /** "What methods did …", "which tools …": the terms of the thing asked for. */
  askedFor?: string[];
}

export const MAX_QUESTION_LENGTH = 1000;

export type QuestionProblem = 'empty' | 'too-long' | 'no-terms';

/**
 * "What is the paper about?", "its main aim", "a summary of the article": the source's own
 * summary answers. "What does the paper say about Kazakhstan?" is not one: it has a topic.
 */
const SOURCE = String.raw`(?:paper|article|op-?ed|essay|study|piece|book|text|corpus)`;
const OVERVIEW = new RegExp(
  [
    String.raw`\b(?:${SOURCE}|it)\b[^?.!]*\babout\s*(?:[?.!]|$)`,
    String.raw`\bmain (?:aim|argument|point|thesis|purpose|idea|claim|finding|question|topic|goal|message|conclusion)s?\b`,
    String.raw`\b(?:summary|summari[sz]e|gist|overview|abstract)\b(?: of)? (?:the |this |that )?${SOURCE}`,
    String.raw`\bwhat (?:does|did) (?:the |this )?(?:${SOURCE}|author) (?:argue|claim|conclude|find|show)\s*(?:[?.!]|$)`,
    // "tell me about the heart failure paper", "what can you tell me about this study?": the
    // document named whole, nothing asked of it.
    String.raw`^\s*(?:(?:can|could) you |pls |please )?(?:tell me|talk|what can you tell me|what do you know|give me (?:an overview|a summary))(?: a (?:bit|little))? (?:about|of) (?:the|this|that) (?:(?!(?:in|on|of|the|a|an|about|from|by|with|for|and|to)\s)[a-z0-9-]+ ){0,4}${SOURCE}\s*[?.!]*$`,
  ].join('|'),
);

const AUXILIARY = new Set(['is', 'are', 'was', 'were', 'do', 'does', 'did', 'has', 'have', 'had', 'can', 'could', 'would', 'will', 'should', 'might', 'may']);

/**
 * "Which states was…" asks for a list, "which corridor runs…" for one thing: the head noun
 * is the word before the first auxiliary verb (or, with none, the word after "which").
 */
function asksForSeveral(s: string): boolean {
  const words = /^\s*which\s+(.*)$/.exec(s)?.[1]?.split(/\s+/).slice(0, 6);
  if (!words?.length) return false;
  const aux = words.findIndex((w, i) => i > 0 && AUXILIARY.has(w));
  const head = (aux > 0 ? words[aux - 1] : words[0])!.replace(/[^\p{L}]/gu, '');
  return /[^isu]s$/.test(head) || /(?:ies|sses)$/.test(head);
}

/**
 * "When" asks for a date where it opens the question ("when did…", "and when was…", "since
 * when?"), not where it joins two clauses: "what do weak states do when a big power rises?"
 * asks what they do, and read as a date question it preferred sentences stating a year.
 */
const WHEN_ASKED = new RegExp(
  String.raw`\bwhen(?:\s+(?:exactly|roughly|approximately|precisely))?\s+(?:${[...AUXILIARY].join('|')})\b|^\s*(?:(?:and|so|but|ok|okay)\s+)?when\b|\bwhen[\s?.!]*$`,
);

/**
 * The last question classified: one question is classified several times over (its check,
 * its analysis, the figures it may ask for), and the type is a function of the text alone.
 */
let lastClassified: { q: string; type: QuestionType } | undefined;

export function classifyQuestion(q: string): QuestionType {
  if (lastClassified?.q === q) return lastClassified.type;
  const type = classifyText(q);
  lastClassified = { q, type };
  return type;
}

function classifyText(q: string): QuestionType {
  const s = q.toLowerCase();
  if (OVERVIEW.test(s)) return 'overview';
  if (/\bhow much\b|\bwhat (?:is|was|were) the (?:total|value|amount|volume|size)\b|\bvalue of\b|\bworth\b/.test(s)) return 'amount';
  // "How common is DVT…", "how often…", "how far…": a rate, a frequency or a distance is a number too.
  // "What is the population of Mongolia?" asks for a count as "how many people" does.
  // "How close does Mongolia get to Kazakhstan?": a distance, counted in kilometres (not the
  // closeness of relations: "how close are their ties?").
  if (ASKS_DISTANCE.test(s)) return 'count';
  if (/\bhow many\b|\bnumber of\b|\bwhat share\b|\bpercentage\b|\bproportion\b|\bhow (?:common|frequent(?:ly)?|often|prevalent|widespread)\b|\bwhat percent\b|\bwhat(?:'s| is| was| were) (?:the |its |their |[a-z-]+['’]s )?(?:total )?population\b|\bhow (?:populous|big is the population)\b/.test(s)) return 'count';
  // "How big is Kazakhstan's investment in Mongolia?", "how big is the diaspora?": a size asked
  // for is a number — a sum of money where money is spoken of, else a count (read as money,
  // "how big is the diaspora" had passed over "160,000 Kazakhs").
  if (/\bhow (?:big|large|sizable|sizeable|substantial)\b(?! (?:a |an )?(?:role|part|deal|problem|concern|threat|factor|impact|influence|difference)\b)/.test(s)) {
    return /\b(?:invest\w*|trade|trading|exports?|imports?|debts?|loans?|aid|budget|economy|gdp|revenues?|spending|fdi|turnover|deficit|surplus|funding|costs?)\b/.test(s) ? 'amount' : 'count';
  }
  // ("How old is it?" of a museum, a treaty, a city: the year it began — "established in 1959".)
  if (WHEN_ASKED.test(s) || /\bwhat year\b|\bin which year\b|\bhow old (?:is|was)\b|\bhow long ago\b/.test(s)) return 'year';
  if (/\bwhy\b|\bwhat (?:explains|caused|causes)\b|\breasons?\b/.test(s)) return 'cause';
  // "nurly zhol cost", "what did the railway cost?", "the price of the pipeline": an amount of money.
  if (/\b(?:cost|costs|costed|price|priced|prices|budget|how expensive)\b/.test(s)) return 'amount';
  // "Who are Mongolia's third neighbours?": the members of a group, a list — not a definition.
  if (/^\s*who (?:are|were) (?:the |its |their |[\w-]+['’]s )?(?:[\w’'-]+\s){0,3}[\w’'-]*[^\Wsu]s\??\s*$/.test(s)) return 'list';
  // ("What is SPECTER trained on?" asks what it is trained on, not what it is.)
  if (/^\s*(?:what|who) (?:is|are|was|were) (?:the |a |an )?[\w’'-]+(?:\s[\w’'-]+){0,4}\??\s*$/.test(s) && !TRAILING_PARTICIPLE.test(s.replace(/[\s?]+$/, ''))) return 'definition';
  if (/\bmean(?:s|t)? by\b|\bdefin(?:e|ition)\b|^\s*what (?:does|do|did) [\w’'-]+(?:\s[\w’'-]+){0,4} mean\??\s*$/.test(s)) return 'definition';
  if (/^\s*who\b/.test(s)) return 'person';
  if (/^\s*(?:list|name)\b/.test(s) || asksForSeveral(s)) return 'list';
  return 'other';
}

export function checkQuestion(q: string): QuestionProblem | null {
  const trimmed = q.replace(/[\s\u200b-\u200f\u2028-\u202f\u2060\ufeff]+/g, ' ').trim();
  if (trimmed.length === 0) return 'empty';
  if (q.length > MAX_QUESTION_LENGTH) return 'too-long';
  // "What is this paper about?" has no topic words, and needs none.
  if (analyze(trimmed).length === 0 && classifyQuestion(trimmed) !== 'overview') return 'no-terms';
  return null;
}

export function analyzeQuestion(raw: string): AnalyzedQuestion {
  const terms = [...new Set(analyze(raw))];
  const years = [...new Set(tokenize(raw).filter((t) => /^(1[89]|20)\d\d$/.test(t)).map(Number))];
  // Capitalised words after the first are names; so are place words however they are typed.
  const words = raw.split(/\s+/).slice(1).filter((w) => /^[\p{Lu}]/u.test(w));
  const named = new Set(words.flatMap((w) => analyze(w)));
  const entities = terms.filter((t) => named.has(t) || PLACE_TERMS.has(t));
  const type = classifyQuestion(raw);
  const counted = type === 'count' ? countedTerms(raw) : [];
  const askedFor = askedForTerms(raw);
  return { raw, type, terms, years, entities, ...(counted.length ? { counted } : {}), ...(askedFor.length ? { askedFor } : {}) };
}

/** The words between "what"/"which" and the verb: "what statistical model did they use" → statistical model. */
const ASKED_FOR = /^\s*(?:(?:and|so|ok|but)\s+)?(?:what|which)\s+(?:kinds?\s+of\s+|types?\s+of\s+|sorts?\s+of\s+)?((?:[\p{L}-]+\s+){0,2}?[\p{L}-]+)\s+(?:is|are|was|were|do|does|did|has|have|had|can|could|would|will|should)\b/iu;

/** "Who funded the study?": its funding, the section papers give it under ("Funding"). */
const FUNDER_ASKED = /\bwho\s+(?:funded|funds|financed|finances|sponsored|sponsors|paid\s+for|pays\s+for|bankrolled)\b/i;

function askedForTerms(raw: string): string[] {
  const m = ASKED_FOR.exec(raw);
  if (m) return analyze(m[1]!);
  return FUNDER_ASKED.test(raw) ? analyze('funding') : [];
}

/**
 * A question of distance: "how far", "how close", "how near" (of places, not of ties or
 * allies), "the distance". Figures read it the same way (answer/figures.ts).
 */
export const ASKS_DISTANCE =
  /\bhow (?:far|close|near|wide)\b(?![^?.!]*\b(?:ties|relations?|relationships?|allies|ally|allied|aligned|alignment|partners?|friends?|friendly|cooperat\w*|cultur\w*|politic\w*|economic\w*|similar\w*)\b)|\b(?:the |what(?:'s| is) the )distance\b|\bdistance between\b|\bkilomet(?:er|re)s?\b|\bkm\b|\bhow long is (?:the |its )?(?:[\p{L}-]+ ){0,3}(?:border|frontier|road|railway|rail|line|river|pipeline|stretch|corridor|strip)\b/iu;
/** What a distance is counted in, as index terms. */
const DISTANCE_UNITS = analyze('kilometers miles');

/** The one or two words after "how many" ("of the" skipped), as index terms; a distance's units. */
function countedTerms(raw: string): string[] {
  const m = /\bhow\s+many\s+(?:of\s+(?:the|these|those|its|their|all)\s+)?([\p{L}'’-]+(?:\s+[\p{L}'’-]+)?)/iu.exec(raw);
  // ("how many ethnic Kazakhs …: how close does …", a follow-up read with the question before: the count asked.)
  // ("How many times did they visit?" counts visits: "times" names no thing counted.)
  if (m) return /^times?\b/i.test(m[1]!) ? [] : analyze(m[1]!);
  return ASKS_DISTANCE.test(raw) ? DISTANCE_UNITS : [];
}


/**
 * Chat idioms that open a question without a topic word of their own: "what's the deal with
 * Mongolia and Russia?", "what's up with the BRI?", "what's going on between them?" ask about
 * what follows. Their nouns ("deal", "story") would otherwise be searched, rare and matching
 * the text's own "deal with" ("dealing with a rising China"). Questions only: the text means them.
 */
const TOPIC_OPENER = /^(\s*(?:(?:so|and|ok|okay|hey|yo)[\s,]+)*)(?:what(?:'s|’s|s|\s+is)\s+(?:the\s+)?(?:deal|story|score|lowdown|tea|craic)\s+(?:with|on|about|between)|what(?:'s|’s|s|\s+is)\s+(?:up|happening|going\s+on)\s+(?:with|between|in)|what\s+gives\s+with)\b/i;

/**
 * "Who runs Kyrgyzstan?", "who's in charge there these days?", "who rules Turkmenistan?",
 * "who's the leader of Mongolia?": who leads a place is its head of state and head of
 * government, the words texts give them in ("chief of state: President …"), not "runs" (its
 * rivers run) or "leads" (roads lead). Only of a place: "who leads the project?" is a person
 * in the text's own words. Now only: "who ruled Mongolia in the 1930s?" is not today's president.
 */
const LEADER_ASKED =
  /\bwho(?:'s|’s|s|\s+is|\s+are)?\s+(?:(?:currently|now|actually|really)\s+)?(?:runs?|running|rules?|ruling|governs?|governing|leads?|leading|in\s+charge(?:\s+of)?|in\s+power(?:\s+in)?|at\s+the\s+helm(?:\s+of|\s+in)?|the\s+(?:current\s+)?(?:leader|ruler|boss)s?(?:\s+of)?)(?=\s|[?!.,]|$)/iu;
/** Who leads a place, in the words a country's profile gives them. */
const LEADER_WORDS = 'the head of state, chief of state and head of government of';
const PLACE_TALKED_ABOUT = /\b(?:there|the country|the government)\b/i;

/**
 * "Who is the president of Kazakhstan?": the title asked, in the words a country's profile
 * gives today's holder ("chief of state: President …; head of government: Prime Minister …"),
 * not any paragraph that names a president of it (2014's, in a speech).
 */
const LEADER_TITLE_ASKED = /\bwho(?:'s|’s|s|\s+is|\s+are)\s+(?:the\s+)?(?:(?:current|present|sitting)\s+)?(president|prime\s+minister|premier|head\s+of\s+state|head\s+of\s+government)(?:\s+of)?(?=\s|[?!.,]|$)/iu;

export function withLeaderAsked(raw: string): string {
  const m = LEADER_ASKED.exec(raw) ?? LEADER_TITLE_ASKED.exec(raw);
  if (!m) return raw;
  const rest = raw.slice(m.index + m[0].length);
  if (!PLACE_TALKED_ABOUT.test(rest) && !analyze(rest).some((t) => PLACE_TERMS.has(t))) return raw;
  // (The title asked stays first: "who is the president, the head of state, … of kazakhstan?")
  const title = m[1] && !/^head\b/i.test(m[1]) ? `the ${m[1].toLowerCase()}, ` : '';
  return `${raw.slice(0, m.index)}who is ${title}${LEADER_WORDS}${rest}`;
}

export function withoutTopicOpener(raw: string): string {
  return raw.replace(TOPIC_OPENER, '$1what about');
}

/**
 * What people wrap a question in, saying nothing of its topic: "quick q:", "sorry if this is a
 * dumb question but", "i was wondering if", "does anyone know", and "thanks", "pls", "lol" after
 * it. Searched, their words found the wrong passages ("thanks" the acknowledgements).
 */
const CHAT_OPENER = new RegExp(
  String.raw`^\s*(?:` +
    [
      String.raw`(?:(?:a|one|another|one more)\s+)?(?:quick|random|dumb|stupid|silly|basic|simple|noob|newbie|small|short|side)\s+(?:q|qn|qs|question)s?(?:\s+(?:but|though|here|for you))?`,
      String.raw`(?:q|qn|question)\s*[:-]`,
      // "IR essay q:", "think-tank q:": what the question is for, as its label.
      String.raw`(?:(?:ir|history|policy|think-?tank|research|debate|essay|exam|paper|homework|hw|thesis|class|seminar|quiz|test|work|interview|podcast|memo)\s+){1,2}(?:q|qn|qs|question)\s*[:-]`,
      // "exam tmrw.", "essay due tonight -": when the asker needs it, not what.
      String.raw`(?:(?:my|an?|the)\s+)?(?:exam|test|quiz|midterm|finals?|deadline|essay|paper|homework|hw|assignment|presentation)\s+(?:is\s+|due\s+)?(?:tmrw|tmr|tomorrow|today|tonight|soon|next\s+week|this\s+week|on\s+\p{L}+day)(?=\s*[:,.!-])`,
      String.raw`sorry(?:\s+if\s+(?:this\s+is\s+|it(?:'|’)?s\s+|this\s+)?(?:a\s+)?(?:dumb|stupid|silly|basic|obvious|naive|noob)(?:\s+(?:q|question))?)?(?:\s+but)?`,
      String.raw`(?:i\s+was|i(?:'|’)?m|just|was)\s+(?:wondering|curious)(?:\s+(?:if|whether))?`,
      String.raw`i\s+wonder(?:\s+(?:if|whether))?`,
      // Haste: "need this fast:", "urgent:", "asap -".
      String.raw`(?:i\s+)?need\s+(?:this|it|an?\s+answer|help|info)\s+(?:fast|quick(?:ly)?|asap|urgently|now|soon)(?:\s+(?:pls|please))?`,
      String.raw`(?:urgent(?:ly)?|asap|in\s+a\s+(?:hurry|rush))`,
      String.raw`(?:does\s+)?(?:any\s*one|anybody|someone|somebody)\s+knows?(?:\s+(?:if|whether))?`,
      // "can someone explain what …", "could anyone tell me …": asked of the channel.
      String.raw`(?:can|could|would|will)\s+(?:any\s*one|anybody|someone|somebody)(?:\s+(?:here|pls|please))?\s+(?:explain|tell me|help(?: me)?(?: understand)?|clarify)`,
      // The bot called by name ("@Steppe why …", "steppe, why …"): not the steppe of the texts.
      // (A name then a comma or colon, or typed as a mention: "steppe cooperation?" is a topic.)
      String.raw`@(?:steppe|bot)\b`,
      // A greeting to the channel: "hi all, …", "hey everyone -".
      String.raw`(?:hi|hey|hello|yo|morning)\s+(?:all|everyone|everybody|folks|guys|there|team|y(?:'|’)?all)`,
      // "what's the deal with the SCO?", "what's the story w/ Kyrgyz debt": what about it (the
      // idiom, not a deal; "with" stays, a stop word).
      String.raw`what(?:'|’)?s\s+(?:the\s+)?(?:deal|story|situation|score)(?=\s+(?:with|w\/)\s)`,
      // A greeting alone before the question ("Hello, I want ask about …").
      String.raw`(?:hi|hey|hello|hiya|greetings|good (?:morning|afternoon|evening))(?=\s*[,!.])`,
      // "I want (to) ask about …", "I'd like to ask you about …": asking, before what is asked
      // ("about" stays, and with it the topic).
      String.raw`i(?:\s+(?:want|wanted|would like|wish)|(?:'|’)d\s+like)(?:\s+to)?\s+(?:ask|know)(?:\s+(?:you|something|a question))?(?=\s+about\b)`,
      // "keep going - did people take to the streets?": on from the answer, with a question of its own.
      String.raw`(?:ok(?:ay)?\s+)?(?:keep going|go on|carry on|continue)(?=\s*[:,.!-]+\s*\p{L})`,
      String.raw`(?:hey\s+|hi\s+|ok\s+|okay\s+|yo\s+)?(?:steppe|bot)(?=\s*[:,!])`,
      // A word of talk before the question ("ok what about tourism", "hm. doesn't the article
      // say…", "ok dumb question but …"): unknown to a corpus, "ok" was searched by its
      // neighbours in meaning ("obvious", "done").
      String.raw`(?:ok(?:ay)?|okey|alright|all\s+right|um+|uh+|hm+|oh|ah|anyways?)(?=[\s,.!:-])`,
    ].join('|') +
    String.raw`)(?:\s*[:,.!-]+\s*|\s+)`,
  'iu',
);
const CHAT_CLOSER = /(?:[\s,.!?]+(?:thanks|thank you|thx|ty|tia|cheers|pls|plz|please|lol|lmao|haha|hehe|xd)(?:\s+(?:in advance|so much|a lot|very much))?)+[\s.!?]*$/i;

/** A link pasted with a question: its letters ("https", "com") are not words of the question. */
const URL = /\b(?:https?:\/\/|www\.)\S+/gi;

/**
 * The question as it would have been typed plainly: without its wrapping (above), links, runs
 * of spaces, and capitals held down ("WHO WROTE IT?" reads every word as a name).
 */
/**
 * A researcher's account of why they ask ("i'm writing a paper on …", "i keep seeing …",
 * "i'm not sure …", "(asking for my thesis)"): their words ("writing", "keep", "sure") are
 * rare in a corpus and would outweigh the topic, which stays.
 */
const WORK = String.raw`(?:(?:research|term|seminar|final|master'?s|phd|grad(?:uate)?|undergrad(?:uate)?|class|course|school|uni|university|college|group|news)\s+)?(?:paper|thesis|essay|dissertation|project|assignment|report|presentation|lit(?:erature)? review|class|course|seminar|feature|story|piece|column|memo|briefing|internal note|podcast|chapter|lecture|talk|blog post|newsletter)`;
/** "… an essay for my IR seminar on …": what the work is for, before its topic. */
const FOR_WORK = String.raw`(?:\s+for\s+(?:my|our|a|an|the)\s+(?:[\p{L}-]+\s+){0,2}?${WORK})?`;
// (A run of spaces and commas before "for my thesis" is taken from its start only: tried from
// each of its characters, a long run cost time growing with its square, 12 ms a turn at 500 commas.)
const CHAT_NARRATIVE = new RegExp(
  [
    String.raw`\b(?:so\s+)?i(?:'|’)?m\s+(?:writing|working on|doing|researching|preparing|filing|drafting|pitching)\s+(?:a|an|my|some)\s+${WORK}${FOR_WORK}\s+(?:on|about)\s+`,
    // (The same with the "I'm" left out, opening a sentence: "Working on a feature about …".)
    String.raw`(?:^|(?<=[.!?,]\s))\s*(?:writing|working on|researching|preparing|filing|drafting|pitching)\s+(?:a|an|my|some)\s+${WORK}${FOR_WORK}\s+(?:on|about)\s+`,
    String.raw`(?<![\s,(-])[\s,(-]*\b(?:(?:i(?:'|’)?m\s+)?asking\s+|(?:this\s+is|it(?:'|’)?s)\s+)?for\s+(?:my|our)\s+${WORK}\b\)?`,
    String.raw`(?<![\s,(-])[\s,(-]*\b(?:(?:i(?:'|’)?m\s+)?asking|this\s+is|it(?:'|’)?s)\s+for\s+an?\s+${WORK}\b\)?`,
    String.raw`\bi\s+keep\s+(?:seeing|hearing|reading(?: about)?|coming across)\s+`,
    // "i thought they touched", "i think the paper has a bigger number": what the asker
    // believes is the claim, not "thought" (searched as "though").
    String.raw`(?:(?:^|(?<=[.!?,]\s)|(?<=\?\s*))\s*(?:but\s+|and\s+|so\s+)?|\b(?:but|and|though)\s+)i\s+(?:thought|think|believed?|assumed|figured|guess|suppose|reckon)\s+(?:that\s+)?`,
    // "i heard the pm there is always from the north": what the asker has heard is the claim, not "heard".
    String.raw`(?:^|(?<=[.!?,]\s))\s*(?:so\s+)?i(?:(?:'|’)ve|\s+have)?\s+(?:heard|read)\s+(?:somewhere\s+)?(?:that\s+)?`,
    // "my essay argues that …", "a classmate says …": whose claim it is, not what it claims.
    String.raw`\b(?:my|our)\s+${WORK}\s+(?:argues|says|claims|suggests|is about|looks at)\s+(?:that\s+)?`,
    String.raw`\b(?:a|my|one|our)\s+(?:classmate|friend|colleague|prof|professor|teacher|tutor|lecturer|supervisor)\s+(?:says|said|thinks|argues|argued|claims|claimed|told me)\s+(?:that\s+)?`,
    String.raw`\bi(?:'|’)?m\s+not\s+(?:(?:really|quite|totally|entirely)\s+)?(?:sure|clear|certain)\s+(?:about\s+|of\s+)?`,
  ].join('|'),
  'giu',
);

/**
 * A sentence about the asker's own circumstances after the question ("… means in this
 * paper? my prof keeps throwing the term around"): "my prof", "my classmate", "our seminar"
 * are who asks, not what. (Before the question it may be what is asked about: "my prof says
 * Mongolia is a weak state. is that right?")
 */
const ASKER_SENTENCE = /^(?:(?:but|and|so|because|since)\s+)?(?:my|our)\s+(?:prof|professor|teacher|tutor|lecturer|supervisor|advisor|classmates?|friends?|boss|editor|colleagues?|class|seminar|group|course)\b/i;

function withoutAskerSentences(text: string): string {
  const sentences = text.split(/(?<=[.!?])\s+/);
  if (sentences.length < 2 || !sentences.some((x) => /\?\s*$/.test(x))) return text;
  const lastAsked = sentences.map((x) => /\?\s*$/.test(x)).lastIndexOf(true);
  const kept = sentences.filter((x, i) => i <= lastAsked || !ASKER_SENTENCE.test(x));
  return kept.length ? kept.join(' ') : text;
}

/**
 * Idioms that say nothing of the topic: "who set up the SCO in the first place?" asks who set
 * it up, and "first" and "place" would be searched as rare words of their own.
 */
const EMPTY_IDIOM = /\b(?:in the first place|at the end of the day|so to speak|if you will|for what it(?:'|’)?s worth)\b/gi;

const DEAL_IDIOM = /^what(?:'|’)?s\s+(?:the\s+)?(?:deal|story|situation|score)\b/i;

export function withoutChatNoise(raw: string): string {
  let s = withoutAskerSentences(raw.replace(URL, ' ').replace(CHAT_NARRATIVE, ' ').replace(EMPTY_IDIOM, ' ').replace(/\s+/g, ' ').replace(/^[\s:;,.!-]+/, ''));
  if (/\p{Lu}{2}/u.test(s) && !/\p{Ll}/u.test(s)) s = s.toLowerCase();
  // (Twice: "sorry, quick question: …".)
  for (let i = 0; i < 2; i++) {
    const opener = CHAT_OPENER.exec(s);
    if (!opener) break;
    const rest = s.slice(opener.index + opener[0].length);
    // ("what's the deal with X" reads, and is shown, as "what about X".)
    s = DEAL_IDIOM.test(opener[0]) ? `what about ${rest.replace(/^(?:with|w\/)\s+/i, '')}` : rest;
  }
  s = s.replace(CHAT_CLOSER, (closer) => (/\?/.test(closer) ? '?' : ''));
  return s.trim() ? s.trim() : raw;
}

