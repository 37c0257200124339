import { Bar } from 'react-chartjs-2';
import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip } from 'chart.js';
import { tokens } from '@fluentui/react-components';
import { categories, type PeriodSummary } from './api';
import { useChartColors } from './theme';

ChartJS.register(CategoryScale, LinearScale, BarElement, Legend, Tooltip);

// Ten distinguishable hues (Tableau 10), one per glue category.
const palette = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/** Hours per glue category per week, stacked; the data also goes into a visually hidden table for screen readers. */
export function WeeklyChart({ period, title }: { period: PeriodSummary; title: string }) {
  const colors = useChartColors();
  const used = categories.filter(([id]) => id !== 'not-glue' && period.total.minutesByCategory[id]);
  const data = {
    labels: period.weeks.map((w) => w.week),
    datasets: used.map(([id, name], i) => ({
      label: name,
      data: period.weeks.map((w) => (w.summary.minutesByCategory[id] ?? 0) / 60),
      backgroundColor: palette[i % palette.length],
      borderColor: colors.border,
      borderWidth: colors.highContrast ? 1 : 0,
    })),
  };
  const axis = { stacked: true, ticks: { color: colors.text }, grid: { color: colors.grid } };
  return (
    <figure style={{ margin: 0 }}>
      <div style={{ position: 'relative', height: 280, width: '100%' }}>
        <Bar
          data={data}
          role="img"
          aria-label={`${title}: glue hours per category per week, ${period.from} to ${period.to}`}
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
