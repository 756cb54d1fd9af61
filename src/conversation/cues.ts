import { analyze } from '../search/analyzer.js';

/**
 * How people follow up, as patterns: the cues resolve.ts reads a turn by. General English
 * for conversation ("and …?", "the other way round", "who said that?"), never phrases of
 * particular questions.
 */

/** "go on", "continue", "keep going": read on from the passage shown (not the next passages found: "more"). */
export const READ_ON = /^(?:(?:pls|please)\s+)?(?:go on|continue|keep going|carry on|read on|keep reading|and then|then|then what|what comes next|what(?:'s|’s| is) next|what follows|and after that)(?:\s+(?:please|pls|plz|reading))?[\s?.!…]*$/iu;
export const PAGING = /^(?:(?:pls|plz|please) (?:more|next)|more|next|next one|next page|show (?:me )?more|more (?:please|pls|plz|passages|results|of that)|next (?:please|pls|plz)|go on|continue|keep going|and|and then|then|then what|anything (?:else|more)|what else|(?:show me |give me )?(?:another|other) (?:one|passages?|results?)|(?:is there |got )?anything else(?: on (?:that|this|it))?)[\s.!?]*$/i;

/** After an item of a list: "the next one", "the one after that", "the previous one". */
export const NEXT_ITEM = /^(?:what about |how about )?(?:the )?(?:(next|following|previous|preceding)(?: one| item| point| factor| reason)?|one (after|before)(?: that| it)?)[\s?.!]*$/i;

/** One claim of what was said, named by its words: "the pollution bit", "the Kyrgyz embassy claim". */
const CLAIM_WORDS = String.raw`[\p{L}\d'’"“” -]{2,40}?`;
const CLAIM_NOUNS = String.raw`(?:bit|part|claim|point|line|quote|sentence)s?`;
const BIT_NOUNS = String.raw`(?:${CLAIM_NOUNS}|(?:figure|number|stat|statistic)s?)`;
const BIT = String.raw`${CLAIM_WORDS} ${BIT_NOUNS}`;
// (A figure's words are not looked for: "who compiled that China figure?" has the figure's own source.)
const BIT_NAMED = new RegExp(String.raw`\b(?:the|that|this)\s+(${CLAIM_WORDS})\s+${CLAIM_NOUNS}\b`, 'iu');

/**
 * The words of the claim a source question names ("source for the pollution bit?" →
 * "pollution"), or null when it names none ("source?", "who said that?").
 */
export function sourceFocus(asked: string): string | null {
  const m = BIT_NAMED.exec(asked);
  const words = m?.[1]?.replace(/["“”'‘’]/g, ' ').trim();
  return words && analyze(words).length ? words : null;
}

/** "… and when?" after a source question. */
const WHEN_TOO = String.raw`(?:and|&|n)\s+(?:when|what year|in what year|on what date)`;

export const SOURCE_QUESTION = new RegExp(
  '^(?:' +
    [
      String.raw`who (?:said|says|wrote|writes|argued|argues|claims|claimed|thinks|believes|is saying|made|makes|built|created|developed|designed|released|introduced) (?:that|this|it|so)(?: claim| point| argument)?`,
      // "who reported on that?", "who found that?": the study or writer behind the finding.
      String.raw`who (?:reported|reports|found|finds|showed|shows|noted|notes|observed|documented|discovered|estimated|measured|wrote about|said so)(?: (?:on|about))? (?:that|this|it|so|them|those|these)`,
      String.raw`who(?:'s|’s| is| was) (?:the )?(?:author|source|writer)(?: (?:for|of|behind|on) (?:that|this|it))?`,
      // "which congressman was it?", "which official said that?": the one speaking in the record or transcript.
      String.raw`(?:which|what) (?:congress(?:wo)?man|senator|representative|member|official|speaker|minister|politician|diplomat|person|guy|lady) (?:was (?:it|that|this)|is (?:it|that|this)|said (?:it|that|this)|says (?:it|that|this)|was speaking|gave (?:it|that|this|the speech))`,
      // "source for him?": the work the person quoted before is cited to.
      String.raw`(?:the |any )?(?:source|citation|reference|ref)s? (?:for|on|of|behind) (?:him|her|them)`,
      // "source for the pollution bit?", "where is the Kyrgyz embassy claim sourced from?": the
      // source of one claim of what was said, named by its words (see \`sourceFocus\`).
      String.raw`(?:the |any )?(?:source|citation|reference|ref)s? (?:for|on|of|behind) (?:the|that|this) ${BIT}`,
      String.raw`where (?:is|was|are|were|does|did) (?:the|that|this|those|these) ${BIT}(?: (?:sourced|taken|coming|come|comes))? from`,
      // "what's the article it cites for that, title?", "where he wrote this, in which publication?",
      // "that book in the refs? publisher?": the work cited for what was said, its title or venue.
      String.raw`what(?:'s|’s| is| was) the (?:article|paper|book|piece|work|study|report|source) (?:it|he|she|they|the (?:author|article|paper)) (?:cites?|quotes?|uses?|draws on)(?: (?:for|on) (?:that|this|it))?(?:,? (?:title|name|called|titled)\??)?`,
      String.raw`(?:that|this) (?:book|paper|article|piece|work|study|report)(?: in the (?:refs|references|bibliography))?(?:\??,? (?:publisher|title|journal|venue|year|name|who published it))?`,
      String.raw`where (?:did )?(?:he|she|they) (?:wrote|write|published|publish) (?:this|that|it)(?:,? in (?:which|what) (?:publication|journal|outlet|book|paper|venue))?`,
      String.raw`what(?:'s|’s| is| are| were) (?:the |your |its |their )?(?:source|citation|reference|evidence)s?(?: (?:for|on|of|behind) (?:that|this|it|these|those))?`,
      String.raw`(?:any |the )?(?:source|citation|reference|cite)s?(?: (?:please|pls|(?:for|on|of) (?:that|this|it|these|those)))?`,
      String.raw`where (?:is|does|did) (?:that|this|it) (?:come )?from`,
      String.raw`where(?:'s|’s| is) (?:that|this) from`,
      String.raw`(?:which|what) (?:paper|article|document|source|text|book)(?: (?:is|was|says) (?:that|this|it))?(?: from)?`,
      String.raw`who wrote (?:it|this|that|the (?:article|paper|piece|text|study|op-?ed))`,
      String.raw`who wrote (?:that|this|the) (?:part|bit|passage|section|line|sentence|paragraph|quote)`,
      String.raw`(?:what|which) page(?: (?:is|was) (?:that|this|it)(?: on| from)?)?`,
      String.raw`(?:page|link|url|doi|reference|quote)s?(?: (?:please|pls|for (?:that|this|it)))?`,
      String.raw`where (?:does|did) (?:it|the (?:article|paper|text|author)) say (?:that|this|so)`,
      String.raw`(?:can you |could you )?(?:quote|cite|show) (?:me )?(?:that|this|it|the (?:exact |full |whole |original )?(?:passage|source|sentence|text|quote|wording|words))(?: (?:please|exactly|in full|whole))?`,
      String.raw`(?:is there|got|do you have|(?:can you |could you )?(?:give|send|share) me) (?:a |the |an? )?(?:link|url|doi)(?: (?:to|for) (?:that|this|it|the (?:article|paper|piece|source|op-?ed)))?`,
      String.raw`says who`,
      // "who compiled that China figure?", "where are those trade numbers from?": a figure's source.
      String.raw`who (?:compiled|collected|gathered|produced|calculated|counted|measured|put together|came up with) (?:that|this|the|those|these)(?: [\p{L}-]+){0,2} (?:figures?|numbers?|data|statistics?|stats|estimates?|counts?)`,
      String.raw`where (?:is|are|does|do|did) (?:that|this|the|those|these)(?: [\p{L}-]+){0,2} (?:figures?|numbers?|data|statistics?|stats|estimates?|counts?) (?:come )?from`,
      // "whose argument is that?", "who's argument", "whos idea": the one it is said by (as typed, "who's" too).
      String.raw`who(?:se|'s|’s|s) (?:argument|claim|idea|view|point|theory|finding|line|words)(?: (?:is|was) (?:that|this|it))?`,
      // "exact quote?", "word for word?", "verbatim pls": the words as the source has them.
      String.raw`(?:(?:can i get|give me|got) )?(?:the |an? )?(?:exact|full|whole|original|direct|verbatim|actual) (?:quote|quotation|wording|words|text|passage|sentence)(?: (?:please|pls|for (?:that|this|it)))?`,
      String.raw`(?:word for word|verbatim|in (?:its|their|his|her) (?:own )?words)(?: (?:please|pls))?`,
      // Chat's own words for it: "sauce?", "src?".
      String.raw`(?:sauce|src|srcs)`,
      String.raw`(?:can|could|may) (?:i|we) (?:get|have|see) (?:the |a |its )?(?:source|citation|reference|link)s?(?: (?:for|to|of) (?:that|this|it))?(?: please| pls)?`,
      String.raw`who(?:'s|’s| is| was) (?:that|this|the) (?:quote|quotation|line|claim)(?: from| by)?`,
      // "citation needed", "[source?]": the wiki reader's ask for the source. ("proof?" asks for support.)
      String.raw`\[?(?:citation|source|reference)s? (?:needed|required|missing)\]?`,
      String.raw`\[?(?:citation|source)\??\]?`,
      String.raw`according to (?:whom|who)`,
      // "where does that number come from?", "where did you get that?"
      String.raw`where (?:does|did|do) (?:that|this|it|these|those)(?: [\p{L}-]+)? (?:come|came) from`,
      String.raw`where (?:did|do|does) (?:you|they|he|she|it|the (?:author|article|paper)) (?:get|find|take|have) (?:that|this|it|these|those)(?: [\p{L}-]+)?(?: from)?`,
      String.raw`what(?:'s|’s| is| are| were) (?:the |your |its |their )?(?:source|citation|reference|evidence)s? (?:for|on|of|behind) (?:that|this|it|these|those) [\p{L}-]+`,
      String.raw`(?:which|what) (?:study|report|piece|work|publication|survey|statistics?|data(?:set)?)(?: (?:is|was|are|were|says) (?:that|this|it|these|those))?(?: (?:from|based on))?`,
      String.raw`who(?:'s|’s| is| was) (?:that|this|it) (?:from|by)`,
      String.raw`(?:is there|are there|got|do you have) (?:an? |any )?(?:sources?|citations?|references?)(?: (?:for|on) (?:that|this|it))?`,
      String.raw`(?:who|what) (?:are|is|does|did|do) (?:they|he|she|it|the (?:author|article|paper|text)) (?:citing|cite|quoting|quote|relying on|rely on)`,
      String.raw`whose (?:figures?|numbers?|data|estimates?|claim|words?|idea|argument|view|quote) (?:is|are|was|were) (?:that|this|these|those|it)`,
      String.raw`what(?:'s|’s| is| was| are| were) (?:that|this|it|these|those)(?: [\p{L}-]+)? based on`,
      String.raw`based on what`,
      // "who's cited for that?", "who is quoted on this?": the work the claim is cited to.
      String.raw`(?:who|what|which (?:works?|sources?|authors?|studies|papers?))(?:'s|’s| is| was| are| were) (?:cited|quoted|referenced|credited)(?: (?:for|on|about|behind|with) (?:that|this|it|these|those)(?: (?:claim|point|idea|argument|figure|number))?)?`,
      String.raw`who (?:came up with|coined|invented|introduced) (?:(?:that|this|it)(?: (?:concept|idea|term|notion|theory|argument|claim|phrase|label|word|name))?|the (?:concept|idea|term|notion|theory|phrase|label|word|name))`,
      String.raw`how do (?:you|they|we) know(?: (?:that|this))?`,
    ].join('|') +
    // ("who said that, and when?": whose, and the date of the document it is said in.)
    String.raw`)(?:,?\s*${WHEN_TOO}(?: (?:was|did|is) (?:that|it|this)(?: (?:said|written|published|made))?)?)?\s*[?.!]*$`,
  'iu',
);
/** "the kyrgyzstan visitor bit — what's the source for that?": the claim named, then the source question. */
const BIT_THEN_QUESTION = new RegExp(String.raw`^(?:the|that|this)\s+${CLAIM_WORDS}\s+${BIT_NOUNS}\s*(?:[—–:,?]|\s-)\s*(.+)$`, 'iu');

/** A source question, or a claim named and then one. */
export function isSourceQuestion(core: string): boolean {
  if (SOURCE_QUESTION.test(core)) return true;
  const then = BIT_THEN_QUESTION.exec(core);
  return !!then && SOURCE_QUESTION.test(then[1]!.trim());
}

/** A source question that asks when, too: "who said that, and when?". */
export const AND_WHEN = new RegExp(String.raw`\b${WHEN_TOO}\b`, 'i');

/**
 * "tl;dr?", "summarize that in one sentence", "what's the bottom line?", "in plain English?":
 * the answer before in short — its best sentence, as written (Steppe quotes; it does not
 * paraphrase, so the plainest it can say is the one sentence that answers).
 */
export const GIST_REQUEST = /^(?:(?:and|so|ok|okay|but)\s+)?(?:tl;?dr|tldr|(?:can you |could you |please )?summ?ari[sz]e(?: (?:that|this|it))?(?: (?:for me|briefly|in short))?(?: (?:in|into) (?:one|a|1|a single) (?:sentence|line))?|(?:in|give me) (?:one|a|1|a single) (?:sentence|line)|(?:give me |what(?:'s|’s|s| is) )?(?:the |a )?(?:short|shorter|quick|one-line) version|in short|(?:so )?in a nutshell|(?:what(?:'s|’s|s| is) )?the (?:gist|bottom line|takeaway|key point)(?: (?:of (?:that|this|it)|here))?|(?:so )?what(?:'s|’s|s| is) the upshot|(?:can you |could you )?(?:explain|say|put) (?:that|this|it) (?:more )?(?:simply|plainly|in (?:simple|plain) (?:terms|english|words))|(?:what does (?:that|this|it) mean )?in (?:simple|plain) (?:terms|english|words)|eli5|explain (?:it |that |this )?like i(?:'m|’m| am) (?:5|five)|simpler(?: please)?|huh|come again|(?:sorry,? )?(?:i )?(?:don['’]?t|do not|didn['’]?t|did not) (?:get|understand|follow)(?: (?:it|that|this|you))?|(?:can you |could you |please )?(?:rephrase|reword|say) (?:that|this|it)(?: again)?(?: (?:please|pls))?|(?:can you |could you |please )?rephrase(?: (?:please|pls))?)[\s?.!]*$/i;

/** What is cited: "this", "the article", "that paper". */
const CITED = String.raw`(?:this|that|it|them|(?:the|this|that) (?:article|paper|piece|source|op-?ed|text|passage|quote))`;
/** "how do I cite this?", "give me the full reference", "cite it in APA": the document shown, as a reference entry. */
export const CITE_REQUEST = new RegExp(
  '^(?:(?:and|so|ok|okay|but|also)\\s+)?(?:' +
    [
      String.raw`how (?:do|should|would|can|could) (?:i|we|you|one) (?:cite|reference) ${CITED}`,
      String.raw`(?:can you |could you |please )?(?:give me |show me |send me |what(?:'s|’s| is) )?(?:the |a )?(?:full|complete|proper|formal|apa|mla|chicago|harvard) (?:reference|citation|bibliography entry|cite)(?: (?:for|of|to) ${CITED})?`,
      String.raw`(?:can you |could you |please )?cite ${CITED}(?: for me)?(?: (?:in|as) (?:apa|mla|chicago|harvard))?`,
      String.raw`(?:in |as )?(?:apa|mla|chicago|harvard)(?: (?:please|pls|format|style|citation|reference))?`,
    ].join('|') +
    String.raw`)(?:\s+(?:please|pls|thanks))?[\s?.!]*$`,
  'i',
);

export const SUPPORT = /^(?:but\s+)?(?:(?:why+|y)(?: (?:so|not|is that|was that|is this|was this|is it|does it|did it|did they|do they|would that be|would it be))?|why(?:'s|’s) that|what(?:'s|’s| is| was) the reason(?: for (?:that|this|it))?|for what reason|because of what|on what (?:grounds|basis)|what (?:does|did|do) (?:he|she|it|they|the (?:author|article|paper|piece|op-?ed)|[\p{L}-]+) (?:put|attribute|blame|chalk) (?:that|this|it)(?: (?:down|up))? (?:to|on)|why (?:does|did|do|would) (?:he|she|they|the author) (?:think|say|believe|claim) (?:so|that|this)|what for|in what (?:sense|respect)|what do you mean(?: by (?:that|this))?|are you sure|for instance|e\.g\.?|like|(?:any |give me |got )?(?:an)?other examples?|more examples|(?:why|how come)(?: (?:is|was|are|were) (?:it|that|this|they|there))? (?:so|such(?: an?)?) (?:very )?[\p{L}-]+(?: (?:for|in|with|between|among|from|to) [\p{L}'’-]+(?: [\p{L}'’-]+){0,3})?|how so|how come|in what way|any examples?|(?:any |give me |got |for )?(?:an? )?(?:(?:concrete|real|specific|actual|good|practical|recent) )?examples?(?: (?:of (?:that|this|it)|please))?|such as|like what|evidence|proof|explain(?: (?:that|this|it|more|why))?|(?:(?:can|could|would) you |pls |please )?(?:tell me|say|talk) (?:a (?:bit|little) )?more(?: (?:about|on) (?:that|this|it))?(?: please| pls)?|more on (?:that|this)|more details?|(?:(?:can|could|would) you |pls |please )?(?:elaborate|expand)(?: on (?:that|this|it))?(?: please| pls)?|go deeper|really|is that (?:so|true)|how|(?:any |some |got )?(?:evidence|proof|reasons?)(?: for (?:that|this|it))?)(?:\s+(?:from|in)\s+(?:the|this|that|your)\s+(?:text|article|paper|piece|op-?ed|sources?|reading|corpus|docs?|documents?))?(?:[\s,]+(?:please|pls|plz|though|tho|then|exactly|specifically|precisely|concretely|in practice|in particular|again|really))*[\s?.!]*$/iu;

/**
 * "what's the catch?", "any downsides?", "drawbacks?", "what could go wrong?": the limits of what
 * was said before — asked as its concerns and limitations, the words a text uses for them.
 */
export const DRAWBACK = /^(?:(?:but|so|and|ok(?:ay)?)[\s,]+)*(?:what(?:'s|’s| is| are| were| was)\s+the\s+(?:catch|downsides?|drawbacks?|flip ?side|cons|problems?|risks?|limits?|limitations?|obstacles?|snags?)|(?:(?:are|is) there |were there |any |got )(?:any )?(?:catch(?:es)?|downsides?|drawbacks?|cons|snags?|problems?|risks?|limits?|limitations?|obstacles?)|downsides?|drawbacks?|cons|snags?|what (?:could|can|might) go wrong|where(?:'s|’s| is) the catch)(?:\s+(?:to|with|of|for)\s+(?:it|that|this|them|the idea))?(?:[\s,]+(?:though|tho|then|please|pls))*[\s?.!]*$/iu;

/** Openers that mark a continuation: "and …", "what about …". */
/** ("compared to China?", "vs kyrgyzstan?": the question before, set against a new place.) */
export const CONTINUATION = /^(?:and|or|also|plus|what about|how about|what of|same for|and for|and what about|and how about|(?:keep going|go on|carry on|continue)\s*[:,.!–—-]+|(?:and |but )?(?:compared (?:to|with)|in comparison (?:to|with)|as opposed to|versus|vs\.?))(?=[\s,]|$)[\s,]*/i;
export const FILLER = /^(?:(?:ok(?:ay)?|k|so|hm+|um+|uh+|oh|ah|right|well|alright|cool|thanks|thank you|thx|ty|great|interesting|i see|got it|nice|wow|whoa|lol|lmao|haha+|hah|huh|yikes|oof|damn|fair enough|makes sense|hey|hi|hello|yo)(?: steppe| there| bot| all| everyone| everybody| folks| guys| team)?[\s,.!]+)+/i;

// ("what did they send back?": a trade verb with "back" is the flow the other way.)
export const FLIP = /\b(?:flip(?:ped)?(?: (?:it|that|this|them))?(?! ?side)|(?:switch|swap|turn)(?:ed)? (?:it|that|them) (?:a)?round|(?:the )?other (?:way|direction|side)(?: (?:round|around))?|(?:the )?opposite (?:way|direction)|(?:in )?reverse|vice versa|the other way round|(?:sen[dt]|sends|sell|sells|sold|ship|ships|shipped|export|exports|exported)(?: \w+)? back)\b/i;
export const BOTH_WAYS = /\b(?:both (?:ways|directions|sides)|(?:in )?each direction|each way|two-way)\b/i;
export const YEAR = /\b(?:1[89]\d\d|20\d\d)\b/g;
/** A decade as people write it ("the 90s", "the early 2000s", "the 1990s", "the nineties"): a period "back then" can mean. */
export const DECADE = /\b(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?:(?:19|20)\d0s|[’']?\d0s|nineteen[\s-]+(?:sixties|seventies|eighties|nineties)|sixties|seventies|eighties|nineties)\b/gi;
/**
 * "different q:", "unrelated, but …", "changing the subject:": the turn says it starts a new
 * topic — answered on its own, whatever the turns before were about.
 */
export const TOPIC_RESET = /^(?:(?:a\s+)?(?:different|diff|new|separate|other|another|unrelated|random|totally unrelated|off[\s-]topic)(?:\s+(?:q|qn|question|topic|thing))?(?:\s+(?:but|though))?|(?:changing|to change|change of)\s+(?:the\s+)?(?:subject|topic)|on (?:a|an)\s+(?:different|other|unrelated)\s+(?:note|topic))\s*[:,.;!-]+\s*|^(?:unrelated|off[\s-]topic)(?:\s+(?:q|question))?\s+but\s+/i;
export const THAT_YEAR = /\b(?:in )?(?:that|(?:the )?same|this) year\b|\b(?:back )?then\b|\bat (?:that|the) time\b/i;

const COUNT = String.raw`(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})`;
/** "the year after", "the following year", "two years later", "the year before": a year counted from the turn before's. */
export const RELATIVE_YEAR = new RegExp(
  String.raw`\b(?:(?:in |and )?the (?:year|one) (after|before|prior)(?: that)?|(?:in )?(?:the )?(next|following|previous|preceding|prior) year|(${COUNT}) years? (later|after(?:wards)?|on|earlier|before|prior)(?: that)?)\b`,
  'i',
);
const COUNT_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };

/** The year a relative reference means, from the years of the turn before; null if none. */
export function relativeYear(match: RegExpExecArray, years: number[]): number | null {
  if (!years.length) return null;
  const word = (match[1] ?? match[2] ?? match[4] ?? '').toLowerCase();
  const back = /^(?:before|prior|previous|preceding|earlier)$/.test(word);
  const n = match[3] ? (COUNT_WORDS[match[3].toLowerCase()] ?? Number(match[3])) : 1;
  return back ? Math.min(...years) - n : Math.max(...years) + n;
}

export const PERSON_PRONOUN = /\b(he|she|him|his|her|hers|himself|herself)\b/gi;
/** A person the turn itself speaks of, whom its "he" or "his" may mean ("the Kazakh president … his 1993 trip"). */
export const PERSON_NOUN = /\b(?:president|minister|premier|leader|official|diplomat|ambassador|envoy|scholar|author|writer|researcher|academic|expert|analyst|journalist|activist|speaker|chairman|chairwoman|secretary|king|queen|khan|ruler|emperor|man|woman|person|guy|lady)s?\b/i;
/** "they", "them", "their": in a follow-up, most often the places (or parties) talked about. */
export const THEY = /\b(?:they|them|their|theirs)\b/i;
/** References that always lean on what came before, whatever else the turn names. */
export const STRONG_ANAPHORA = /\b(?:(?:any |some |more )?(?:other|more|further) (?:examples?|cases?|instances?)|(?:the|that|this) (?:one|other one|latter|former)|which (?:one|ones|of them|of those|of these)\b|the other ones?|those ones|the same (?:things?|ones?|way|points?|ones again|figures?|numbers?|reasons?)|(?:that|this|the same) (?:region|country|place|area|city|province|part of the world)|^(?:and |so |ok )?(?:who|what|where|which ones?) else\b)\b/i;
// ("there" as a place, not the "there is" of existence: "is there a window closing?" points nowhere.)
export const OTHER_ANAPHORA = /\b(?:they|them|their|theirs|it|its|this|that|these|those|(?<!\b(?:is|are|was|were|be|any)\s)there(?!\s*(?:is|are|was|were|'s|’s|been|will be|would be)\b)|each other|one another|the same|the two|both)\b|\b(?:as|be|become|have|has|had|get|got|want|wants|need|needs|sign|signed|open|opened|join|joined)\s+(?:one|ones)\b|\bones? (?:too|as well|also)\b/i;
/** Words in a follow-up that carry no topic of their own. */
export const GENERIC = new Set(analyze('one thing way direction side think say said mean happen happened matter matters really also still just same explain tell more detail example question answer point'));

/**
 * "do they agree?", "do the two articles say the same?", "is there any disagreement between
 * the sources?": the question before, asked of each source apart (compareSources.ts).
 */
const SOURCES = String.raw`(?:the (?:two |both )?|both (?:of the )?|all (?:the )?)?(?:articles|papers|sources|texts|authors|pieces|documents|writers)`;
export const SOURCES_COMPARED = new RegExp(
  String.raw`^(?:(?:and|so|but|ok|okay)\s+)?(?:` +
    [
      String.raw`(?:do|does|did|would)\s+(?:they|both(?: of them)?|${SOURCES})\s+(?:(?:actually|really|even|both|all)\s+)?(?:agree|disagree|differ|concur|contradict each other|say the same(?: thing)?|see it the same way|line up|match)`,
      String.raw`(?:is|are) there (?:any |a )?(?:disagreements?|differences?|conflicts?|contradictions?)(?: between (?:them|${SOURCES}))?`,
      String.raw`(?:any |a )?(?:disagreements?|differences?|conflicts?|contradictions?) between (?:them|${SOURCES})`,
      String.raw`(?:what|how) do ${SOURCES} (?:say|compare)`,
      String.raw`compare ${SOURCES}`,
    ].join('|') +
    String.raw`)(?:\s+(?:on|about|over|with)\s+(?:that|this|it|each other|this point|that point|the numbers?|the figures?))?(?:\s+(?:or not|at all))?[\s?.!]*$`,
  'i',
);

/**
 * "any counterarguments?", "does anyone disagree?", "is there another view?": what the other
 * sources say on the question before, beside the one that answered it (compareSources.ts).
 * (Not "the other article", which names one document: OTHER_DOCUMENT.)
 */
export const OTHER_VIEWS = new RegExp(
  String.raw`^(?:(?:and|so|but|ok|okay|hmm)[\s,]+)?(?:` +
    [
      String.raw`(?:(?:are|is) there |any(?:thing)? |got any |what are (?:the |some )?)?(?:any |some |an? )?(?:counter-?arguments?|counter-?points?|counter-?claims?|objections?|criticisms?|critiques?|opposing (?:views?|arguments?)|different (?:views?|opinions?|takes?)|(?:other|another|alternative) (?:views?|perspectives?|opinions?|takes?|sides?|interpretations?)|the other side(?: of (?:it|this|that|the argument))?)`,
      String.raw`(?:does|do|did) (?:anyone|anybody|any(?:one|body) else|others|other (?:sources|authors|scholars|people|writers)) (?:else )?(?:disagree|agree|say otherwise|see it differently|argue otherwise|think otherwise|push back)`,
      String.raw`(?:anyone|anybody)(?: else)? (?:disagree|agree|say otherwise|see it differently|push back)`,
      String.raw`what do (?:others|other (?:sources|authors|scholars|people|writers)) (?:say|think|argue)`,
      String.raw`(?:is|was) (?:that|this|it) (?:contested|disputed|controversial)`,
    ].join('|') +
    String.raw`)(?:\s+(?:to|on|of|about|with|against)\s+(?:that|this|it|him|her|them|this point|that point|the argument|that argument|that claim))?(?:\s+(?:at all|though|then))?[\s?.!]*$`,
  'i',
);

/**
 * "what do both articles say about Russia?", "how do the sources differ on the BRI?": a topic
 * asked of each source apart (group 1: the topic).
 */
export const SOURCES_ON = new RegExp(
  String.raw`^(?:(?:and|so|but|ok|okay)\s+)?(?:what|how) do ${SOURCES}(?: each)? (?:say|think|write|argue|claim|conclude|compare|differ|disagree|agree)(?: each)? (?:about|on|regarding|over|concerning) (.+?)[\s?.!]*$`,
  'i',
);

/** "who is right?", "which one should I believe?": a judgement between the sources, which Steppe leaves to the reader. */
export const SOURCES_JUDGED = /^(?:(?:and|so|but|ok|okay)\s+)?(?:(?:who|which(?: one| source| article| paper| author)?)(?:'s|’s|\s+is|\s+was)\s+(?:right|correct|more (?:accurate|reliable|credible|convincing)|telling the truth)|(?:who|which(?: one| source| article| paper| author)?)\s+(?:should|do|can|would)\s+(?:i|we|you)\s+(?:believe|trust|go with))[\s?.!]*$/i;

/** "the other article", "the other one": the document the last answer did not come from. */
export const OTHER_DOCUMENT = /\bthe other (?:article|paper|piece|text|document|source|study|op-?ed|essay|report|author)\b/i;
/** Words a turn about what a document says uses without naming a topic. */
/** How a party met what came before: "how did China react?" asks about the previous answer's matter. */
/** "does Japan count?", "does Russia qualify?": whether the party is one of what was said before. */
/** ("is Mongolia a member?", "did Mongolia join?" after "what's the SCO?": of what was asked about.) */
export const QUALIFIES = new Set(analyze('count counts counted qualify qualifies qualified fit fits belong belongs included member members membership join joins joined'));

export const REACTS = new Set(analyze('react reacts reacted reaction respond responds responded response reply replied feel felt perceive perceived regard regarded handle handled deal dealt see saw view viewed think thought take took'));
export const SAYS = new Set(analyze('say says said think thinks argue argues claim claims write writes wrote tell tells mention mentions describe describes agree agrees disagree put view take according about on this that matter topic same thing what different differently something anything else otherwise'));

// ("when was it announced?" asks about the matter: a bare "when was" is no question about the document.)
// ("the author's takeaway from all that", "the authors' view": what the author thinks, the matter — not who wrote it.)
// (Not the authors as who says a thing: "how do the authors explain that?" asks of the matter.)
export const META_ABOUT_IT = /\b(?:publish(?:ed)?|written|wrote|write|author(?:s|ed)?(?!['’])(?!\s+(?:explain|say|argue|think|claim|suggest|mean|propose|describe|conclude|find|found|recommend|attribute|blame|make of|account for)\b)|venue|journal|outlet|doi|come out|came out|issued)\b/i;
export const IT_REFERENCE = /\b(?:it|its|this|that|the (?:article|paper|piece|text|study|op-?ed|essay))\b/i;

export function stripFillers(text: string): { core: string; continues: boolean } {
  // Chat shorthand: "w/" is "with", "w/o" "without" ("who came up w/ that?").
  let core = text.trim().replace(FILLER, '').replace(/(^|\s)w\/o(?=\s|$)/gi, '$1without').replace(/(^|\s)w\/(?=\s|$)/gi, '$1with');
  const continues = CONTINUATION.test(core);
  // ("shorter version pls", "source? thx": the politeness after the ask is not part of it.)
  // ("kazakhstan too tho?", "and kyrgyzstan anyway?": nor the shrug closing it.)
  core = core.replace(CONTINUATION, '').replace(/(?<=[^\s,])[\s,]+(?:please|pls|plz|thanks|thank you|thx|ty|though|tho|anyway|anyways|i (?:assume|guess|suppose|presume|reckon|imagine|bet))[\s?.!]*$/i, (m) => (m.includes('?') ? '?' : '')).trim();
  return { core: core || text.trim(), continues };
}

/**
 * A turn that only means something after an answer ("do they agree?", "who is right?", "how
 * do I cite this?"), asked first: what to say instead of searching its words. Null otherwise.
 */
export function needsAnAnswerBefore(turn: string): string | null {
  const { core } = stripFillers(turn);
  if (SOURCES_COMPARED.test(core) || SOURCES_JUDGED.test(core)) return 'Ask a question first; then “do they agree?” sets the sources’ answers to it side by side.';
  if (CITE_REQUEST.test(core)) return 'There is no answer yet to cite: ask a question, then “how do I cite this?” gives the reference of the passage shown. `/cite` shows any bibliography entry.';
  // ("who said that?", "tl;dr", "more pls" with nothing said yet: searching "said", "more" finds nothing meant.)
  if (SOURCE_QUESTION.test(core)) return 'There is no answer yet to give the source of: ask a question, then “source?” or “who said that?” names where the passage shown comes from.';
  if (GIST_REQUEST.test(core)) return 'There is no answer yet to sum up: ask a question first, then “tl;dr” or “huh?” gives it in short.';
  if (READ_ON.test(core)) return 'There is nothing to read on from yet: ask a question first, then “go on” reads on from the passage shown, and “more” shows the next passages.';
  if (PAGING.test(core)) return 'There is nothing to page yet: ask a question first, then “more” shows the next passages.';
  // ("flip it", "the other way round?" with nothing asked: no flow to turn round.)
  if (FLIP.test(core) && analyze(core.replace(new RegExp(FLIP.source, 'gi'), ' ')).every((t) => GENERIC.has(t))) return 'There is nothing to turn round yet: ask about a flow first (“how much did Mongolia export to Kazakhstan in 2019?”), then “the other way round?” asks it the other way.';
  return null;
}
