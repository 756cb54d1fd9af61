import { describe, expect, it } from 'vitest';
import { importText } from '../../src/corpus/ingest/text.js';

/** Plain-text tables as pandoc writes them, in the shapes of the wiki exports in ../shared/material/texts. */
describe('plain-text tables in imported text', () => {
  const blocks = (text: string) => importText(text).pages.flatMap((p) => p.blocks);

  it('reads a table under a rule of dashes as rows of cells, not a paragraph a row', () => {
    const text = [
      'Turkmen presidential election, 2017',
      '',
      'Presidential elections were held in Turkmenistan on 12 February 2017.',
      '',
      '  Candidate                            Party                                       Votes       %',
      '  ------------------------------------ ------------------------------------------- ----------- -------',
      '  Gurbanguly Berdimuhamedow            Democratic Party                            3,090,610   97.69',
      '  Bekmyrat Atalyev                     Party of Industrialists and Entrepreneurs   11,390      0.36',
      '',
      'The turnout was 97.27%.',
    ].join('\n');
    expect(blocks(text)).toEqual([
      { type: 'paragraph', text: 'Presidential elections were held in Turkmenistan on 12 February 2017.' },
      {
        type: 'table',
        rows: [
          ['Candidate', 'Party', 'Votes', '%'],
          ['Gurbanguly Berdimuhamedow', 'Democratic Party', '3,090,610', '97.69'],
          ['Bekmyrat Atalyev', 'Party of Industrialists and Entrepreneurs', '11,390', '0.36'],
        ],
      },
      { type: 'paragraph', text: 'The turnout was 97.27%.' },
    ]);
  });

  it('reads a table framed by rules over and under its rows, with no header rule', () => {
    const text = ['Central Asia', '', '  ------------------- ------- -----', '  Kazakhstan (2013)   247     51', '  Kyrgyzstan (2012)   499     63', '  ------------------- ------- -----', '', 'Source: UNESCO.'].join('\n');
    expect(blocks(text)[0]).toEqual({ type: 'table', rows: [['Kazakhstan (2013)', '247', '51'], ['Kyrgyzstan (2012)', '499', '63']] });
  });

  it('leaves a line of dashes in prose alone', () => {
    expect(blocks('Notes\n\nA paragraph.\n\n---\n\nAnother paragraph.').filter((b) => b.type === 'table')).toEqual([]);
  });
});
