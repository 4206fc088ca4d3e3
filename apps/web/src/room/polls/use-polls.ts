import type { Poll, PollBallot, PollView } from '@gomeet/protocol';
import { useEffect, useState } from 'react';
import { describeError } from '../../api/problem';
import { useRealtimeContext, useRealtimeEvents } from '../../realtime/RealtimeContext';
import { listPolls } from './polls-api';

/** A poll's new counts, keeping what only this viewer knows (their choices, the ballots). */
function mergePoll(polls: PollView[], poll: Poll): PollView[] {
  const known = polls.find((p) => p.id === poll.id);
  const merged: PollView = { ...known, ...poll, myChoices: known?.myChoices ?? null };
  return known ? polls.map((p) => (p.id === poll.id ? merged : p)) : [...polls, merged];
}

function addBallot(polls: PollView[], pollId: string, ballot: PollBallot): PollView[] {
  return polls.map((p) =>
    p.id === pollId
      ? {
          ...p,
          ballots: [...(p.ballots ?? []).filter((b) => b.identity !== ballot.identity), ballot],
        }
      : p,
  );
}

/** The meeting's polls: read once (and after a reconnect), then kept current by the socket. */
export function usePolls(code: string) {
  const { state } = useRealtimeContext();
  const [polls, setPolls] = useState<PollView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const welcomes = state.welcomes;
  const role = state.you?.role;

  useEffect(() => {
    let live = true;
    listPolls(code).then(
      (list) => live && setPolls(list),
      (e: unknown) => live && setError(describeError(e)),
    );
    return () => {
      live = false;
    };
  }, [code, welcomes, role]);

  useRealtimeEvents((m) => {
    if (m.type === 'poll.updated') setPolls((list) => mergePoll(list, m.poll));
    if (m.type === 'poll.ballot') setPolls((list) => addBallot(list, m.pollId, m.ballot));
  });

  /** Puts the poll a route answered (the caller's view) in place. */
  const replace = (view: PollView) =>
    setPolls((list) =>
      list.some((p) => p.id === view.id)
        ? list.map((p) => (p.id === view.id ? view : p))
        : [...list, view],
    );
  return { polls, error, replace };
}
