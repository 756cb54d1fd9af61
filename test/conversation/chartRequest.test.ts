import { beforeAll, describe, expect, it } from 'vitest';
import { chartRequested } from '../../src/conversation/chartRequest.js';
import { createEngine, type Engine } from '../../src/engine.js';
import { converse } from './conversing.js';

/** "chart?" after a trade figure asks for that trade by year as a chart; anything else is a question. */

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});

const stateAfter = (first: string) => converse(engine, first)[0]!.state;

describe('a request to chart the figure before', () => {
  it('names the partner and the way of the trade asked about', () => {
    const exported = stateAfter('how much did mongolia export to kyrgyzstan in 2016');
    for (const turn of ['chart?', 'can you chart that?', 'graph it please', 'show me that over time', 'plot?']) {
      expect(chartRequested(exported, turn)).toEqual({ partner: 'Kyrgyzstan', direction: 'exports' });
    }
    expect(chartRequested(stateAfter('how much did kazakhstan sell to mongolia in 2019?'), 'chart it')).toEqual({ partner: 'Kazakhstan', direction: 'imports' });
    expect(chartRequested(stateAfter('trade between mongolia and kazakhstan in 2015'), 'chart?')).toEqual({ partner: 'Kazakhstan', direction: 'both' });
  });

  it('is no request after a question that was no trade figure, nor when the turn asks something of its own', () => {
    expect(chartRequested(stateAfter('what is the third neighbor policy?'), 'chart?')).toBeNull();
    const exported = stateAfter('how much did mongolia export to kyrgyzstan in 2016');
    expect(chartRequested(exported, 'what does the chart in the appendix show?')).toBeNull();
    expect(chartRequested(exported, 'and in 2019?')).toBeNull();
    expect(chartRequested(exported, 'why did the trend change after 2015?')).toBeNull();
  });
});
