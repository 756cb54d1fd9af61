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
  ['russia', 'russian', 'russians', 'moscow', 'kremlin'],
  ['japan', 'japanese', 'tokyo'],
  ['korea', 'korean', 'koreans', 'seoul'],
  ['turkey', 'turkish', 'ankara'],
  ['india', 'indian', 'delhi'],
  ['america', 'american', 'americans', 'washington'],
  ['soviet', 'ussr', 'soviets'],
  ['xinjiang', 'uyghur', 'uyghurs', 'uighur', 'uighurs'],
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
  ['student', 'study', 'education', 'university', 'scholarship'],
  ['religion', 'religious', 'faith', 'belief', 'islam', 'buddhism', 'shamanism'],
  ['protest', 'rally', 'demonstration', 'unrest', 'sinophobia'],
  ['return', 'repatriation', 'repatriate', 'returnee', 'resettle', 'migrate', 'migration'],
  ['treaty', 'agreement', 'accord', 'pact'],
  ['sign', 'conclude', 'ink'],
  ['cooperation', 'collaboration', 'partnership', 'coordination'],
  ['relation', 'relationship', 'tie', 'link'],
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
  ['important', 'key', 'critical', 'crucial', 'central', 'lynchpin'],
  ['member', 'belong', 'membership', 'join'],
  ['write', 'argue', 'say', 'discuss', 'state', 'claim'],
  ['project', 'investment', 'infrastructure'],
];
