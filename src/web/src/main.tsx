import { StrictMode, useCallback, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { FluentProvider, Link, Spinner, Text, Title2 } from '@fluentui/react-components';
import { createFetcher, getJson, loadVocabulary, type Profile } from './api';
import { ProblemBar } from './ProblemBar';
import { startSession, type Session, type ThemeName } from './session';
import { ThemeNameContext, themes } from './theme';
import { MyGlueWork } from './MyGlueWork';
import { TeamReview } from './TeamReview';

function App({ session }: { session: Session }) {
  const [theme, setTheme] = useState<ThemeName>(session.theme);
  const [profile, setProfile] = useState<Profile>();
  const [error, setError] = useState<unknown>();
  const fetcher = useMemo(() => createFetcher(session.getToken), [session]);
  useEffect(() => session.onThemeChange(setTheme), [session]);
  const load = useCallback(() => {
    setError(undefined);
    // The vocabulary first: every view names categories by it.
    Promise.all([getJson<Profile>(fetcher, '/api/me/profile'), loadVocabulary(fetcher)]).then(([p]) => setProfile(p), setError);
  }, [fetcher]);
  useEffect(load, [load]);
  const consent = session.consent && (() => session.consent!().then(load, setError));
  const team = window.location.pathname.startsWith('/tab/team');
  return (
    <ThemeNameContext.Provider value={theme}>
      <FluentProvider theme={themes[theme]} style={{ minHeight: '100vh', padding: 'clamp(8px, 3vw, 24px)', boxSizing: 'border-box' }}>
        <main>
          {error !== undefined && <ProblemBar error={error} onConsent={consent} />}
          {error === undefined && !profile && <Spinner label="Loading…" />}
          {profile && (team ? <TeamReview fetcher={fetcher} profile={profile} /> : <MyGlueWork fetcher={fetcher} profile={profile} />)}
        </main>
      </FluentProvider>
    </ThemeNameContext.Provider>
  );
}

/** Opened outside Teams: what Glueprint is and how to open it in Teams. No development hints: this is what users see. */
function OutsideTeams() {
  const tab = window.location.pathname.startsWith('/tab/team') ? 'Team review' : 'My glue work';
  return (
    <FluentProvider theme={themes.default} style={{ minHeight: '100vh', padding: '24px', boxSizing: 'border-box' }}>
      <main style={{ maxWidth: '40rem', display: 'flex', flexDirection: 'column', gap: '12px' }}>
        <Title2 as="h1">Open Glueprint in Microsoft Teams</Title2>
        <Text as="p">The {tab} tab works inside Microsoft Teams, where it signs you in with your work account.</Text>
        <Text as="p">In Teams, select <strong>Apps</strong>, search for <strong>Glueprint</strong> and open it, then choose the <strong>{tab}</strong> tab. If Glueprint is not there, ask your Microsoft 365 admin to make it available.</Text>
        <Text as="p"><Link href="/support">Glueprint support</Link> · <Link href="/privacy">Privacy</Link></Text>
      </main>
    </FluentProvider>
  );
}

const root = createRoot(document.getElementById('root')!);
startSession().then(
  (session) => root.render(<StrictMode><App session={session} /></StrictMode>),
  () => root.render(<StrictMode><OutsideTeams /></StrictMode>),
);
