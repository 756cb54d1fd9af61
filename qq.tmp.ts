// qq.tmp.ts "question" [gold-substring]: top 8 with features; gold paragraph
import { createEngine } from './src/engine.js';
import { normalizeForEval } from './src/eval/score.js';
const [q, g] = process.argv.slice(2);
const engine = await createEngine(process.env.CORPUS_DIR, { indexCacheDir: process.env.INDEX_CACHE_DIR ?? null });
const r = engine.index.query(q!, { limit: 8 });
const isGold = (t: string) => !!g && normalizeForEval(t).includes(normalizeForEval(g));
console.log(`type=${r.question.type} entities=${r.question.entities}`);
for (const p of engine.corpus.documents.flatMap((d) => d.paragraphs).filter((p) => isGold(p.text))) console.log(`  GOLD ${p.id} [${p.section}] ${p.text.slice(0, 300)}`);
r.passages.forEach((p, i) => {
  const f = Object.entries(p.features).map(([k, v]) => `${k}=${v.toFixed(2)}`).join(' ');
  console.log(` ${i + 1}${isGold(p.paragraph.text) ? '*' : ' '} ${p.score.toFixed(3)} ${p.paragraph.id} [${p.paragraph.section}] ${f}\n     ${p.paragraph.text.slice(p.bestSentence.start, p.bestSentence.end).slice(0, 200)}`);
});
