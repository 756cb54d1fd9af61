/**
 * Query expansion, kept as data in one place. Each group lists words a reader may use for
 * the same thing; a query word from a group also searches for the others, down-weighted
 * (see `EXPANSION_BOOST` in analyzer.ts) so an exact match still ranks first.
 *
 * Multi-word entries are phrases: an acronym expands to each word of its long form, and a
 * long form in the question expands to the acronym.
 */

/** Acronyms used in the field, with their long forms. More are mined from the corpus itself. */
export const ACRONYMS: Record<string, string[]> = {
  bri: ['belt and road initiative', 'belt and road'],
  obor: ['one belt one road', 'belt and road'],
  sreb: ['silk road economic belt'],
  serb: ['silk road economic belt'],
  sco: ['shanghai cooperation organization'],
  csto: ['collective security treaty organization'],
  eaeu: ['eurasian economic union'],
  eeu: ['eurasian economic union'],
  cis: ['commonwealth of independent states'],
  osce: ['organization for security and co-operation in europe'],
  csce: ['conference on security and co-operation in europe'],
  fdi: ['foreign direct investment'],
  eu: ['european union'],
  nato: ['north atlantic treaty organization'],
  un: ['united nations'],
  ussr: ['soviet union'],
  prc: ['people republic china'],
  us: ['united states'],
  usa: ['united states'],
  uk: ['united kingdom'],
  ir: ['international relations'],
  gdp: ['gross domestic product'],
  wto: ['world trade organization'],
  aiib: ['asian infrastructure investment bank'],
  // Not an acronym but a short name used the same way: "the Stans" are the Central Asian republics.
  stans: ['central asia', 'central asian'],
};

/** Countries with their demonyms, ethnonyms, adjectives and capitals. */
export const PLACES: string[][] = [
  ['mongolia', 'mongolian', 'mongolians', 'mongol', 'mongols', 'ulaanbaatar', 'ulan bator'],
  ['kazakhstan', 'kazakh', 'kazakhs', 'kazakhstani', 'kazakhstanis', 'astana', 'nur-sultan', 'almaty'],
  ['kyrgyzstan', 'kyrgyz', 'kyrgyzstani', 'kyrgyzstanis', 'kirghiz', 'kirgiz', 'bishkek'],
  ['uzbekistan', 'uzbek', 'uzbeks', 'tashkent'],
  ['tajikistan', 'tajik', 'tajiks', 'dushanbe'],
  ['turkmenistan', 'turkmen', 'ashgabat'],
  ['china', 'chinese', 'beijing', 'prc'],
  ['russia', 'russian', 'russians', 'moscow', 'kremlin', 'tsarist', 'czarist'],
  ['japan', 'japanese', 'tokyo'],
  ['korea', 'korean', 'koreans', 'seoul'],
  ['turkey', 'turkish', 'ankara'],
  ['india', 'indian', 'delhi'],
  ['america', 'american', 'americans', 'washington'],
  ['soviet', 'ussr', 'soviets'],
  ['xinjiang', 'uyghur', 'uyghurs', 'uighur', 'uighurs'],
  ['asia', 'asian', 'asians'],
  ['europe', 'european', 'europeans'],
  ['eurasia', 'eurasian', 'eurasians'],
  ['afghanistan', 'afghan', 'afghans', 'kabul'],
  ['iran', 'iranian', 'iranians', 'tehran'],
  ['pakistan', 'pakistani', 'pakistanis', 'islamabad'],
  ['tibet', 'tibetan', 'tibetans', 'lhasa'],
  ['ukraine', 'ukrainian', 'ukrainians', 'kyiv', 'kiev'],
];

