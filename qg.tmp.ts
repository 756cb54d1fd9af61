// qg.tmp.ts "question" gold-substring: the gold paragraph's rank and features among the top 60
import { createEngine } from './src/engine.js';
import { normalizeForEval } from './src/eval/score.js';
const [q, g] = process.argv.slice(2);
const engine = await createEngine(process.env.CORPUS_DIR, { indexCacheDir: process.env.INDEX_CACHE_DIR ?? null });
const r = engine.index.query(q!, { limit: 60 });
const isGold = (t: string) => normalizeForEval(t).includes(normalizeForEval(g!));
r.passages.forEach((p, i) => {
  if (i > 2 && !isGold(p.paragraph.text)) return;
  const f = Object.entries(p.features).map(([k, v]) => `${k}=${v.toFixed(2)}`).join(' ');
  console.log(` ${i + 1}${isGold(p.paragraph.text) ? '*' : ' '} ${p.score.toFixed(3)} ${p.paragraph.id} [${p.paragraph.section}] ${f}`);
});
console.log('passages', r.passages.length);
