import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../api/problem';
import { checkConnectivity } from './connection-probes';
import { verdictOf, type Verdict } from './connection-verdict';

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
      aria-label="Connection check"
      data-testid="connection-check"
    >
      <p
        role="status"
        data-testid="connection-verdict"
        data-state={state.name === 'done' && !state.verdict.ready ? 'blocked' : state.name}
      >
        {state.name === 'checking' && 'Checking your connection…'}
        {state.name === 'failed' && `The connection check could not run: ${state.message}`}
        {state.name === 'done' && state.verdict.headline}
      </p>
      {state.name === 'done' && (
        <>
          {state.verdict.advice && <p className="muted">{state.verdict.advice}</p>}
          <ul className="connection-lines">
            {state.verdict.lines.map((line) => (
              <li key={line.id} data-testid={`connection-${line.id}`} data-state={line.state}>
                <span aria-hidden="true">{MARKS[line.state]}</span> {line.label}: {line.detail}
              </li>
            ))}
          </ul>
        </>
      )}
      {state.name !== 'checking' && (
        <button type="button" className="secondary" onClick={run}>
          Check again
        </button>
      )}
    </section>
  );
}
