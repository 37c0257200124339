import { Bar } from 'react-chartjs-2';
import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip } from 'chart.js';
import { tokens } from '@fluentui/react-components';
import { categories, categoryColor, type PeriodSummary } from './api';
import { useChartColors } from './theme';

ChartJS.register(CategoryScale, LinearScale, BarElement, Legend, Tooltip);

/** A week's minutes per category: one person's week, or the team's. */
export interface WeekMinutes { week: string; minutesByCategory: Record<string, number> }

export const weeksOf = (period: PeriodSummary): WeekMinutes[] =>
  period.weeks.map((w) => ({ week: w.week, minutesByCategory: w.summary.minutesByCategory }));

/**
 * Hours per glue category per week, stacked, each category in its one colour (categories.json), so that colours never
 * change as data arrives. The chart is an image with a text alternative; the figures are also in the page's text.
 */
export function WeeklyChart({ weeks, title }: { weeks: WeekMinutes[]; title: string }) {
  const colors = useChartColors();
  const used = categories().filter((c) => c.isGlue && weeks.some((w) => w.minutesByCategory[c.id])).map((c) => [c.id, c.name]);
  const data = {
    labels: weeks.map((w) => w.week),
    datasets: used.map(([id, name]) => ({
      label: name,
      data: weeks.map((w) => (w.minutesByCategory[id] ?? 0) / 60),
      backgroundColor: categoryColor(id),
      borderColor: colors.border,
      borderWidth: colors.highContrast ? 1 : 0,
    })),
  };
  const axis = { stacked: true, ticks: { color: colors.text }, grid: { color: colors.grid } };
  const range = weeks.length ? `${weeks[0].week} to ${weeks[weeks.length - 1].week}` : '';
  return (
    <figure style={{ margin: 0, minWidth: 0 }}>
      <div style={{ position: 'relative', height: 280, width: '100%' }}>
        <Bar
          data={data}
          role="img"
          aria-label={`${title}: glue hours per category per week, ${range}`}
          options={{
            responsive: true,
            maintainAspectRatio: false,
            animation: false,
            plugins: { legend: { position: 'bottom', labels: { color: colors.text, boxWidth: 12 } } },
            scales: { x: axis, y: { ...axis, title: { display: true, text: 'hours', color: colors.text } } },
          }}
        />
      </div>
      <figcaption style={{ color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 }}>{title}</figcaption>
    </figure>
  );
}

/** A person's weekly glue hours as a small line: the trend at a glance, with the figures as its text alternative. */
export function Sparkline({ period, label }: { period: PeriodSummary; label: string }) {
  const hours = period.weeks.map((w) => w.summary.glueMinutes / 60);
  const max = Math.max(1, ...hours);
  const width = 120;
  const height = 28;
  const step = hours.length > 1 ? width / (hours.length - 1) : 0;
  const points = hours.map((h, i) => `${(i * step).toFixed(1)},${(height - 2 - (h / max) * (height - 4)).toFixed(1)}`).join(' ');
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" style={{ maxWidth: '100%', display: 'block' }}
      aria-label={`${label}: weekly glue hours ${hours.map((h) => h.toFixed(1)).join(', ')}`}>
      <polyline points={points} fill="none" stroke={tokens.colorBrandForeground1} strokeWidth={2} strokeLinejoin="round" />
    </svg>
  );
}
