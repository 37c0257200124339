import type { ReactNode } from 'react';
import { Button, MessageBar, MessageBarActions, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { categoryColor, categoryName } from './api';

/** Lists become cards that wrap into as many columns as fit: nothing scrolls sideways at 400 px, no text is clipped. */
export const useListStyles = makeStyles({
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'flex-end', margin: `${tokens.spacingVerticalS} 0` },
  list: { listStyle: 'none', padding: 0, margin: 0, display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 280px), 1fr))', gap: tokens.spacingVerticalS },
  card: { minWidth: 0 },
  title: { overflowWrap: 'anywhere', fontWeight: tokens.fontWeightSemibold },
  line: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center', overflowWrap: 'anywhere' },
  swatch: { display: 'inline-block', width: '10px', height: '10px', borderRadius: '2px', flexShrink: 0, outline: `1px solid ${tokens.colorNeutralStroke1}` },
});

/** The category's one colour as a small square beside its name. */
export function CategoryLabel({ id, prefix = '' }: { id: string; prefix?: string }) {
  const styles = useListStyles();
  return <span className={styles.line}><span className={styles.swatch} style={{ backgroundColor: categoryColor(id) }} aria-hidden />{prefix}{categoryName(id)}</span>;
}

/** A row of buttons that wraps instead of scrolling sideways. */
export function ButtonRow({ children }: { children: ReactNode }) {
  return <div className={useListStyles().row}>{children}</div>;
}

/** An error with a way forward: what went wrong, and a button that tries again. */
export function ErrorState({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>{message}</MessageBarBody>
      <MessageBarActions><Button onClick={onRetry}>Try again</Button></MessageBarActions>
    </MessageBar>
  );
}
