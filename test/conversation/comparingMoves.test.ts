import { beforeAll, describe, expect, it } from 'vitest';
import { findMentions } from '../../src/answer/figureQuestion.js';
import { createEngine, type Engine } from '../../src/engine.js';
import { converse } from './conversing.js';

/**
 * Moves a fifth round of conversations (written by someone who had not seen how Steppe reads
 * them) showed it missing: setting one document against the answer before, asking for the
 * catch, turning a flow round, and places joined by a hyphen. One spec per rule, with
 * questions of its own.
 */

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});

describe('a document set against the answer before', () => {
  it('“the forum piece has a different number?” asks the question before in that document', () => {
    const [, other] = converse(engine, 'how far is mongolia from kazakhstan at the nearest point?', 'hmm the forum piece has a different number?');
    expect(other!.resolution.documentId).toBe('miliate-2013');
    expect(other!.resolution.resolved).toMatch(/^how far is mongolia from kazakhstan at the nearest point\b/);
    expect(other!.answer.passages[0]!.text).toContain('40 kilometers');
  });

  it('“is the op-ed writer as pessimistic?” keeps what it compares, not who wrote it', () => {
    const [, other] = converse(engine, 'why are mongolia and kazakhstan so distant?', 'is the op-ed writer as pessimistic?');
    expect(other!.resolution.documentId).toBe('miliate-2013');
    expect(other!.resolution.resolved).toMatch(/^why are mongolia and kazakhstan so distant\b.*pessimistic/);
    expect(other!.resolution.resolved).not.toMatch(/writer/);
  });

  it('a likeness or a place of its own is not this move', () => {
    const [, similar] = converse(engine, 'why are mongolia and kazakhstan so distant?', 'does the op-ed say anything similar about russia?');
    expect(similar!.resolution.resolved).not.toMatch(/^why are mongolia and kazakhstan so distant/);
  });
});

