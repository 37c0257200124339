import { Card, Link, Text, makeStyles, tokens } from '@fluentui/react-components';
import { categoryName, hours, percent, type GlueSummary } from './api';

const useStyles = makeStyles({
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(140px, 1fr))', gap: tokens.spacingHorizontalM, margin: `${tokens.spacingVerticalM} 0` },
  value: { fontSize: tokens.fontSizeHero700, fontWeight: tokens.fontWeightSemibold },
});

/** The figures that sum up a period of glue work; the delegated share is the engineer's own, never shown in Team review. */
export function Stats({ total, showDelegated = false }: { total: GlueSummary; showDelegated?: boolean }) {
  const styles = useStyles();
  const figures: [string, string][] = [
    ['Glue work', hours(total.glueMinutes)],
    ['Share of meeting time', percent(total.shareOfMeetingTime)],
    ['Multiplier share', percent(total.multiplierShare)],
    ...(showDelegated ? [['Delegated share', percent(total.delegatedShare ?? 0)] as [string, string]] : []),
  ];
  return (
    <div className={styles.grid}>
      {figures.map(([label, value]) => (
        <Card key={label} aria-label={`${label}: ${value}`}>
          <Text size={200}>{label}</Text>
          <span className={styles.value}>{value}</span>
        </Card>
      ))}
    </div>
  );
}

/** Artifacts and the outcomes they served, newest first. */
export function Artifacts({ total }: { total: GlueSummary }) {
  if (total.artifacts.length === 0) return <Text>No artifacts recorded in this period.</Text>;
  return (
    <ul style={{ overflowWrap: 'anywhere', paddingInlineStart: 20 }}>
      {[...total.artifacts].reverse().map((a, i) => (
        <li key={`${a.link}-${i}`}>
          <Link href={a.link} target="_blank" rel="noreferrer noopener" inline>{a.title ?? a.link}</Link> — {categoryName(a.categoryId)}
          {a.outcomeNote && <>: <em>{a.outcomeNote}</em></>}
        </li>
      ))}
    </ul>
  );
}
