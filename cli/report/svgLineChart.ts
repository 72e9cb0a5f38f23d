/**
 * A hand-written SVG line chart: axes with round-number ticks, one polyline per series (a vertex per point), a
 * legend, and dashed vertical markers for events such as hyperparameter changes. Pure string building, so a report
 * needs no browser and the same data gives the same bytes.
 */

export interface ChartSeries {
  name: string;
  /** (x, y) pairs; non-finite values are dropped. */
  points: Array<[number, number]>;
}

export interface ChartMarker {
  x: number;
  label: string;
}

export interface LineChartOptions {
  /** The element id (pages link to and tests find charts by it). */
  id: string;
  title: string;
  xLabel: string;
  series: ChartSeries[];
  markers?: ChartMarker[];
  /** Draw a dot at every vertex (for sparse series such as evaluations). */
  dots?: boolean;
  width?: number;
  height?: number;
}

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f'];
const MARGIN = { left: 58, right: 16, top: 28 };
const LEGEND_COLUMNS = 5;

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Round tick values covering [min, max]: steps of 1, 2 or 5 times a power of ten, about `count` of them. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (min === max) [min, max] = min === 0 ? [-1, 1] : [min - Math.abs(min) * 0.1, max + Math.abs(max) * 0.1];
  const raw = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  // Multiples of the step by integer index, so no rounding error accumulates (a tick at 0 is exactly 0).
  const first = Math.floor(min / step + 1e-9);
  const last = Math.max(Math.ceil(max / step - 1e-9), first + 1);
  return Array.from({ length: last - first + 1 }, (_, i) => Number(((first + i) * step).toPrecision(12)));
}

function label(value: number): string {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e5 || abs < 1e-3) return value.toExponential(1);
  return String(Number(value.toPrecision(4)));
}

/** An <svg> element; a chart without a finite point says so instead of drawing empty axes. */
export function svgLineChart(options: LineChartOptions): string {
  const width = options.width ?? 640;
  const height = options.height ?? 280;
  const series = options.series.map((s) => ({ ...s, points: s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)) }));
  const all = series.flatMap((s) => s.points);
  const head = `<svg xmlns="http://www.w3.org/2000/svg" id="${escapeXml(options.id)}" class="chart" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(options.title)}">`;
  const title = `<text x="${MARGIN.left}" y="18" class="title">${escapeXml(options.title)}</text>`;
  if (all.length === 0) {
    return `${head}${title}<text x="${width / 2}" y="${height / 2}" text-anchor="middle" class="empty">no data</text></svg>`;
  }
  const markers = options.markers ?? [];
  const xs = [...all.map(([x]) => x), ...markers.map((m) => m.x)];
  const xTicks = niceTicks(Math.min(...xs), Math.max(...xs));
  const yTicks = niceTicks(Math.min(...all.map(([, y]) => y)), Math.max(...all.map(([, y]) => y)));
  const [x0, x1, y0, y1] = [xTicks[0], xTicks[xTicks.length - 1], yTicks[0], yTicks[yTicks.length - 1]];
  // Axis labels, then one legend line per LEGEND_COLUMNS series.
  const marginBottom = 40 + 14 * Math.ceil(series.length / LEGEND_COLUMNS);
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - marginBottom;
  const px = (x: number) => (MARGIN.left + ((x - x0) / (x1 - x0)) * plotW).toFixed(1);
  const py = (y: number) => (MARGIN.top + plotH - ((y - y0) / (y1 - y0)) * plotH).toFixed(1);
  const bottom = MARGIN.top + plotH;

  const parts = [head, title];
  parts.push(`<g class="axes"><line x1="${MARGIN.left}" y1="${bottom}" x2="${MARGIN.left + plotW}" y2="${bottom}"/><line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${bottom}"/>`);
  for (const t of xTicks) parts.push(`<text x="${px(t)}" y="${bottom + 16}" text-anchor="middle">${label(t)}</text>`);
  for (const t of yTicks) {
    parts.push(`<line class="grid" x1="${MARGIN.left}" y1="${py(t)}" x2="${MARGIN.left + plotW}" y2="${py(t)}"/>`);
    parts.push(`<text x="${MARGIN.left - 6}" y="${py(t)}" dy="4" text-anchor="end">${label(t)}</text>`);
  }
  parts.push(`<text x="${MARGIN.left + plotW / 2}" y="${bottom + 32}" text-anchor="middle">${escapeXml(options.xLabel)}</text></g>`);
  for (const marker of markers) {
    parts.push(`<line class="marker" x1="${px(marker.x)}" y1="${MARGIN.top}" x2="${px(marker.x)}" y2="${bottom}"><title>${escapeXml(marker.label)}</title></line>`);
  }
  series.forEach((s, i) => {
    const color = PALETTE[i % PALETTE.length];
    const points = s.points.map(([x, y]) => `${px(x)},${py(y)}`).join(' ');
    parts.push(`<polyline data-series="${escapeXml(s.name)}" fill="none" stroke="${color}" stroke-width="1.8" points="${points}"/>`);
    if (options.dots) for (const [x, y] of s.points) parts.push(`<circle cx="${px(x)}" cy="${py(y)}" r="3" fill="${color}"/>`);
  });
  series.forEach((s, i) => {
    const x = MARGIN.left + (i % LEGEND_COLUMNS) * 110;
    const y = bottom + 48 + 14 * Math.floor(i / LEGEND_COLUMNS);
    parts.push(`<g class="legend"><rect x="${x}" y="${y - 5}" width="10" height="3" fill="${PALETTE[i % PALETTE.length]}"/><text x="${x + 14}" y="${y}">${escapeXml(s.name)}</text></g>`);
  });
  parts.push('</svg>');
  return parts.join('');
}