/** British and American spellings that the stemmer does not join. */
export const SPELLINGS: string[][] = [
  ['neighbour', 'neighbor'],
  ['neighbours', 'neighbors'],
  ['neighbouring', 'neighboring'],
  ['behaviour', 'behavior'],
  ['centre', 'center'],
  ['programme', 'program'],
  ['defence', 'defense'],
  ['labour', 'labor'],
  ['favour', 'favor'],
  ['travelled', 'traveled'],
  ['travelling', 'traveling'],
  ['lynchpin', 'linchpin'],
  ['kilometre', 'kilometer'],
  ['kilometres', 'kilometers'],
];

/**
 * General near-synonyms a reader of this field uses interchangeably. Not tied to any
 * question: each group is a family of everyday words for one idea.
 */
export const SYNONYMS: string[][] = [
  ['travel', 'visit', 'visitor', 'tourist', 'tourism', 'trip'],
  ['trade', 'export', 'import', 'commerce', 'turnover'],
  ['buy', 'import', 'purchase'],
  ['sell', 'export', 'sale'],
  ['investment', 'investor', 'invest', 'fdi', 'capital'],
  ['student', 'education', 'university', 'scholarship'],
  ['religion', 'religious', 'faith', 'belief', 'islam', 'buddhism', 'shamanism'],
  ['protest', 'rally', 'demonstration', 'unrest', 'sinophobia'],
  ['return', 'repatriation', 'repatriate', 'returnee', 'resettle', 'migrate', 'migration', 'emigrate', 'emigration', 'emigrant', 'leave'],
  ['treaty', 'agreement', 'accord', 'pact'],
  ['sign', 'conclude', 'ink'],
  ['cooperation', 'collaboration', 'partnership', 'coordination'],
  ['relation', 'relationship', 'tie', 'link', 'connection', 'contact', 'interaction', 'interact'],
  ['weak', 'small', 'minor'],
  ['big', 'large', 'great', 'major'],
  ['fail', 'failure', 'collapse', 'stagnation', 'stagnant'],
  ['reason', 'cause', 'explain', 'because', 'due'],
  ['organisation', 'organization', 'institution', 'body'],
  ['pipeline', 'gas', 'energy'],
  ['activist', 'dissident', 'critic', 'campaigner'],
  ['debt', 'loan', 'borrowing', 'owe'],
  ['people', 'population', 'citizen', 'inhabitant'],
  ['border', 'frontier', 'boundary'],
  ['embassy', 'consulate', 'diplomatic'],
  ['flight', 'air', 'airline'],
  ['vision', 'concept', 'idea', 'view'],
  ['important', 'key', 'critical', 'crucial', 'lynchpin'],
  ['member', 'belong', 'membership', 'join'],
  ['write', 'argue', 'say', 'discuss', 'claim'],
  ['project', 'investment', 'infrastructure'],
  ['state', 'country', 'nation', 'republic'],
  ['similar', 'similarity', 'alike', 'akin', 'resemble', 'resemblance', 'comparable'],
  ['different', 'difference', 'differ', 'unlike', 'distinct', 'contrast'],
  ['barrier', 'obstacle', 'hindrance', 'hinder', 'impediment', 'impede', 'constraint', 'limitation', 'hurdle', 'obstruct'],
  ['lack', 'absence', 'absent', 'missing', 'deficit', 'shortage'],
  ['limitation', 'shortcoming', 'drawback', 'flaw', 'weakness', 'problem', 'wrong'],
  ['exclude', 'exclusion', 'omit', 'missing'],
  ['evidence', 'sign', 'indication', 'indicator', 'signal'],
  ['recent', 'recently', 'lately', 'latest'],
  ['basic', 'fundamental', 'underlying', 'essential'],
  ['aim', 'goal', 'purpose', 'objective', 'intention', 'want', 'seek'],
  ['harm', 'hurt', 'damage', 'undermine', 'hamper', 'weaken'],
  ['ally', 'alliance', 'align', 'alignment', 'coalition', 'bloc'],
  ['threat', 'danger', 'risk', 'threaten'],
  ['increase', 'grow', 'growth', 'rise', 'expand'],
  ['decrease', 'decline', 'drop', 'shrink', 'reduce'],
  ['begin', 'start', 'commence', 'launch', 'initiate'],
  ['restore', 'resume', 'resumption', 'reinstate', 'revive'],
  ['stop', 'cancel', 'halt', 'suspend', 'discontinue', 'cease', 'scrap'],
  ['friendly', 'friendlier', 'warmer', 'rapprochement'],
  ['scheme', 'program', 'programme', 'plan'],
  ['violence', 'violent', 'riot', 'unrest', 'turmoil', 'clash', 'bloodshed'],
  ['language', 'linguistic', 'speaker', 'speak', 'spoken', 'tongue'],
  // One man's names, as English and Mongolian spell them.
  ['chinggis', 'genghis', 'jenghiz', 'temujin'],
  // (Asked whether a policy is consistent, the text answers that it is incoherent, erratic.)
  ['consistent', 'consistency', 'inconsistent', 'coherent', 'coherence', 'incoherent', 'incoherence', 'erratic', 'contradictory'],
  ['establish', 'establishment', 'create', 'creation', 'found', 'founder', 'founding'],
  ['influence', 'clout', 'leverage', 'sway'],
  ['strategy', 'policy', 'approach', 'doctrine'],
  ['concern', 'worry', 'fear', 'anxiety', 'apprehension', 'unease'],
  ['definition', 'define', 'meaning', 'mean', 'notion'],
  // How research is done and reported, in everyday words and a paper's: any field's papers.
  ['satisfied', 'satisfaction', 'happy', 'pleased'],
  ['compliance', 'comply', 'adherence', 'adhere'],
  ['respond', 'response', 'respondent', 'reply', 'answer'],
  ['participant', 'respondent', 'interviewee', 'volunteer', 'recruit'],
  ['repeat', 'rerun', 'redo', 'replicate', 'replication', 'reproduce', 'reproducible', 'reproducibility'],
  ['identical', 'match', 'consistent', 'consistency'],
  ['annotate', 'annotation', 'annotator', 'label', 'labelling', 'labeling'],
  ['skip', 'omit', 'omission', 'forgo'],
  ['implement', 'implementation', 'code', 'coded', 'programming', 'script'],
  ['end', 'finish', 'completion', 'complete'],
  ['discard', 'remove', 'removal', 'filter', 'eliminate'],
  ['recommend', 'recommendation', 'guideline', 'advise', 'advice', 'default'],
  ['accurate', 'accuracy', 'reliable', 'reliability', 'validity', 'precise', 'precision'],
  ['cost', 'costly', 'expensive', 'expense', 'effort', 'burden'],
  ['evaluate', 'evaluation', 'assess', 'assessment', 'judge', 'judgment', 'judgement'],
  ['survey', 'questionnaire', 'interview', 'poll'],
];

