/**
 * The report's chart: questions per day as bars, and the share of them that found
 * something as a line, on the same stack as /figures' trade chart (@napi-rs/canvas, the
 * Inter fonts from npm, an opaque light card that reads the same on dark and light
 * themes). Days are UTC, as the report counts them.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import { CHART_COLORS, CHART_SIZE, drawCard, fitText, font, gridLine, loadCanvas, niceTicks } from '../figures/chart.js';
import type { Report } from './report.js';

// The trade chart's palette; its blue and orange for the questions and the answer rate.
const COLORS = { ...CHART_COLORS, questions: CHART_COLORS.first, rate: CHART_COLORS.second } as const;

export interface ActivityChartOptions {
  title: string;
  /** One line at the foot (period, server). */
  caption: string;
  width?: number;
  height?: number;
}

export async function renderActivityChart(perDay: Report['perDay'], options: ActivityChartOptions): Promise<Buffer> {
  const { createCanvas } = await loadCanvas();
  const width = options.width ?? CHART_SIZE.width;
  const height = options.height ?? CHART_SIZE.height;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const pad = 36;
  drawCard(ctx, width, height, options.title, 'Questions per day (UTC) and the share that found something');
  legend(ctx, pad, 112);

  const plot = { left: pad + 56, right: width - pad - 56, top: 150, bottom: height - 88 };
  const max = Math.max(0, ...perDay.map((d) => d.questions));
  const ticks = niceTicks(max);
  const top = ticks[ticks.length - 1]!;
  const yOf = (n: number) => plot.bottom - (n / top) * (plot.bottom - plot.top);
  const rateY = (share: number) => plot.bottom - share * (plot.bottom - plot.top);

  // Left axis: questions (whole numbers only); right axis: answer rate.
  ctx.font = font(400, 15);
  ctx.textBaseline = 'middle';
  for (const t of ticks) {
    const y = gridLine(ctx, plot.left, plot.right, yOf(t), t === 0);
    ctx.fillStyle = COLORS.muted;
    ctx.textAlign = 'right';
    if (Number.isInteger(t)) ctx.fillText(String(t), plot.left - 10, y);
  }
  ctx.textAlign = 'left';
  ctx.fillStyle = COLORS.rate;
  for (const share of [0, 0.25, 0.5, 0.75, 1]) ctx.fillText(`${share * 100}%`, plot.right + 10, rateY(share));
  ctx.textBaseline = 'alphabetic';

  if (max === 0) {
    ctx.fillStyle = COLORS.muted;
    ctx.font = font(600, 20);
    ctx.textAlign = 'center';
    ctx.fillText('No questions in this period', (plot.left + plot.right) / 2, (plot.top + plot.bottom) / 2);
  }

  const slot = (plot.right - plot.left) / Math.max(1, perDay.length);
  const barWidth = Math.max(1, Math.min(slot * 0.72, 48));
  const rate: Array<{ x: number; y: number }> = [];
  perDay.forEach((d, i) => {
    const centre = plot.left + slot * (i + 0.5);
    if (d.questions > 0) {
      const y = yOf(d.questions);
      ctx.fillStyle = COLORS.questions;
      ctx.fillRect(centre - barWidth / 2, y, barWidth, plot.bottom - y);
      rate.push({ x: centre, y: rateY(d.answered / d.questions) });
    }
  });
  // The rate joins the days that had questions (a day without any has no rate).
  if (rate.length) {
    ctx.strokeStyle = COLORS.rate;
    ctx.lineWidth = 3;
    ctx.beginPath();
    rate.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)));
    ctx.stroke();
    ctx.fillStyle = COLORS.rate;
    for (const p of rate) {
      ctx.beginPath();
      ctx.arc(p.x, p.y, 4, 0, 2 * Math.PI);
      ctx.fill();
    }
  }

  // Day labels: as many as fit, evenly spaced, always the first and the last.
  ctx.fillStyle = COLORS.text;
  ctx.font = font(400, 14);
  ctx.textAlign = 'center';
  const every = Math.max(1, Math.ceil(perDay.length / Math.max(1, Math.floor((plot.right - plot.left) / 70))));
  const last = perDay.length - 1;
  perDay.forEach((d, i) => {
    // The last day too, unless it would touch the label before it.
    if (i % every !== 0 && !(i === last && last % every >= every / 2)) return;
    ctx.fillText(d.day.slice(5), plot.left + slot * (i + 0.5), plot.bottom + 24);
  });

  ctx.fillStyle = COLORS.muted;
  ctx.font = font(400, 15);
  ctx.textAlign = 'left';
  ctx.fillText(fitText(ctx, options.caption, width - 2 * pad), pad, height - 22);
  return canvas.toBuffer('image/png');
}

function legend(ctx: SKRSContext2D, x: number, y: number): void {
  ctx.font = font(400, 17);
  ctx.textAlign = 'left';
  ctx.fillStyle = COLORS.questions;
  ctx.fillRect(x, y - 14, 18, 18);
  ctx.fillStyle = COLORS.text;
  ctx.fillText('Questions asked', x + 28, y);
  const next = x + 28 + ctx.measureText('Questions asked').width + 36;
  ctx.strokeStyle = COLORS.rate;
  ctx.lineWidth = 3;
  ctx.beginPath();
  ctx.moveTo(next, y - 5);
  ctx.lineTo(next + 22, y - 5);
  ctx.stroke();
  ctx.fillStyle = COLORS.text;
  ctx.fillText('Answered (share, right axis)', next + 32, y);
}

/** The file name of a report's chart. */
export function chartFileName(report: Pick<Report, 'perDay'>): string {
  const first = report.perDay[0]?.day;
  const last = report.perDay[report.perDay.length - 1]?.day;
  return first && last ? `steppe-report-${first}-to-${last}.png` : 'steppe-report.png';
}

/** The caption under a report's chart. */
export function chartCaption(report: Pick<Report, 'since' | 'until' | 'guildId' | 'questions' | 'answered'>, where?: string): string {
  const period = report.since ? `${report.since.slice(0, 10)} to ${report.until.slice(0, 10)}` : `all time to ${report.until.slice(0, 10)}`;
  const rate = report.questions ? ` · ${Math.round((100 * report.answered) / report.questions)}% answered` : '';
  return `${period} · ${report.questions} question${report.questions === 1 ? '' : 's'}${rate}${where ? ` · ${where}` : report.guildId ? ` · server ${report.guildId}` : ''}`;
}
