import { StrictMode, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { FluentProvider, MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import { createFetcher, getJson, type Profile } from './api';
import { startSession, type Session, type ThemeName } from './session';
import { ThemeNameContext, themes } from './theme';
import { MyGlueWork } from './MyGlueWork';
import { TeamReview } from './TeamReview';

function App({ session }: { session: Session }) {
  const [theme, setTheme] = useState<ThemeName>(session.theme);
  const [profile, setProfile] = useState<Profile>();
  const [error, setError] = useState<string>();
  const fetcher = useMemo(() => createFetcher(session.getToken), [session]);
  useEffect(() => session.onThemeChange(setTheme), [session]);
  useEffect(() => {
    getJson<Profile>(fetcher, '/api/me/profile').then(setProfile, (e: Error) => setError(e.message));
  }, [fetcher]);
  const team = window.location.pathname.startsWith('/tab/team');
  return (
    <ThemeNameContext.Provider value={theme}>
      <FluentProvider theme={themes[theme]} style={{ minHeight: '100vh', padding: 'clamp(8px, 3vw, 24px)', boxSizing: 'border-box' }}>
        <main>
          {error && <MessageBar intent="error"><MessageBarBody>{error}</MessageBarBody></MessageBar>}
          {!error && !profile && <Spinner label="Loading…" />}
          {profile && (team ? <TeamReview fetcher={fetcher} profile={profile} /> : <MyGlueWork fetcher={fetcher} profile={profile} />)}
        </main>
      </FluentProvider>
    </ThemeNameContext.Provider>
  );
}

const root = createRoot(document.getElementById('root')!);
startSession().then(
  (session) => root.render(<StrictMode><App session={session} /></StrictMode>),
  (e: Error) => root.render(<FluentProvider theme={themes.default}><p role="alert">Open this page in Teams, or in Development with ?tid=&amp;oid=. ({e.message})</p></FluentProvider>),
);
