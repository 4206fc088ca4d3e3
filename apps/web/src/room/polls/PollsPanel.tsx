import './polls.css';
import { useTranslation } from 'react-i18next';
import { useRealtimeContext } from '../../realtime/RealtimeContext';
import { isHost } from '../../realtime/realtime-state';
import { ErrorNote } from '../../ui/ErrorNote';
import { useHostAction } from '../panels/use-host-action';
import { PollCard } from './PollCard';
import { PollForm } from './PollForm';
import { usePolls } from './use-polls';

/**
 * The polls panel, loaded the first time someone opens it: hosts draft, launch, close and
 * share polls; everyone votes and watches the counts move.
 */
export default function PollsPanel({ code }: { code: string }) {
  const { t } = useTranslation('polls');
  const { state } = useRealtimeContext();
  const host = isHost(state.you?.role);
  const { polls, error, replace } = usePolls(code);
  const action = useHostAction();
  return (
    <section className="panel-body" aria-label={t('panel.label')} data-testid="polls-panel">
      <ErrorNote message={error ?? action.error} testId="poll-error" />
      {host && (
        <details className="poll-new" open={polls.length === 0}>
          <summary>{t('panel.newPoll')}</summary>
          <PollForm code={code} run={action.run} onCreated={replace} />
        </details>
      )}
      {polls.length === 0 && <p className="muted">{t('panel.empty')}</p>}
      {[...polls].reverse().map((p) => (
        <PollCard key={p.id} code={code} poll={p} host={host} run={action.run} onChange={replace} />
      ))}
    </section>
  );
}