describe('“what’s the catch?”', () => {
  it('asks for the drawbacks of what was asked before, with its words and places as context', () => {
    for (const turn of ["what's the catch?", 'any downsides?', 'drawbacks?', 'what could go wrong?', 'so what are the risks?']) {
      const [, catchOf] = converse(engine, 'what would a Mongolia-Kazakhstan partnership bring?', turn);
      expect(catchOf!.resolution.kind, turn).toBe('contextual');
      expect(catchOf!.resolution.resolved, turn).toMatch(/^what are the drawbacks and limitations\? \(Mongolia, Kazakhstan, .*partnership/);
    }
  });

  it('of a plan of three places, asks with the plan’s words, not the places (in most paragraphs, they outweighed the limits)', () => {
    const [, catchOf] = converse(engine, 'could mongolia, kazakhstan and kyrgyzstan band together to get leverage with beijing?', "ok what's the catch");
    expect(catchOf!.resolution.resolved).toMatch(/^what are the drawbacks and limitations\? \(/);
    expect(catchOf!.resolution.resolved).not.toMatch(/\b(?:mongolia|kazakhstan|kyrgyzstan)\b/i);
    expect(catchOf!.resolution.resolved).toMatch(/\bband\b/);
  });

  it('the flip side of a coin is not a flow turned round', () => {
    const [, flip] = converse(engine, 'how much did kyrgyzstan export to mongolia in 2017?', 'what is the flip side?');
    expect(flip!.resolution.resolved).not.toMatch(/mongolia export to kyrgyzstan/i);
  });
});

describe('a flow turned round, however it is put', () => {
  it('“flip it” is the other direction of the flow before', () => {
    const [, flip] = converse(engine, 'how much did kyrgyzstan export to mongolia in 2017?', 'flip it');
    expect(flip!.resolution.resolved).toBe('how much did mongolia export to kyrgyzstan in 2017?');
    expect(flip!.answer.lead.join('\n')).toMatch(/Mongolia's exports to Kyrgyzstan in 2017/);
  });

  it('“and coming the other way?”: the movement is the frame’s own, turned round', () => {
    const [, back] = converse(engine, 'how many mongolians visited kazakhstan in 2019?', 'and coming the other way?');
    expect(back!.resolution.kind).toBe('ellipsis');
    expect(back!.resolution.resolved).toMatch(/Kazakhstanis visited Mongolia in 2019/);
  });

  it('“same year” is the year before, with or without “the”', () => {
    const [, same] = converse(engine, 'how much did mongolia export to kyrgyzstan in 2016?', 'and kyrgyzstan to mongolia, same year?');
    expect(same!.resolution.resolved).toBe('how much did kyrgyzstan export to mongolia in 2016?');
  });
});

describe('places joined by a hyphen', () => {
  it('“a Mongolia-Kyrgyzstan summit” names both places', () => {
    expect(findMentions('a Mongolia-Kyrgyzstan summit').map((m) => m.country)).toEqual(['Mongolia', 'Kyrgyzstan']);
    expect(findMentions('flights to Nur-Sultan').map((m) => m.country)).toEqual(['Kazakhstan']);
  });
});

describe('“like what specifically?”', () => {
  it('asks for examples of what was said', () => {
    const [, like] = converse(engine, 'what has mongolia done to balance china?', 'like what specifically');
    expect(like!.resolution.kind).toBe('support');
    const [, concretely] = converse(engine, 'is mongolia getting closer to russia?', 'like what, concretely?');
    expect(concretely!.resolution.kind).toBe('support');
  });

  it('after “has Ulaanbaatar been warming up to Moscow?” finds the treaty that shows it', () => {
    const [warming, like] = converse(engine, 'is ulaanbaatar cozying up to moscow these days?', 'like what concretely');
    expect(warming!.answer.passages[0]!.text).toMatch(/Mongolia have become increasingly friendlier toward Russia/);
    expect(like!.answer.passages.slice(0, 3).map((p) => p.text).join(' ')).toMatch(/permanent comprehensive strategic partnership/);
  });
});

describe('“did kazakhstan come up with its own matching programme?”', () => {
  it('is its counterpart of what was asked before, searched with the question’s words, not the answer’s', () => {
    const [, own] = converse(engine, 'what is the silk road economic belt?', 'did kazakhstan come up with its own matching programme?');
    expect(own!.resolution.kind).toBe('contextual');
    expect(own!.resolution.resolved).toBe('did kazakhstan come up with its own matching programme? (belt, silk, road)');
    const [, plan] = converse(engine, 'what is the silk road economic belt?', 'does kyrgyzstan have its own plan?');
    expect(plan!.resolution.kind).toBe('contextual');
  });
});

describe('“did Mongolia come up with its own version?”', () => {
  it('is that party’s counterpart of what was asked before, not a question on its own', () => {
    const [, own] = converse(engine, 'what is the nurly zhol program?', 'does kyrgyzstan have an equivalent?');
    expect(own!.resolution.kind).toBe('contextual');
    expect(own!.resolution.resolved).toMatch(/nurly/i);
  });
});

describe('doubt of a figure', () => {
  it('“are you sure? …” with a reason after it asks for the figures again, every source’s', () => {
    const [first, doubt] = converse(engine, 'how much did kyrgyzstan export to mongolia in 2019?', 'are you sure? i read something else in the appendix table');
    expect(doubt!.resolution.resolved).toBe(first!.resolution.resolved);
    expect(doubt!.answer.lead.join('\n')).toMatch(/Sources disagree/);
  });

  it('“really?” alone after a figure does the same; after a claim it asks for the support', () => {
    const [, really] = converse(engine, 'how much did kyrgyzstan export to mongolia in 2019?', 'really?');
    expect(really!.resolution.resolved).toBe('how much did kyrgyzstan export to mongolia in 2019?');
    const [, claim] = converse(engine, 'why are mongolia and kazakhstan so distant?', 'are you sure? that sounds too simple to me');
    expect(claim!.resolution.kind).toBe('support');
  });
});

describe('the other trade party by pronoun, in a question of its own length', () => {
  it('“in which year did mongolia sell the most to them?” is the other party, and asks for a year, not the one before', () => {
    const [, most] = converse(engine, 'how much did kyrgyzstan export to mongolia in 2019?', 'in which year did mongolia sell the most to them, and how much was it');
    expect(most!.resolution.resolved).toMatch(/mongolia sell the most to Kyrgyzstan/);
    expect(most!.resolution.resolved).not.toMatch(/2019/);
    expect(most!.answer.lead.join('\n')).toMatch(/highest \$1\.68 M \(2015\)/);
  });
});

describe('a question asked in haste', () => {
  it('“need this fast: …” is the question without its wrapping, searched and carried', () => {
    const [first, next] = converse(engine, 'need this fast: how is mongolia different from the rest of east asia', 'and what about russia?');
    expect(first!.resolution.resolved).toBe('how is mongolia different from the rest of east asia');
    expect(next!.resolution.resolved).not.toMatch(/\bfast\b|\bneed\b/);
  });
});

describe('“it” put for the place asked about before', () => {
  it('is the link to the turn before: no words of that answer are carried', () => {
    const [, shared] = converse(engine, 'how is mongolia different from the rest of east asia?', 'and what does it share with kazakhstan?');
    expect(shared!.resolution.resolved).toBe('what does mongolia share with kazakhstan?');
  });
});

describe('“is mongolia a member of the sco?” after another topic', () => {
  it('names both the party and the group: a question of its own, not “is it one of them?”', () => {
    const [, member] = converse(engine, 'who are the third neighbors?', 'so is mongolia a member of the sco');
    expect(member!.resolution.kind).toBe('standalone');
    const [, one] = converse(engine, 'who are the third neighbors?', 'does japan count?');
    expect(one!.resolution.kind).not.toBe('standalone');
  });
});

describe('“the latter”, “the former” after a question on two places', () => {
  it('is the second place, or the first — not an item of a list', () => {
    const [, latter] = converse(engine, "what's laruelle's view on the economic potential between mongolia and kazakhstan", 'what could the latter actually sell to ulaanbaatar');
    expect(latter!.resolution.kind).not.toBe('ordinal');
    expect(latter!.resolution.resolved).toMatch(/^what could kazakhstan actually sell to ulaanbaatar/);
    const [, former] = converse(engine, 'how do kazakhstan and kyrgyzstan see the bri?', 'and the former’s government?');
    expect(former!.resolution.resolved).toMatch(/kazakhstan’s government/i);
  });
});

describe('asking for an example, a likeness, a reason, however it is put', () => {
  it('“give me an example from the text” asks for support of what was said', () => {
    const [, example] = converse(engine, "what's a weak state?", 'give me an example from the text');
    expect(example!.resolution.kind).toBe('support');
  });

  it('“did mongolia do something similar?” is that party’s counterpart of what was asked', () => {
    const [, similar] = converse(engine, 'how did the kazakh government respond to the bri at first?', 'did mongolia do something similar');
    expect(similar!.resolution.kind).toBe('contextual');
    expect(similar!.resolution.resolved).toMatch(/\bBri\b|\bbri\b/);
  });

  it('“why so low for central asia?” after a figure asks why', () => {
    const [, why] = converse(engine, 'how many mongolians visited china in 2018?', 'why so low for central asia?');
    expect(why!.resolution.kind).toBe('support');
  });
});

describe('a turn that names one document and asks about the other', () => {
  it('“miliate says …, does the other article agree?” asks the other document, first turn or not', () => {
    const [first] = converse(engine, 'miliate says only five mongolian students go to kazakhstan each year, does the other article agree?');
    expect(first!.resolution.documentId).toBe('irgengioro-2022');
    const [, later] = converse(engine, 'what does the op-ed conclude?', 'miliate says only five mongolian students go to kazakhstan, does the other article agree?');
    expect(later!.resolution.documentId).toBe('irgengioro-2022');
  });
});

describe('“does irgengioro agree?” after an author named in full', () => {
  it('asks the other document the question before without any part of the first author’s name', () => {
    const [, agree] = converse(engine, 'what does Brandon Miliate say about russia?', 'does irgengioro agree?');
    expect(agree!.resolution.documentId).toBe('irgengioro-2022');
    expect(agree!.resolution.resolved).toBe('what does it say about russia?');
  });
});

describe('“the other author’s …”', () => {
  it('is said of the other document as “its …”, not left as a stray “’s”', () => {
    const [, , next] = converse(engine, 'What figure does Miliate give for total Mongolia–Kazakhstan trade?', 'Doesn’t the journal article paint the balance the opposite way round?', "He also says five students a year. The other author's count?");
    expect(next!.resolution.resolved).toMatch(/\bits count\?/);
    expect(next!.resolution.resolved).not.toMatch(/\s's/);
  });

  it('“is that the same in the other article?” leaves no gap where the first author was in the context', () => {
    const [, , other] = converse(engine, 'what does miliate say about kazakhs and mongols culturally?', 'does that matter much in practice?', 'is that the same in the other article?');
    expect(other!.resolution.resolved).not.toMatch(/Miliate|,\s*,/);
  });
});

describe('“it”, “this” after a request to define something', () => {
  it('“how would you define X for high schoolers?” then “who actually does this?”: this is X', () => {
    const [, does] = converse(engine, 'how would you define a multi-vector foreign policy for high schoolers', 'any country in the article that actually does this?');
    expect(does!.resolution.resolved).toBe('any country in the article that actually does a multi-vector foreign policy?');
  });
});

describe('“which of them …?” after several turns of one place each', () => {
  it('chooses among the places of the last turns, not nothing', () => {
    const [, , , which] = converse(engine, 'how did kazakhstan respond to the bri at first?', 'did mongolia do something similar', 'kyrg?', 'which of them matters most to beijing’s corridor plans');
    expect(which!.resolution.resolved).toMatch(/\(Kazakhstan, Mongolia, Kyrgyzstan\b/);
  });
});

describe('“it” as the subject of a passive after a question naming one acronym', () => {
  it('“where was it announced?” after a question on the BRI is the BRI; “when was it founded?” after one on the CSTO the CSTO', () => {
    const [, bri] = converse(engine, 'why is kazakhstan such a big deal for the bri', 'where was it announced anyway');
    // ("anyway" closing the turn is a shrug, not part of the question.)
    expect(bri!.resolution.resolved).toBe('where was the BRI announced');
    const [, csto] = converse(engine, 'what does the csto do for kyrgyzstan?', 'when was it founded?');
    expect(csto!.resolution.resolved).toBe('when was the CSTO founded?');
  });

  it('not when the turn names its own subject, or the question before named no acronym', () => {
    const [, own] = converse(engine, 'why is kazakhstan such a big deal for the bri', 'where was the sco founded?');
    expect(own!.resolution.resolved).not.toMatch(/BRI/);
    const [, none] = converse(engine, 'why are mongolia and kazakhstan so distant?', 'was it expected?');
    expect(none!.resolution.resolved).not.toMatch(/the [A-Z]{2,}/);
  });
});

describe('asking for the words themselves', () => {
  it('“exact quote?”, “word for word?”, “verbatim pls” ask for the passage before as the source has it, not a search for “quote”', () => {
    for (const turn of ['exact quote?', 'word for word?', 'verbatim pls', 'can i get the exact wording?', 'the full passage please']) {
      const [first, quote] = converse(engine, 'why did the direct flights between almaty and ulaanbaatar stop?', turn);
      expect(quote!.resolution.kind, turn).toBe('source');
      expect(quote!.answer.passages[0]!.paragraphId, turn).toBe(first!.answer.passages[0]!.paragraphId);
    }
  });

  it('leads with the sentence whole, in quotation marks, with its in-text citation, ready to paste', () => {
    const [first, quote] = converse(engine, 'why did the direct flights between almaty and ulaanbaatar stop?', 'can you quote the exact sentence?');
    const shown = first!.answer.passages[0]!;
    const sentence = shown.text.slice(shown.highlight.start, shown.highlight.end).trim();
    expect(quote!.answer.lead[0]).toBe(`“${sentence}” (${shown.citation.author}, ${shown.citation.year}${shown.citation.page !== null ? `, p. ${shown.citation.page}` : ''})`);
    // ("who said that?" names who says it, without the quotation.)
    const [, who] = converse(engine, 'why did the direct flights between almaty and ulaanbaatar stop?', 'who said that?');
    expect(who!.answer.lead[0]).not.toMatch(/^“/);
  });
});
