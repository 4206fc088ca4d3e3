import type { PollView } from '@gomeet/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format';
import { downloadResults, movePoll, vote } from './polls-api';

interface PollCardProps {
  code: string;
  poll: PollView;
  host: boolean;
  run: (action: () => Promise<unknown>) => void;
  onChange: (poll: PollView) => void;
}

/** The bars: each answer's share of the voters, with its count (and, for hosts, who). */
function Results({ poll }: { poll: PollView }) {
  const { t } = useTranslation('polls');
  const names = (i: number) =>
    (poll.ballots ?? []).filter((b) => b.choices.includes(i)).map((b) => b.name);
  return (
    <ol className="poll-results" aria-label={t('results.label')}>
      {poll.options.map((o, i) => {
        const share = poll.voters > 0 ? Math.round((100 * o.votes) / poll.voters) : 0;
        const who = names(i);
        return (
          <li key={i} data-testid="poll-result">
            <span className="poll-answer">
              {o.text}
              {poll.myChoices?.includes(i) && (
                <span className="poll-mine"> {t('results.yourVote')}</span>
              )}
            </span>
            <span className="poll-bar" aria-hidden="true">
              <span style={{ width: `${share}%` }} />
            </span>
            <span className="poll-count" data-testid="poll-count">
              {t('results.count', {
                votes: formatNumber(o.votes),
                share: formatNumber(share / 100, { style: 'percent' }),
              })}
            </span>
            {who.length > 0 && <small className="poll-voters">{who.join(', ')}</small>}
          </li>
        );
      })}
    </ol>
  );
}

/** One ballot form: radio buttons or checkboxes, then Vote. */
function Ballot({ poll, onVote }: { poll: PollView; onVote: (choices: number[]) => void }) {
  const { t } = useTranslation('polls');
  const [chosen, setChosen] = useState<number[]>([]);
  const pick = (i: number, on: boolean) =>
    setChosen(poll.multiple ? (on ? [...chosen, i] : chosen.filter((c) => c !== i)) : [i]);
  return (
    <fieldset className="poll-ballot" aria-label={poll.question}>
      {poll.options.map((o, i) => (
        <label key={i} className="check">
          <input
            type={poll.multiple ? 'checkbox' : 'radio'}
            name={`poll-${poll.id}`}
            checked={chosen.includes(i)}
            onChange={(e) => pick(i, e.target.checked)}
          />
          {o.text}
        </label>
      ))}
      <button
        type="button"
        disabled={chosen.length === 0}
        onClick={() => onVote(chosen)}
        data-testid="poll-vote"
      >
        {t('ballot.vote')}
      </button>
    </fieldset>
  );
}

/** A poll: its question, the ballot while open and not yet voted, else the live results. */
export function PollCard({ code, poll, host, run, onChange }: PollCardProps) {
  const { t } = useTranslation('polls');
  const act = (action: 'launch' | 'close' | 'share') =>
    run(async () => onChange(await movePoll(code, poll.id, action)));
  const canVote = poll.state === 'open' && poll.myChoices === null;
  // Results show to voters as they come in, and to everyone once a host shares them.
  const seesResults = host || poll.myChoices !== null || poll.shared;
  return (
    <article className="poll" data-testid="poll" data-state={poll.state}>
      <header>
        <h3>{poll.question}</h3>
        <small>
          {[
            t(`state.${poll.state}`),
            poll.multiple ? t('card.several') : t('card.one'),
            poll.anonymous && t('card.anonymous'),
            t('card.voted', { count: poll.voters }),
            poll.shared && t('card.shared'),
          ]
            .filter(Boolean)
            .join(' · ')}
        </small>
      </header>
      {canVote && (
        <Ballot
          poll={poll}
          onVote={(c) => run(async () => onChange(await vote(code, poll.id, c)))}
        />
      )}
      {seesResults && <Results poll={poll} />}
      {host && (
        <div className="row-actions">
          {poll.state === 'draft' && (
            <button
              type="button"
              className="small"
              onClick={() => act('launch')}
              data-testid="poll-launch"
            >
              {t('card.launch')}
            </button>
          )}
          {poll.state === 'open' && (
            <button
              type="button"
              className="small secondary"
              onClick={() => act('close')}
              data-testid="poll-close"
            >
              {t('card.close')}
            </button>
          )}
          {poll.state === 'closed' && !poll.shared && (
            <button
              type="button"
              className="small"
              onClick={() => act('share')}
              data-testid="poll-share"
            >
              {t('card.share')}
            </button>
          )}
          {poll.state !== 'draft' && (
            <button
              type="button"
              className="small secondary"
              onClick={() => run(() => downloadResults(code, poll))}
            >
              {t('card.downloadCsv')}
            </button>
          )}
        </div>
      )}
    </article>
  );
}
