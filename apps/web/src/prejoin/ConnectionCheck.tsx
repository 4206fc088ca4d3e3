import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../api/problem';
import { checkConnectivity } from './connection-probes';
import { verdictOf, type Message, type Verdict } from './connection-verdict';

type CheckState =
  { name: 'checking' } | { name: 'done'; verdict: Verdict } | { name: 'failed'; message: string };

const MARKS = { ok: '✓', blocked: '✗', later: '–' } as const;

/**
 * Can this network carry a call? Reaches the media server's signalling port, makes a short
 * test connection to its media ports (UDP or TCP), reaches each TURN relay (with made-up
 * credentials: a refusal proves it answers) and says so plainly, with what to do when
 * something is blocked.
 */
export function ConnectionCheck() {
  const { t } = useTranslation('prejoin');
  const say = (m: Message) => t(m.key, { ns: 'prejoin', ...m.values });
  const [state, setState] = useState<CheckState>({ name: 'checking' });
  const run = useCallback(() => {
    setState({ name: 'checking' });
    checkConnectivity().then(
      (report) => setState({ name: 'done', verdict: verdictOf(report) }),
      (e: unknown) => setState({ name: 'failed', message: describeError(e) }),
    );
  }, []);
  useEffect(run, [run]);

  return (
    <section
      className="connection-check"
      aria-label={t('connection.label')}
      data-testid="connection-check"
    >
      <p
        role="status"
        data-testid="connection-verdict"
        data-state={state.name === 'done' && !state.verdict.ready ? 'blocked' : state.name}
      >
        {state.name === 'checking' && t('connection.checking')}
        {state.name === 'failed' && t('connection.failed', { message: state.message })}
        {state.name === 'done' && say(state.verdict.headline)}
      </p>
      {state.name === 'done' && (
        <>
          {state.verdict.advice && <p className="muted">{say(state.verdict.advice)}</p>}
          <ul className="connection-lines">
            {state.verdict.lines.map((line) => (
              <li key={line.id} data-testid={`connection-${line.id}`} data-state={line.state}>
                <span aria-hidden="true">{MARKS[line.state]}</span>{' '}
                {t('connection.line', {
                  label: t(`connection.labels.${line.id}`),
                  detail: say(line.detail),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      {state.name !== 'checking' && (
        <button type="button" className="secondary" onClick={run}>
          {t('connection.checkAgain')}
        </button>
      )}
    </section>
  );
}
