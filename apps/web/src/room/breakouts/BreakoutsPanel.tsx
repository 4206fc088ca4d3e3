import './breakouts.css';
import type { BreakoutState } from '@gomeet/protocol';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useRealtimeContext } from '../../realtime/RealtimeContext';
import { ErrorNote } from '../../ui/ErrorNote';
import { useHostAction } from '../panels/use-host-action';
import { breakoutActions } from './breakouts-api';
import { useBreakoutState } from './use-breakout-state';

/** Who goes where: one row per person with a room picker. */
function Assignments(props: {
  state: BreakoutState;
  me: string | undefined;
  onAssign: (identity: string, room: number | null) => void;
}) {
  const { t } = useTranslation('breakouts');
  const { state: rt } = useRealtimeContext();
  const people = rt.participants.filter((p) => p.identity !== props.me);
  return (
    <ul className="breakout-people">
      {people.map((p) => (
        <li key={p.identity}>
          <label>
            {p.name}
            <select
              value={props.state.assignments[p.identity] ?? ''}
              aria-label={t('panel.roomFor', { name: p.name })}
              onChange={(e) =>
                props.onAssign(p.identity, e.target.value === '' ? null : Number(e.target.value))
              }
            >
              <option value="">{t('panel.mainRoom')}</option>
              {props.state.rooms.map((r) => (
                <option key={r.number} value={r.number}>
                  {r.name}
                </option>
              ))}
            </select>
          </label>
        </li>
      ))}
    </ul>
  );
}

/**
 * The hosts' breakout panel, loaded on first use: create rooms, assign people by hand or at
 * random, open them (optionally for a set time), message every room, visit one, close them.
 */
export default function BreakoutsPanel({ code }: { code: string }) {
  const { t } = useTranslation('breakouts');
  const { state: rt } = useRealtimeContext();
  const { state, setState } = useBreakoutState(code);
  const { run, error, busy } = useHostAction();
  const [count, setCount] = useState(2);
  const [minutes, setMinutes] = useState('');
  const [message, setMessage] = useState('');
  const actions = breakoutActions(code);
  const apply = (action: () => Promise<BreakoutState>) => run(async () => setState(await action()));
  const send = (e: FormEvent) => {
    e.preventDefault();
    run(async () => {
      await actions.broadcast(message);
      setMessage('');
    });
  };
  const open = state?.open ?? false;

  return (
    <section className="panel-body" aria-label={t('panel.label')} data-testid="breakouts-panel">
      <ErrorNote message={error} testId="breakout-error" />
      {!open && (
        <div className="row-actions">
          <label>
            {t('panel.rooms')}
            <input
              type="number"
              min={1}
              max={50}
              value={count}
              onChange={(e) => setCount(Number(e.target.value))}
              data-testid="breakout-count"
            />
          </label>
          <button
            type="button"
            disabled={busy}
            onClick={() => apply(() => actions.create(count))}
            data-testid="breakout-create"
          >
            {t('panel.create')}
          </button>
        </div>
      )}
      {state && state.rooms.length > 0 && (
        <>
          <Assignments
            state={state}
            me={rt.you?.identity}
            onAssign={(id, room) => apply(() => actions.assign(id, room))}
          />
          <div className="row-actions">
            <button
              type="button"
              className="secondary"
              disabled={busy}
              onClick={() => apply(actions.shuffle)}
              data-testid="breakout-shuffle"
            >
              {t('panel.shuffle')}
            </button>
          </div>
          {!open ? (
            <div className="row-actions">
              <label>
                {t('panel.minutes')}
                <input
                  type="number"
                  min={1}
                  max={1440}
                  value={minutes}
                  onChange={(e) => setMinutes(e.target.value)}
                  data-testid="breakout-minutes"
                />
              </label>
              <button
                type="button"
                disabled={busy}
                onClick={() =>
                  apply(() => actions.open(minutes ? Number(minutes) * 60 : undefined))
                }
                data-testid="breakout-open"
              >
                {t('panel.open')}
              </button>
            </div>
          ) : (
            <>
              <form className="row-actions" onSubmit={send}>
                <input
                  value={message}
                  maxLength={500}
                  required
                  aria-label={t('panel.message')}
                  placeholder={t('panel.message')}
                  onChange={(e) => setMessage(e.target.value)}
                  data-testid="breakout-message"
                />
                <button type="submit" disabled={busy} data-testid="breakout-broadcast-send">
                  {t('panel.send')}
                </button>
              </form>
              <div className="row-actions">
                {state.rooms.map((r) => (
                  <button
                    key={r.number}
                    type="button"
                    className="secondary small"
                    onClick={() => run(() => actions.visit(r.number))}
                  >
                    {t('panel.visit', { room: r.name })}
                  </button>
                ))}
              </div>
              <button
                type="button"
                className="danger"
                disabled={busy}
                onClick={() => apply(actions.close)}
                data-testid="breakout-close"
              >
                {t('panel.close')}
              </button>
            </>
          )}
        </>
      )}
    </section>
  );
}
