import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine.js';
import { parseConversationFile, runConversationEval } from '../../src/eval/conversations.js';

/**
 * Holds the levels reached on conversations, each turn asked in the context of the ones
 * before (as `ask --session` and Discord do). The project's own conversations were written
 * from the corpus, in the styles people follow up in; the dev set lives in ../shared.
 */

const DEV = new URL('../../../shared/eval/dev-conversations.jsonl', import.meta.url);
const OWN = new URL('./conversations.jsonl', import.meta.url);
/** 14 conversations (k1–k14) written by a helper who saw neither the code nor how Steppe answers. */
const UNSEEN_WRITER = new URL('./conversations2.jsonl', import.meta.url);
/** 10 more (hd1–hd10), by another helper as blind, on 3 December; scored once as written before being worked from. */
const UNSEEN_WRITER_2 = new URL('./conversations3.jsonl', import.meta.url);
/** 14 (hg1–hg14) and 14 (hh1–hh14) more, by two more helpers as blind, on 3 December (a fifth and sixth round); scored as written, then worked from. */
const UNSEEN_WRITER_3 = new URL('./conversations4.jsonl', import.meta.url);
const UNSEEN_WRITER_4 = new URL('./conversations5.jsonl', import.meta.url);
const UNSEEN_WRITER_5 = new URL('./conversations6.jsonl', import.meta.url);
/** 14 more (hc11-01–14), written blind on 4 December and scored as written twice (that session's end, the next one's start) before being worked from. */
const UNSEEN_WRITER_6 = new URL('./conversations7.jsonl', import.meta.url);
/** 12 (hc13-01–12) and 12 (hc14-01–12) more, by two helpers as blind on 8 December; scored as written, then worked from. */
const UNSEEN_WRITER_7 = new URL('./conversations8.jsonl', import.meta.url);
const UNSEEN_WRITER_8 = new URL('./conversations9.jsonl', import.meta.url);
/**
 * 12 (hc15-01–12) and 12 (hc16-01–12) more, by two helpers as blind on 8 December (a second
 * session that day); scored as written, then worked from. Where a turn asking for a source had
 * only the bibliography entry as its gold (not a passage: no reply quotes one), the citing
 * sentence of the paragraph was added beside it before anything was changed.
 */
const UNSEEN_WRITER_9 = new URL('./conversations10.jsonl', import.meta.url);
const UNSEEN_WRITER_10 = new URL('./conversations11.jsonl', import.meta.url);
/** 12 more (hc17-01–12), written blind later that session, gold for source turns the citing sentence as asked. */
const UNSEEN_WRITER_11 = new URL('./conversations12.jsonl', import.meta.url);
const shared = existsSync(DEV);
if (!shared) {
  if (process.env.CI === 'true') throw new Error('../shared/eval/dev-conversations.jsonl is missing: CI must have ../shared beside the repository');
  console.warn('note: ../shared/eval is absent; the dev-conversation levels are skipped');
}

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});

/** The file's conversations asked as Discord asks them: as many turns as written, at least the levels reached. */
function expectLevels(file: URL, levels: { first: [number, number]; followUps: [number, number] }): void {
  const s = runConversationEval(engine, parseConversationFile(readFileSync(file, 'utf8')));
  expect([s.first.count, s.followUps.count]).toEqual([levels.first[1], levels.followUps[1]]);
  expect(s.first.answered).toBeGreaterThanOrEqual(levels.first[0]);
  expect(s.followUps.answered).toBeGreaterThanOrEqual(levels.followUps[0]);
}

