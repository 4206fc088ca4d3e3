import type { BreakoutState, HelpRequest } from '@gomeet/protocol';
import { useEffect, useState } from 'react';
import { useRealtimeContext, useRealtimeEvents } from '../../realtime/RealtimeContext';
import { isHost } from '../../realtime/realtime-state';
import { getBreakouts } from './breakouts-api';

/** Help requests nobody answered yet: the rooms are open and no host went to that room. */
function stillWaiting(help: HelpRequest[], state: BreakoutState, hosts: Set<string>) {
  if (!state.open) return [];
  const visited = new Set(
    Object.entries(state.assignments)
      .filter(([identity]) => hosts.has(identity))
      .map(([, room]) => room),
  );
  return help.filter((h) => !visited.has(h.room));
}

/**
 * The meeting's breakout rooms: read once (and after each socket reconnect), then kept current
 * by `breakouts.updated`; hosts also collect help requests.
 */
export function useBreakoutState(code: string) {
  const { state: rt } = useRealtimeContext();
  const [state, setState] = useState<BreakoutState | null>(null);
  const [help, setHelp] = useState<HelpRequest[]>([]);
  const welcomes = rt.welcomes;
  const hosts = new Set(rt.participants.filter((p) => isHost(p.role)).map((p) => p.identity));
  const role = rt.you?.role;

  useEffect(() => {
    if (welcomes === 0) return;
    let live = true;
    getBreakouts(code).then(
      (view) => {
        if (!live) return;
        setState(view);
        setHelp(view.help ?? []);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [code, welcomes, role]);

  useRealtimeEvents((m) => {
    if (m.type === 'breakouts.updated') {
      setState(m.state);
      setHelp((list) => stillWaiting(list, m.state, hosts));
    }
    if (m.type === 'breakouts.help')
      setHelp((list) => [...list.filter((h) => h.identity !== m.request.identity), m.request]);
  });
  return { state, help, setState };
}