/**
 * Units as written after a number ("40 kg", "$5 mil", "6 wks"), read as the word they
 * abbreviate on both sides of the index. After a number "kg" is never Kyrgyzstan, nor "mil"
 * military. ("km" is "kilometers" anywhere: a chat word, so "less than 40 kilometers" and
 * "around 37 km" give the same distance.)
 */
export const UNITS_AFTER_NUMBER: Record<string, string> = {
  kg: 'kilograms', kgs: 'kilograms', mil: 'million', mln: 'million', bn: 'billion', bln: 'billion', k: 'thousand',
  hr: 'hours', hrs: 'hours', wk: 'weeks', wks: 'weeks', mo: 'months', mos: 'months', min: 'minutes', mins: 'minutes', mg: 'milligrams',
};

/**
 * Phrasal verbs read as the single verb they mean, in questions and corpus alike (see
 * `joinPhrasalVerbs` in analyzer.ts): "came back" is "returned", "held back" is "hindered".
 */
export const PHRASAL_VERBS: Array<{ verbs: string[]; particle: string; means: string }> = [
  {
    verbs: [
      'come', 'comes', 'came', 'coming', 'go', 'goes', 'went', 'gone', 'going', 'get', 'gets', 'got', 'getting',
      'head', 'heads', 'headed', 'heading', 'move', 'moves', 'moved', 'moving', 'fly', 'flies', 'flew', 'flown', 'flying',
    ],
    particle: 'back',
    means: 'return',
  },
  { verbs: ['bring', 'brings', 'brought', 'bringing'], particle: 'back', means: 'restore' },
  // "has Ulaanbaatar been warming up to Moscow?": becoming friendlier.
  { verbs: ['warm', 'warms', 'warmed', 'warming', 'cozy', 'cozying', 'cosy', 'cosying', 'cozies', 'cozied'], particle: 'up', means: 'friendlier' },
  { verbs: ['hold', 'holds', 'held', 'holding', 'keep', 'keeps', 'kept', 'keeping'], particle: 'back', means: 'hinder' },
  { verbs: ['leave', 'leaves', 'left', 'leaving', 'keep', 'keeps', 'kept', 'keeping', 'shut', 'shuts', 'shutting'], particle: 'out', means: 'exclude' },
  { verbs: ['set', 'sets', 'setting'], particle: 'up', means: 'establish' },
  { verbs: ['break', 'breaks', 'broke', 'broken', 'breaking'], particle: 'up', means: 'breakup' },
  { verbs: ['team', 'teams', 'teamed', 'teaming', 'join', 'joins', 'joined', 'joining'], particle: 'up', means: 'ally' },
  // "little countries ganging up": forming a coalition.
  { verbs: ['gang', 'gangs', 'ganged', 'ganging'], particle: 'up', means: 'ally' },
  { verbs: ['band', 'bands', 'banded', 'banding', 'club', 'clubs', 'clubbed', 'clubbing', 'group', 'grouped', 'grouping'], particle: 'together', means: 'ally' },
  { verbs: ['carry', 'carries', 'carried', 'carrying'], particle: 'out', means: 'conduct' },
  { verbs: ['pull', 'pulls', 'pulled', 'pulling', 'back', 'backs', 'backed', 'backing'], particle: 'out', means: 'withdraw' },
  { verbs: ['give', 'gives', 'gave', 'given', 'giving'], particle: 'up', means: 'abandon' },
  { verbs: ['fall', 'falls', 'fell', 'fallen', 'falling'], particle: 'apart', means: 'collapse' },
  { verbs: ['point', 'points', 'pointed', 'pointing'], particle: 'out', means: 'note' },
  { verbs: ['look', 'looks', 'looked', 'looking'], particle: 'into', means: 'examine' },
  { verbs: ['turn', 'turns', 'turned', 'turning'], particle: 'down', means: 'reject' },
  { verbs: ['step', 'steps', 'stepped', 'stepping'], particle: 'up', means: 'increase' },
  { verbs: ['cut', 'cuts', 'cutting'], particle: 'back', means: 'reduce' },
  { verbs: ['take', 'takes', 'took', 'taken', 'taking'], particle: 'part', means: 'participate' },
  { verbs: ['reach', 'reaches', 'reached', 'reaching'], particle: 'out', means: 'contact' },
  { verbs: ['fall', 'falls', 'fell', 'fallen', 'falling'], particle: 'out', means: 'dispute' },
  { verbs: ['find', 'finds', 'found', 'finding', 'figure', 'figures', 'figured', 'figuring'], particle: 'out', means: 'discover' },
  { verbs: ['throw', 'throws', 'threw', 'thrown', 'throwing', 'weed', 'weeds', 'weeded', 'weeding', 'filter', 'filters', 'filtered', 'filtering'], particle: 'out', means: 'discard' },
  { verbs: ['rule', 'rules', 'ruled', 'ruling'], particle: 'out', means: 'exclude' },
  { verbs: ['line', 'lines', 'lined', 'lining'], particle: 'up', means: 'match' },
  { verbs: ['stick', 'sticks', 'stuck', 'sticking'], particle: 'with', means: 'adhere' },
  { verbs: ['stick', 'sticks', 'stuck', 'sticking'], particle: 'to', means: 'adhere' },
  // Not verbs, but two words read as one the same way: "these days" is "recently"; "the bottom line" the conclusion.
  { verbs: ['bottom'], particle: 'line', means: 'conclusion' },
  { verbs: ['these'], particle: 'days', means: 'recently' },
  // "over the last few years", "in the past few years": recently.
  { verbs: ['few'], particle: 'years', means: 'recently' },
  // "any conflicts of interest?": the back matter's "Competing interests" (not a contest).
  { verbs: ['competing'], particle: 'interests', means: 'conflict' },
  { verbs: ['competing'], particle: 'interest', means: 'conflict' },
  // "who set up the SCO in the first place": originally ("place" and "first" would find rankings).
  { verbs: ['first'], particle: 'place', means: 'originally' },
];