describe('conversation quality', () => {
  // 94/114 and 251/298 with the helper's rules; 95 and 254 once "what did Kazakhstan sell Mongolia?" read as a flow and "why did flights stop?" found the flights cancelled; 96 once "who funded the irgengioro article?" was answered from its acknowledgements.
  // 20 conversations more (d01–d30, written fresh before Steppe answered them; 10 more kept aside unseen): 17/20 first turns, 41/60 follow-ups before
  // this round's rules, 54/60 after; on the 114 before, 254 → 257 follow-ups (n32 "why does that matter for mongolia?" had been right only as a wrong ellipsis).
  // 313 once an ellipsis of a turn whose frame carries its context's places kept the rest of that context;
  // 314 once "which of them …" chose among the places of the last turns.
  it('project conversations: first turns ≥ 114/134, follow-ups ≥ 315/358', () => {
    expectLevels(OWN, { first: [114, 134], followUps: [315, 358] });
  });

  // As written: 11/14 first turns, 34/56 follow-ups; 38 once a turn could say it changes the
  // subject ("different q: …"), "back then" was the decade before, "what does that have to do
  // with X?" read the answer before, and a turn moving to another place stopped carrying what
  // was said of the old one; 39 once "does irgengioro say anything similar about …?" asked that document for what was said;
  // 41 once a new topic with places of its own left the document an earlier turn chose; 42
  // once a table figure of a year was quoted from its row ("what about 2014": the 2014 row).
  it('conversations written without seeing the answers: first turns ≥ 11/14, follow-ups ≥ 42/56', () => {
    expectLevels(UNSEEN_WRITER, { first: [11, 14], followUps: [42, 56] });
  });

  // As written: 8/10 first turns, 8/30 follow-ups; 15 once a stressed place ("and kazakhstan
  // specifically?"), a correction ("no, I meant the other way"), "say more", "does it … China?"
  // for the place before and "how's that different from uzbekistan?" were read as follow-ups;
  // 16 once a table figure of a year was quoted from its row ("what goods?").
  it('more conversations written without seeing the answers: first turns ≥ 8/10, follow-ups ≥ 17/30', () => {
    expectLevels(UNSEEN_WRITER_2, { first: [8, 10], followUps: [17, 30] });
  });

  // As written: 11/14 first turns, 15/41 follow-ups; 20 once a document set against the answer
  // before ("the op-ed gives a diff distance no?"), "what's the catch?", "flip it" and places joined
  // by a hyphen were read; 22 with doubt of a figure ("are you sure? …") and "… sell the most to
  // them"; 23 once "it" put for the place before carried no words of that answer; 24 once
  // "that peak year" was the year the series before gave as its highest.
  it('a fifth round written without seeing the answers: first turns ≥ 11/14, follow-ups ≥ 24/41', () => {
    expectLevels(UNSEEN_WRITER_3, { first: [11, 14], followUps: [24, 41] });
  });

  // As written: 12/14 first turns, 20/41 follow-ups; 13 and 23 once "the latter", "give me an
  // example from the text", "did mongolia do something similar", a document named as the teller of
  // a reported claim and "the other article" of the one named were read; 24 once "the three of
  // them" named the three places talked about.
  it('a sixth round written without seeing the answers: first turns ≥ 13/14, follow-ups ≥ 26/41', () => {
    expectLevels(UNSEEN_WRITER_4, { first: [13, 14], followUps: [26, 41] });
  });

  // Written by users in their own voices (a student, a journalist, a diplomat), scored once when
  // most of the round of 4 December was built: 9/14 first turns, 21/53 follow-ups; 25 once
  // "them" named the people asked about, "on what grounds?" asked for support, "keep going - …"
  // and "compare that with X" were read as follow-ups; 10 and 26 once the asker's aside after
  // the question was dropped and "the appendix table for 2012" asked the table; 27 once "the
  // author" was the author of the document the answer before came from.
  it('a seventh round written without seeing the answers: first turns ≥ 10/14, follow-ups ≥ 31/53', () => {
    expectLevels(UNSEEN_WRITER_5, { first: [10, 14], followUps: [31, 53] });
  });

  // As written, scored twice: 11/14 first turns, 24/53 follow-ups; 12 and 26 once "Second reason,
  // can you explain more?" picked from the list of reasons shown, "steppes to the states author?"
  // asked who wrote it (and "his" was then its author), "kazakhstan too tho?" and "… one of those?
  // whos argument" were read as the follow-ups they are; 28 once "what were they mostly sending"
  // after a peak year asked that year's row, and "who compiled that China figure?" cited the China
  // figure's source; 29 once "the author's takeaway from all that" asked the author's view.
  it('an eighth round written without seeing the answers: first turns ≥ 13/14, follow-ups ≥ 32/53', () => {
    expectLevels(UNSEEN_WRITER_6, { first: [13, 14], followUps: [32, 53] });
  });

  // As written (8 December): 11/12 first turns, 24/47 follow-ups; then 32/47 once laughter was a
  // filler and "…, like …" a follow-up said again, "when did the paper come out?" its date, "the
  // policy" the one named before, warming up friendlier, "its own matching scheme" a counterpart,
  // a summary's words no context, a place owning "its credentials", and an arrow a flow's way.
  it('a ninth round written without seeing the answers: first turns ≥ 12/12, follow-ups ≥ 32/47', () => {
    expectLevels(UNSEEN_WRITER_7, { first: [12, 12], followUps: [32, 47] });
  });

  // As written (8 December, from 6018577): 8/12 first turns, 22/39 follow-ups; then 26/39 once a
  // possessive typed without its apostrophe ("the op-eds conclusion") named the document, language
  // was speaking, consistency asked was coherence answered; 27 once "each other" was the places
  // before; 28 once "and kaz? is the govt there …" asked its question of Kazakhstan; 30 once the
  // catch of a plan of three places was asked with the plan's words, not the places.
  // 31 once "hasnt" was a word of the question, and "… pushing them to join tho" leaned on the
  // matter before; 10/12 first turns once "gang up" was forming a coalition.
  it('a tenth round written without seeing the answers: first turns ≥ 10/12, follow-ups ≥ 31/39', () => {
    expectLevels(UNSEEN_WRITER_8, { first: [10, 12], followUps: [31, 39] });
  });

  // As written: 11/12 first turns, 30/58 follow-ups (32 with the citing sentences beside the
  // bibliography entries); 35 once a cited work was asked by its author's name ("olzvoy's
  // piece, same journal?") and a source question could name its claim ("source for the … bit?");
  // 37 once "hows it structured" gave the sections and the plan, and "where did it run?" the venue.
  it('an eleventh round written without seeing the answers: first turns ≥ 11/12, follow-ups ≥ 37/58', () => {
    expectLevels(UNSEEN_WRITER_9, { first: [11, 12], followUps: [37, 58] });
  });

  // As written: 8/12 first turns, 24/56 follow-ups (28 with the citing sentences); 33 with the
  // cited works and the claims named ("the mosser one, what's it called", "the … visitor bit — what's the source for that?").
  it('a twelfth round written without seeing the answers: first turns ≥ 8/12, follow-ups ≥ 33/56', () => {
    expectLevels(UNSEEN_WRITER_10, { first: [8, 12], followUps: [33, 56] });
  });

  // As written: 7/12 first turns, 26/56 follow-ups; 27 once "and then?" read on from the passage shown.
  it('a thirteenth round written without seeing the answers: first turns ≥ 7/12, follow-ups ≥ 27/56', () => {
    expectLevels(UNSEEN_WRITER_11, { first: [7, 12], followUps: [27, 56] });
  });

  it.skipIf(!shared)('dev conversations: first turns ≥ 3/4, follow-ups ≥ 11/11', () => {
    const s = runConversationEval(engine, parseConversationFile(readFileSync(DEV, 'utf8')));
    expect(s.first.answered).toBeGreaterThanOrEqual(3);
    expect(s.followUps.answered).toBe(s.followUps.count);
  });
});
