import { execFile, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine.js';
import { runEval } from '../../src/eval/run.js';
import { parseEvalFile, type EvalSummary } from '../../src/eval/score.js';
import { parseConversationFile, runConversationEval } from '../../src/eval/conversations.js';
import { converse } from '../conversation/conversing.js';
import { material } from './material.js';

/**
 * At real scale: the 118 real texts of ../shared/material/texts imported in one command
 * beside the project's two articles, into a corpus in a temp folder (never into this
 * repository), and the bot answering from it. Questions about the new documents find their
 * passages, and the project's questions about the two articles still find theirs among 118
 * real distractors. The levels asserted are the ones reached when this was written: a
 * change to search that loses them shows here.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const texts = material('texts');

/** Passage questions written on a handful of the material documents, read for the purpose. */
const OWN_QUESTIONS = path.join(ROOT, 'test/ingest/questions.jsonl');
const PROJECT_QUESTIONS = path.join(ROOT, 'test/eval/questions.jsonl');
/**
 * Ten more (ht01–ht10, on ten documents, in the four styles), written before any was asked and
 * kept aside: scored once before the import work of issue 15's fourth round and once after it,
 * 6/10 at rank 1 and 7/10 in the top 3 both times.
 */
const HELD_OUT_QUESTIONS = path.join(ROOT, 'test/ingest/heldoutTexts.jsonl');
/**
 * Ten conversations on the material texts (hmc12-01…10), by a helper who saw neither the code
 * nor the answers; scored once blind (2/10 first turns, 7/30 follow-ups), then worked from:
 * 8/30 once "the factbook" is the factbook of the place talked about, 9/30 once "the pm there"
 * is of that place and "i heard" no word to search, 10/30 once "they" in the paper discussed
 * named the places talked about, 11/30 once "someone else in the house … his case" left the
 * speech before for another.
 */
const CONVERSATIONS = path.join(ROOT, 'test/ingest/materialConversations.jsonl');
/** A second round (hmc13-01–10, ten more documents), written blind on 8 December; scored as written, then worked from. */
const CONVERSATIONS_2 = path.join(ROOT, 'test/ingest/materialConversations2.jsonl');

/** Hit@1 reached with the 118 distractors loaded (out of the passage questions of each file): 33/45 before titles that are topics stopped restricting the search, 38/45 after, 37/45 with "lately" read as recently; own questions 12/17, 13/17 once a short title counted as the topic of every sentence. Wiki image captions dropped at import (wikiResidue.ts): 36/45 and 11/17, two close calls (m13, m14: 1.192 vs 1.194, 1.176 vs 1.182) that the gold paragraph had won with the words of its caption ("Railways station, Dornogovi aimag]]"); hit@3 16/17 -> 15/17. The quotes lost the residue; the captions had been topical words. Sixteen more own questions (m18–m33, in the styles of dev2, written before any was run): 12/16, so 23/33, hit@3 29/33. Twelve more on twelve documents none had asked about (m34–m45: the Orkhon script, the Khiva campaign, the Sino-Indian war, …), scored once before the import was worked on again: 8/12, hit@3 10/12, and the same after; so 31/45, hit@3 39/45. Plain-text tables (pandoc's, under a rule of dashes) read as tables, no longer a row a paragraph (284 fewer "paragraphs" of names and figures): the project's 37/45. Imported transcripts no longer have sections guessed from their lines ("2:02 P.M. EDT", a speaker's sentence ending in a dash) and caption tails no longer join the heading above: 36/45, q19 losing a tie it had won (1.331 against 1.333) by the section words of the transcripts. Thirteen more (m46–m58, in the styles of dev2, on nine documents none had asked about), written before any was asked, four (m48, m51, m54, m57) kept aside and scored once: 6/9 and 2/4 at rank 1, so 39/58, hit@3 49/58; 50/58 once a cost is an amount asked for; 40/58 once titles of up to six terms name the topic. The import no longer writing what the exports leave that is no text (2,115 empty wiki notes "[4]" among them: 9,498 → 7,350 paragraphs): own 40/58, hit@3 49/58 (m19 2nd → out), the project's 35/45 (q51 1st → out): with fewer paragraphs, "mongolia" and "kyrgyzstan" pass the share of paragraphs (search/index.ts COMMON_SHARE) above which a term no longer chooses candidates, which the empty notes had kept them under; with that share at 0.2, the project's 36/45 and own hit@3 50/58 again. A paragraph opening with the name of a field the question asks for ("Languages: Uzbek (official) 74.3%, …" for "what languages are spoken in Uzbekistan?"): own 41/58. A document whose title names only other places than the question's counted at 0.85 ("Demographics of Tajikistan" for the languages of Uzbekistan): own 43/58, hit@3 51/58, the project's 38/45. Eight more on the factbooks' fields, typed as people do (m59–m66: "whats the capital of kyrgyzstan", "median age in kazakhstan"), written before any was run: 5/8, then 8/8 once a field named for what is asked became a candidate wherever its text or its document's title holds the rest (search/index.ts fieldsAsked); so own 51/66, hit@3 59/66. One more from a terminal session (m67, "what’s the main religion of tajikistan", so not blind): out of the top 5 while the field had to hold "main" too; first once only the places asked about must be its text's or its title's: own 52/67, hit@3 60/67. */
const LEVELS = { own: 61 / 78, ownTop3: 69 / 78, project: 38 / 45 };

let corpusDir: string;
let cacheDir: string;
let added: { code: number; stdout: string; stderr: string };
let engine: Engine;

/** The environment without anything Steppe reads, plus `env`: the host's settings must not leak in. */
function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(base)) if (/^(CORPUS_DIR|INDEX_CACHE_DIR|STEPPE_|DISCORD_|NODE_OPTIONS$)/.test(key)) delete base[key];
  return { ...base, ...env };
}