/**
 * Chat abbreviations and spellings, read as the word they stand for before anything else
 * (on both sides of the index: the corpus has none of them, so it changes nothing there).
 * An empty string drops the token: "lol", "tl;dr" carry no topic.
 */
export const CHAT_WORDS: Record<string, string> = {
  kaz: 'kazakhstan', kazak: 'kazakh', kyrg: 'kyrgyzstan', kyr: 'kyrgyzstan', kg: 'kyrgyzstan',
  mongo: 'mongolia', mong: 'mongolia', mgl: 'mongolia', ub: 'ulaanbaatar', uzb: 'uzbekistan', rus: 'russia', ru: 'russia', prc: 'china',
  thru: 'through', bc: 'because', b4: 'before', w: 'with', wo: 'without', cuz: 'because', coz: 'because', bcuz: 'because', tho: 'though',
  gov: 'government', govt: 'government', govts: 'governments', govs: 'governments', econ: 'economy', econs: 'economies',
  intl: 'international', natl: 'national', dept: 'department', prez: 'president', admin: 'administration', mil: 'military',
  ppl: 'people', abt: 'about', bout: 'about', info: 'information', stats: 'statistics', diff: 'difference', approx: 'approximately',
  infra: 'infrastructure', invest: 'investment', rehab: 'rehabilitation', pol: 'politics', dipl: 'diplomacy', rel: 'relations', rels: 'relations',
  r: 'are', u: 'you', ur: 'your', n: 'and', y: 'why', wat: 'what', wut: 'what', whats: 'what', hows: 'how', whos: 'who', wheres: 'where',
  thats: 'that', isnt: 'is', doesnt: 'does', dont: 'do', didnt: 'did', cant: 'can', wont: 'will', arent: 'are', wasnt: 'was', werent: 'were',
  hasnt: 'has', havent: 'have', hadnt: 'had', wouldnt: 'would', couldnt: 'could', shouldnt: 'should',
  nowadays: 'recently', lately: 'recently', rn: 'now', atm: 'now', yr: 'year', yrs: 'years', btwn: 'between', betw: 'between', hw: 'how', wht: 'what', ppls: 'peoples',
  smth: 'something', sth: 'something', becuz: 'because', thx: '', thanx: '', km: 'kilometers', kms: 'kilometers',
  meds: 'medications', prof: 'professor', profs: 'professors', uni: 'university', unis: 'universities', univ: 'university', avg: 'average', pct: 'percent',
  org: 'organization', orgs: 'organizations', ref: 'reference', refs: 'references', eval: 'evaluation', evals: 'evaluations', tech: 'technology', lang: 'language', vs: 'versus',
  anyway: '', anyways: '', basically: '', literally: '', honestly: '', kinda: '', sorta: '', stuff: '', guys: '', gonna: '', wanna: '',
  lol: '', lmao: '', idk: '', imo: '', imho: '', tbh: '', btw: '', pls: '', plz: '', tl: '', dr: '', tldr: '', eli5: '',
};
