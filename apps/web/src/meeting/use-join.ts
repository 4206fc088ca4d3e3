import type { Meeting } from '@gomeet/protocol';
import { useCallback, useEffect, useRef, useState } from 'react';
import { joinAsGuest } from '../api/auth';
import { getMeeting, requestJoin } from '../api/meetings';
import { ApiError, describeError } from '../api/problem';
import { busyMessage, retryWhenBusy } from '../api/retry-after';
import { getGuest } from '../api/session-store';
import { requireKeyFor } from '../e2ee/meeting-key';
import type { JoinForm } from '../prejoin/PreJoin';
import { useSession } from '../use-session';
import type { Admission, ExitReason, Joined, Stage } from './stage';

const PASSCODE_KINDS = new Set(['passcode-required', 'wrong-passcode']);
/** Refusals that are a full screen, not a note on the pre-join form. */
const REFUSALS: Record<string, ExitReason> = {
  'meeting-ended': 'ended',
  'meeting-locked': 'locked',
  'removed-from-meeting': 'removed',
  'lobby-denied': 'denied',
};

/**
 * The way into a meeting: guest pass, passcode, lobby wait, token; and the way out.
 * `onJoined` hears of a token the moment it arrives, before the room renders.
 */
export function useJoin(code: string, onJoined?: (join: Joined) => void) {
  const session = useSession();
  const [meeting, setMeeting] = useState<Meeting | null>(null);
  const [stage, setStage] = useState<Stage>({ name: 'prejoin' });
  const [error, setError] = useState<string | null>(null);
  const [askPasscode, setAskPasscode] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const passcode = useRef<string | undefined>(undefined);
  const joinedRef = useRef(onJoined);
  joinedRef.current = onJoined;
  const enter = useCallback((join: Joined) => {
    requireKeyFor(join);
    joinedRef.current?.(join);
    setStage({ name: 'room', join });
  }, []);

  const fail = useCallback((e: unknown) => {
    const refusal = e instanceof ApiError ? REFUSALS[e.kind] : undefined;
    if (refusal) {
      setStage({ name: 'over', reason: refusal });
      return;
    }
    if (e instanceof ApiError && PASSCODE_KINDS.has(e.kind)) setAskPasscode(true);
    setStage({ name: 'prejoin' });
    setError(describeError(e));
  }, []);

  const loadMeeting = useCallback(() => {
    getMeeting(code).then(
      (m) => {
        setMeeting(m);
        if (m.state === 'ended' || m.state === 'cancelled')
          setStage({ name: 'over', reason: 'ended' });
      },
      (e: unknown) => {
        // Anything but "gone" or "no such meeting" can wait until the join attempt says more.
        if (e instanceof ApiError && (e.status === 404 || e.status === 410)) fail(e);
      },
    );
  }, [code, fail]);

  useEffect(() => {
    if (session || getGuest(code)) loadMeeting();
  }, [code, session, loadMeeting]);

  const countDown = useCallback(
    (seconds: number | null) => setNotice(seconds === null ? null : busyMessage('join', seconds)),
    [],
  );

  // The room needs the meeting's settings (mute on entry, screen share) as it connects, so
  // they are fetched alongside the token and both land in the same render.
  const attempt = useCallback(async () => {
    performance.mark('gomeet:join-request');
    const [result, info] = await Promise.all([
      retryWhenBusy(() => requestJoin(code, passcode.current), { onWait: countDown }),
      meeting ?? getMeeting(code).catch(() => null),
    ]);
    performance.mark('gomeet:join-answered');
    setMeeting(info);
    if (result.status === 'joined') enter(result);
    else setStage({ name: 'waiting', identity: result.identity });
  }, [code, meeting, countDown, enter]);

  const join = useCallback(
    async (form: JoinForm) => {
      setBusy(true);
      setError(null);
      passcode.current = form.passcode;
      try {
        if (!session) {
          const guest = getGuest(code);
          if (!guest || guest.displayName !== form.displayName) {
            await retryWhenBusy(() => joinAsGuest(code, form.displayName), {
              onWait: countDown,
            });
          }
        }
        await attempt().catch(async (e: unknown) => {
          // A guest pass that expired or was revoked since we stored it: get a fresh one.
          if (session || !(e instanceof ApiError) || e.status !== 401) throw e;
          await retryWhenBusy(() => joinAsGuest(code, form.displayName), { onWait: countDown });
          await attempt();
        });
      } catch (e) {
        fail(e);
      } finally {
        setBusy(false);
        setNotice(null);
      }
    },
    [attempt, code, countDown, fail, session],
  );

  // The lobby socket says when a host lets us in, with the LiveKit token to connect with.
  const admitted = useCallback(
    (a: Admission) => {
      if (stage.name !== 'waiting') return;
      try {
        enter({ status: 'joined', identity: stage.identity, ...a });
      } catch (e) {
        fail(e);
      }
    },
    [stage, enter, fail],
  );

  return {
    session,
    meeting,
    stage,
    error,
    notice,
    askPasscode,
    busy,
    join: (form: JoinForm) => void join(form),
    exit: (reason: ExitReason) => setStage({ name: 'over', reason }),
    admitted,
    /** Let in before the socket was up: ask again, an admitted join answers with a token. */
    retry: () => void attempt().catch(fail),
    backToPrejoin: () => setStage({ name: 'prejoin' }),
  };
}