async function npmRun(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('npm', ['run', '--silent', ...args], { cwd: ROOT, env: cleanEnv(env), timeout: 60_000, maxBuffer: 16 << 20 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

beforeAll(async () => {
  if (!texts) return;
  corpusDir = mkdtempSync(path.join(tmpdir(), 'steppe-scale-corpus-'));
  cacheDir = mkdtempSync(path.join(tmpdir(), 'steppe-scale-cache-'));
  // The two articles are the project's own, already in the corpus format: they are copied, not imported.
  const articles = path.join(ROOT, 'corpus');
  for (const f of readdirSync(articles)) copyFileSync(path.join(articles, f), path.join(corpusDir, f));
  // The one command a person types for the folder; the material states no year for most texts (Wikipedia's 2019 dump).
  added = await npmRun(['add', '--', texts, '--corpus', corpusDir, '--default', 'year=2019', '--quiet']);
  // As `npm run build` would: parse, index and save, so that `npm run ask` finds them.
  engine = await createEngine(corpusDir, { indexCacheDir: cacheDir });
}, 120_000);

afterAll(() => {
  for (const dir of [corpusDir, cacheDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

const evaluate = (file: string): EvalSummary => runEval(engine, parseEvalFile(readFileSync(file, 'utf8')));
const report = (name: string, s: EvalSummary) =>
  console.info(
    `${name}: hit@1 ${s.passage.hit1.toFixed(3)}, hit@3 ${s.passage.hit3.toFixed(3)}, MRR ${s.passage.mrr.toFixed(3)} on ${s.passage.count} passage questions; ` +
      `misses: ${s.misses.map((m) => m.question.id).join(' ') || 'none'}`,
  );

describe.skipIf(!texts)('the 118 real texts beside the two articles', () => {
  it('import in one command: every file added, nothing failed, and the corpus loads as start-up loads it', () => {
    const files = readdirSync(texts!).filter((f) => f.endsWith('.txt') && !/^[A-Z0-9_-]+\.txt$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(100);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(new RegExp(`^${files.length} added, 0 updated, 0 unchanged, 0 failed`, 'm'));
    expect(added.stdout).toMatch(new RegExp(`^corpus ok: ${files.length + 2} documents, \\d+ paragraphs$`, 'm'));
    expect(engine.corpus.documents).toHaveLength(files.length + 2);
    expect(engine.corpus.paragraphsById.size).toBeGreaterThan(5000);
  });

  it('`npm run ask` answers from it through CORPUS_DIR, with the parse and the index it finds saved', async () => {
    const saved = () => readdirSync(cacheDir).map((f) => `${f} ${statSync(path.join(cacheDir, f)).mtimeMs}`).sort();
    const before = saved();
    // The parse, the index and the index's bytes beside it.
    expect(before.filter((f) => /^(?:corpus-\w+\.v8|index-\w+\.json|index-\w+\.bin) /.test(f))).toHaveLength(3);
    const questions = parseEvalFile(readFileSync(OWN_QUESTIONS, 'utf8')).slice(0, 3);
    const child = spawn('npm', ['run', '--silent', 'ask', '--', '--json'], { cwd: ROOT, env: cleanEnv({ CORPUS_DIR: corpusDir, INDEX_CACHE_DIR: cacheDir }) });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.stdin.end(questions.map((q) => q.q).join('\n') + '\n');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, err).toBe(0);
    const answers = out.trim().split('\n').map((l) => JSON.parse(l) as { query: string; results: Array<{ text: string; document: string; paragraph: string }> });
    expect(answers.map((a) => a.query)).toEqual(questions.map((q) => q.q));
    for (const [i, a] of answers.entries()) {
      // The passage holding the answer comes from one of the imported documents, cited by its paragraph id.
      const hit = a.results.find((r) => questions[i]!.gold!.some((g) => r.text.includes(g)));
      expect(hit, a.query).toBeDefined();
      expect(engine.corpus.paragraphsById.has(hit!.paragraph)).toBe(true);
    }
    // Nothing parsed or built again: the saved files were read, none written.
    expect(saved()).toEqual(before);
  }, 60_000);

  it('questions on the new documents find their passage first as often as when this was written', () => {
    const s = evaluate(OWN_QUESTIONS);
    report('own questions on the material texts', s);
    expect(s.passage.count).toBeGreaterThanOrEqual(78);
    expect(s.passage.hit1).toBeGreaterThanOrEqual(LEVELS.own - 1e-9);
    expect(s.passage.hit3).toBeGreaterThanOrEqual(LEVELS.ownTop3 - 1e-9);
  });

  it('held-out questions on the new documents keep the level they were scored at', () => {
    const s = evaluate(HELD_OUT_QUESTIONS);
    report('held-out questions on the material texts', s);
    expect(s.passage.count).toBe(10);
    // (7 and 8 once a paragraph naming its topic only through its document's title, "Flag: …" in
    // "The World Factbook: Turkmenistan", became a candidate; 9 in the top 3 once a document
    // titled for another place counted less.)
    expect(s.passage.hit1).toBeGreaterThanOrEqual(7 / 10 - 1e-9);
    expect(s.passage.hit3).toBeGreaterThanOrEqual(9 / 10 - 1e-9);
  });

  it('conversations on the new documents keep the level they were scored at', () => {
    const s = runConversationEval(engine, parseConversationFile(readFileSync(CONVERSATIONS, 'utf8')));
    console.info(`conversations on the material texts: first turns ${s.first.answered}/${s.first.count}, follow-ups ${s.followUps.answered}/${s.followUps.count}`);
    expect([s.first.count, s.followUps.count]).toEqual([10, 30]);
    // (3 and 13 once violence was read as riots too: "the 2010 violence in osh"; 14 once a
    // follow-up with a subject of its own kept to the document discussed while it answers.)
    expect(s.first.answered).toBeGreaterThanOrEqual(3);
    expect(s.followUps.answered).toBeGreaterThanOrEqual(14);
  });

  it('a second round of conversations on the new documents keeps its level', () => {
    const s = runConversationEval(engine, parseConversationFile(readFileSync(CONVERSATIONS_2, 'utf8')));
    console.info(`second round on the material texts: first turns ${s.first.answered}/${s.first.count}, follow-ups ${s.followUps.answered}/${s.followUps.count}`);
    expect([s.first.count, s.followUps.count]).toEqual([10, 39]);
    // As written: 5/10 first turns, 16/39 follow-ups; 17 once "which congressman was it?" named
    // who speaks; 20 once a follow-up with a subject of its own kept to the document discussed.
    expect(s.first.answered).toBeGreaterThanOrEqual(5);
    expect(s.followUps.answered).toBeGreaterThanOrEqual(20);
  });

  // Nine factbooks: "the factbook" is the one of the place the conversation is about.
  it('"the factbook" in a follow-up that names no place is the factbook of the place talked about', () => {
    const [, , invest] = converse(engine, 'what does kyrgyzstan mine?', 'why did their economy shrink in 2012?', "according to the factbook, what's holding back investment there?");
    expect(invest!.resolution.documentId).toBe('factbook-kyrgyzstan');
    expect(invest!.answer.passages.map((p) => p.text).join('\n')).toContain('corruption limits investment');
  });

  it('"the joint statement" after the C5+1 readout is the C5+1 leaders\' joint statement, of the two joint statements', () => {
    const [, statement] = converse(engine, 'what did biden discuss with the c5+1 leaders at unga?', 'what does the joint statement say about afghanistan?');
    expect(statement!.resolution.documentId).toBe('whitehouse-2023-09-21-c51-leaders-joint');
    expect(statement!.answer.passages.map((p) => p.text).join('\n')).toContain('sovereign and self-reliant Afghanistan');
  });

  it('a follow-up with a subject of its own ("which buildings did timur have built?") is asked in the document discussed while that document answers it', () => {
    const [, built] = converse(engine, 'what was the timurid renaissance?', 'which buildings did timur have built?');
    expect(built!.resolution.kind).toBe('standalone');
    expect(built!.resolution.documentId).toBe('wikipedia-timurid-renaissance');
    // ("did anybody object to that …?": whoever it was, in whatever document.)
    const [, anybody] = converse(engine, 'when was it decided that kazakhstan would chair the osce', 'did anybody object to that, given the record on human rights?');
    expect(anybody!.resolution.documentId).toBeNull();
    // (A question the document discussed cannot answer leaves it: the search is the corpus's.)
    const [, other] = converse(engine, 'what was the timurid renaissance?', "what is kyrgyzstan's population?");
    expect(other!.resolution.documentId).toBeNull();
  });

  it('"which senator was it?" after a passage of a speech names who speaks, and quotes where they take the floor first', () => {
    const [, which] = converse(engine, 'did anyone in the senate talk about alaska and mongolia in 2007?', 'which senator was it?');
    expect(which!.resolution.kind).toBe('source');
    expect(which!.answer.lead[0]).toMatch(/^\*\*Ms\. MURKOWSKI\*\* says it/);
    expect(which!.answer.passages[0]!.text).toMatch(/^Ms\. MURKOWSKI\. Mr\. President/);
  });

  // Among many documents, a follow-up in the paper discussed carries no words of the answer before; "they" still names the places.
  it('"why are the ties so thin when they share a nomadic heritage?" in the paper discussed is asked of the places talked about', () => {
    const [, , why] = converse(engine, 'do mongolians actually travel to kazakhstan much', 'and students?', 'why are the ties so thin when they share a nomadic heritage?');
    expect(why!.resolution.resolved).toMatch(/heritage\? \(mongolians, kazakhstan\)$/);
    expect(why!.answer.passages[0]!.text).toContain('people-to-people connections');
  });

  it("the project's questions on the two articles keep their level among the 118 distractors", () => {
    const s = evaluate(PROJECT_QUESTIONS);
    report("the project's questions with 118 distractors", s);
    expect(s.passage.hit1).toBeGreaterThanOrEqual(LEVELS.project - 1e-9);
    // Figure questions are answered from the two articles' figures, which the distractors do not contradict.
    expect(s.figure.answered).toBe(s.figure.count);
  });
});
