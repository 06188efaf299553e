/**
 * Routes. `/teach` the console, `/screen/:code` the projector, `/join` the tablet; `/` goes to
 * `/join` (tablets are the many; the join page has a small link to the console). The console and
 * projector pages, and their strings, are loaded on demand so a tablet downloads only what it needs.
 */
import { lazy, Suspense } from 'react';
import { Redirect, Route, Switch, useSearch } from 'wouter';
import { loadAllStrings, useT } from './i18n';
import { JoinPage } from './play/JoinPage';
import { OutdatedOverlay } from './ui/OutdatedOverlay';
import { Toasts } from './ui/Toasts';

// The console and projector bring their own strings (the entry holds only the tablet's; see i18n).
const TeachPage = lazy(() =>
  Promise.all([import('./teach/TeachPage'), loadAllStrings()]).then(([m]) => ({ default: m.TeachPage })),
);
const ScreenPage = lazy(() =>
  Promise.all([import('./screen/ScreenPage'), loadAllStrings()]).then(([m]) => ({ default: m.ScreenPage })),
);

function ToJoin() {
  // Keep `?code=` if a QR pointed at the root.
  const search = useSearch();
  return <Redirect to={search ? `/join?${search}` : '/join'} replace />;
}

function NotFound() {
  const t = useT();
  return (
    <main className="not-found">
      <p className="tablet-big-text">{t('app.notFound')}</p>
      <a className="btn btn-big" href="/join">
        {t('app.toJoin')}
      </a>
    </main>
  );
}

function Loading() {
  const t = useT();
  return <p className="page-loading">{t('app.loading')}</p>;
}

export function App() {
  return (
    <>
      <Suspense fallback={<Loading />}>
        <Switch>
          {/* /teach, /teach/classes, /teach/stats, /teach/export: one console, several pages. */}
          <Route path="/teach/*?" component={TeachPage} />
          <Route path="/screen/:code">{(params) => <ScreenPage code={params.code} />}</Route>
          <Route path="/join" component={JoinPage} />
          <Route path="/" component={ToJoin} />
          <Route component={NotFound} />
        </Switch>
      </Suspense>
      <Toasts />
      <OutdatedOverlay />
    </>
  );
}
