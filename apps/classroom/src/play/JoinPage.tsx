/**
 * /join — the tablet (children 6–12: many cannot read well, none should have to type). Three
 * steps: the six-digit code on a big keypad (prefilled from the QR's `?code=`), a generated
 * nickname with an animal (re-roll, then "就是我!"), then the lesson itself.
 *
 * A tablet that already joined this session (saved identity) skips straight to the lesson and
 * comes back as the same child.
 *
 * Shared tablets add two steps: `seats` ("I was here before", ReclaimSeat) and `kicked` (this
 * tablet's seat went to another device, Kicked).
 */
import type { JoinCode } from '@heartlamp/shared';
import { ANIMAL_EMOJI, JOIN_CODE_LENGTH, parseJoinCode, pickNickname } from '@heartlamp/shared/light';
import { useEffect } from 'react';
import { Link, useSearch } from 'wouter';
import { nicknameText, useT, useTitle } from '../i18n';
import { randomBelow } from '../lib/random';
import { createPlayClient, type PlayClient } from '../net/play';
import { useTablet } from '../stores/tablet';
import { ReconnectBanner } from '../ui/ConnectionBanner';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { useClient } from '../ui/useClient';
import { JoinError } from './JoinError';
import { CodeBoxes, Keypad } from './Keypad';
import { Kicked } from './Kicked';
import { NameTiles, TilesLoading, useNameTiles } from './NameTiles';
import { PlayView } from './PlayView';
import { ReclaimSeat, WasHereBefore } from './ReclaimSeat';

/** The QR's `?code=`. Only its format is checked here: the server says whether the lesson exists. */
function codeFromSearch(search: string): JoinCode | null {
  return parseJoinCode(new URLSearchParams(search).get('code'));
}

export function JoinPage() {
  const search = useSearch();
  // The QR's code is read once, when the page opens; the keypad owns the digits after that.
  const client = useClient(() => createPlayClient(codeFromSearch(search)), 'play');
  const step = useTablet((s) => s.step);
  const t = useT();
  useTitle(t('app.name'));

  return (
    <div className={`tablet tablet-step-${step}`}>
      <ReconnectBanner />
      <div className="tablet-lang">
        <LanguageSwitch />
      </div>
      {client && step === 'code' && <CodeStep />}
      {client && step === 'name' && <NameStep client={client} />}
      {client && step === 'joined' && <PlayView client={client} />}
      {client && step === 'seats' && <ReclaimSeat client={client} />}
      {client && step === 'kicked' && <Kicked client={client} />}
    </div>
  );
}

function CodeStep() {
  const t = useT();
  const digits = useTablet((s) => s.digits);
  const error = useTablet((s) => s.error);

  function submit(): void {
    if (digits.length !== JOIN_CODE_LENGTH) return;
    const { candidate } = useTablet.getState();
    useTablet.setState({ step: 'name', error: null, candidate: candidate ?? pickNickname(randomBelow) });
  }

  return (
    <main className="code-step">
      <div className="code-step-top">
        <h1 className="tablet-title">
          <span aria-hidden="true">🔢 </span>
          {t('play.code.title')}
        </h1>
        <p className="tablet-text">{t('play.code.hint')}</p>
        <CodeBoxes digits={digits} />
        {error && <JoinError error={error} />}
      </div>
      <Keypad digits={digits} onChange={(d) => useTablet.setState({ digits: d, error: null })} onSubmit={submit} />
      <Link href="/teach" className="teacher-link" data-testid="teacher-link">
        {t('play.teacherLink')}
      </Link>
    </main>
  );
}

function NameStep({ client }: { client: PlayClient }) {
  const t = useT();
  const digits = useTablet((s) => s.digits);
  const candidate = useTablet((s) => s.candidate);
  const joining = useTablet((s) => s.joining);
  const error = useTablet((s) => s.error);
  const code = parseJoinCode(digits);
  // A lesson for a class offers its name tiles first; a guest (or a lesson without a class) gets a nickname.
  const tiles = useNameTiles(client, code);
  useEffect(() => {
    if (!candidate) useTablet.setState({ candidate: pickNickname(randomBelow) });
  }, [candidate]);
  if (!candidate) return null;
  const nickname = candidate;
  if (tiles === 'loading') return <TilesLoading />;
  if (tiles === 'tiles' && code) {
    return <NameTiles client={client} code={code} footer={<WasHereBefore client={client} disabled={joining} />} />;
  }

  return (
    <main className="name-step">
      <button
        type="button"
        className="btn btn-back"
        data-testid="back-to-code"
        onClick={() => useTablet.setState({ step: 'code', error: null })}
      >
        <span aria-hidden="true">← </span>
        {t('play.name.changeCode')}
      </button>
      <p className="tablet-text">{t('play.name.title')}</p>
      <div className="name-card">
        <span className="name-emoji" aria-hidden="true">
          {ANIMAL_EMOJI[nickname.animal]}
        </span>
        <span className="name-text" data-testid="nickname">
          {nicknameText(t, nickname)}
        </span>
      </div>
      {error && <JoinError error={error} />}
      <div className="name-actions">
        <button
          type="button"
          className="btn btn-big"
          data-testid="reroll"
          disabled={joining}
          onClick={() => useTablet.setState({ candidate: pickNickname(randomBelow, nickname), error: null })}
        >
          {t('play.name.reroll')}
        </button>
        <button
          type="button"
          className="btn btn-go btn-huge"
          data-testid="join"
          disabled={joining || !code}
          onClick={() => code && void client.join(code, nickname)}
        >
          {joining ? t('play.name.joining') : t('play.name.join')}
        </button>
      </div>
      {/* Shared tablets: a child who already joined on another device takes their seat back. */}
      <WasHereBefore client={client} disabled={joining} />
    </main>
  );
}
