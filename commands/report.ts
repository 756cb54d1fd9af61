import { ApplicationCommandOptionType, ApplicationCommandType, InteractionContextType, PermissionFlagsBits } from '../src/discord/djs.js';
import { stringOption, type Command } from '../src/command.js';
import { LIMITS } from '../src/discord/limits.js';
import { escapeText } from '../src/discord/render.js';
import { chartCaption, chartFileName, renderActivityChart } from '../src/feedback/chart.js';
import { describePeriod, parseSince } from '../src/feedback/report.js';
import { reportReply } from '../src/feedback/reportReply.js';
import { errorReply } from '../src/reply/build.js';

/** `/report [since]`: the maintainers' report for this server, privately, with a chart (Manage Server). */
export const report: Command = {
  definition: {
    type: ApplicationCommandType.ChatInput,
    name: 'report',
    description: 'What this server asked, what found nothing, the votes (Manage Server)',
    // Hidden from members without Manage Server; checked again when it runs.
    default_member_permissions: String(PermissionFlagsBits.ManageGuild),
    contexts: [InteractionContextType.Guild],
    options: [{ type: ApplicationCommandOptionType.String, name: 'since', description: 'Start of the period: 7d, 24h, 30m or a date (2025-01-31); default all time', max_length: 40 }],
  },
  help: { usage: '/report [since: 7d]', text: 'The server’s questions, what found nothing (coverage gaps), low-confidence answers, votes, and a chart per day (Manage Server, private).' },
  // The chart loads the canvas module on first use: defer.
  slow: true,
  alwaysPrivate: true,
  async run(ctx) {
    if (!ctx.guild) return { reply: errorReply('The report belongs to a server: use /report in one.'), private: true };
    if (!ctx.guild.canManage) return { reply: errorReply('Only members with the Manage Server permission can see this server’s report.'), private: true };
    const sinceText = stringOption(ctx, 'since')?.trim();
    const now = Date.now();
    const since = sinceText ? parseSince(sinceText, now) : undefined;
    if (since === null || (since !== undefined && since > now)) {
      return { reply: errorReply('since must be like 7d, 24h, 30m or a past date (2025-01-31).'), private: true };
    }
    const found = await ctx.report?.({ since, guildId: ctx.guild.id, now, documentTitle: (id) => ctx.engine.corpus.documents.find((d) => d.meta.id === id)?.meta.title });
    if (!found) return { reply: errorReply('The report could not be read (the database is not available).'), private: true };
    const period = describePeriod(sinceText, found);
    let chart;
    try {
      const name = chartFileName(found);
      chart = { name, contentType: 'image/png', data: await renderActivityChart(found.perDay, { title: `Questions in this server, ${period}`, caption: chartCaption(found, 'this server') }), description: `Questions per day and the share answered, ${period}` };
    } catch {
      chart = undefined; // the report without its picture rather than none
    }
    return { reply: reportReply(found, { limits: LIMITS, escape: escapeText, period, ...(chart ? { chart } : {}) }), private: true };
  },
};
