import { ApplicationCommandOptionType, ApplicationCommandType } from '../src/discord/djs.js';
import { tradePartnerNames } from '../src/answer/tradeFigures.js';
import { booleanOption, numberOption, stringOption, type Command } from '../src/command.js';
import { LIMITS } from '../src/discord/limits.js';
import { errorReply } from '../src/reply/build.js';
import type { TradeView } from '../src/figures/trade.js';
import { tradeChartReply } from '../src/reply/tradeChart.js';

const DIRECTIONS: TradeView[] = ['exports', 'imports', 'both'];

/** `/figures partner direction from to private`: the trade table and a PNG chart. */
export const figures: Command = {
  definition: {
    type: ApplicationCommandType.ChatInput,
    name: 'figures',
    description: "Mongolia's trade with a partner by year: table and chart",
    options: [
      { type: ApplicationCommandOptionType.String, name: 'partner', description: 'Trade partner, e.g. Kazakhstan', required: true, autocomplete: true, max_length: LIMITS.choiceValue },
      {
        type: ApplicationCommandOptionType.String,
        name: 'direction',
        description: "Mongolia's exports, imports, or both (default)",
        choices: DIRECTIONS.map((d) => ({ name: d, value: d })),
      },
      { type: ApplicationCommandOptionType.Integer, name: 'from', description: 'First year', min_value: 1900, max_value: 2100 },
      { type: ApplicationCommandOptionType.Integer, name: 'to', description: 'Last year', min_value: 1900, max_value: 2100 },
      { type: ApplicationCommandOptionType.Boolean, name: 'private', description: 'Only you see it' },
    ],
  },
  help: {
    usage: '/figures partner: … [direction: exports|imports|both] [from] [to] [private]',
    text: "Mongolia's trade with a partner by year as an aligned table (values as the source prints them, balance computed) and a chart.",
  },
  // Drawing the chart loads the canvas module on first use: defer.
  slow: true,
  async run(ctx) {
    const partner = stringOption(ctx, 'partner') ?? '';
    const direction = stringOption(ctx, 'direction');
    if (direction !== undefined && !DIRECTIONS.includes(direction as TradeView)) {
      return { reply: errorReply('direction must be exports, imports or both.'), private: true };
    }
    const result = await tradeChartReply(ctx.engine, {
      partner,
      direction: direction as TradeView | undefined,
      from: numberOption(ctx, 'from'),
      to: numberOption(ctx, 'to'),
    });
    if (!result.ok) return { reply: errorReply(result.error), private: true };
    return {
      reply: result.reply,
      private: booleanOption(ctx, 'private') ?? false,
    };
  },
  autocomplete(ctx, focused) {
    if (focused.name !== 'partner') return [];
    const typed = focused.value.toLowerCase();
    return tradePartnerNames(ctx.engine.corpus)
      .filter((p) => p.toLowerCase().includes(typed))
      .map((p) => ({ name: p, value: p }));
  },
};
