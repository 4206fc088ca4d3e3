import { AppError, breakoutStore, publishToMeeting } from '@gomeet/platform';
import type { BreakoutState } from '@gomeet/protocol';
import type { Ctx } from '../deps.js';
import { loadBreakoutsToRun, publicState, saveBreakouts } from './breakout-state.js';

type Input<T = object> = { ctx: Ctx; input: { code: string } & T };

/** The 409 for an action that needs the rooms open. */
export function notOpen(): AppError {
  return new AppError('CONFLICT', 'The breakout rooms are not open.', {
    type: 'breakouts-not-open',
  });
}

/**
 * When the rooms' timer runs out, tells everyone they closed. Best effort from the instance
 * that opened them: every reader already treats a run-out timer as closed, and each client
 * counts down and moves back on its own, so a restart in between loses nothing.
 */
function closeWhenDue(ctx: Ctx, code: string, endsAt: string): void {
  const timer = setTimeout(
    () => {
      void (async () => {
        const stored = await breakoutStore.read(ctx.live, code);
        if (!stored?.open || stored.endsAt !== endsAt) return;
        await saveBreakouts(ctx, code, { ...stored, open: false, endsAt: null, help: [] });
      })().catch((err: unknown) => ctx.log.warn({ err }, 'breakout timer could not close'));
    },
    Date.parse(endsAt) - ctx.now().getTime(),
  );
  timer.unref();
}

/**
 * Opens the rooms (host and co-hosts): everyone assigned moves to their room's LiveKit room
 * (each client asks for its token when `breakouts.updated` says so). With a duration the rooms
 * close on their own.
 */
export async function openBreakouts({
  ctx,
  input,
}: Input<{ durationSeconds?: number | undefined }>): Promise<BreakoutState> {
  const { meeting, state } = await loadBreakoutsToRun(ctx, input.code, 'open breakout rooms');
  if (state.rooms.length === 0)
    throw new AppError('CONFLICT', 'Create breakout rooms first.', { type: 'no-breakout-rooms' });
  const endsAt = input.durationSeconds
    ? new Date(ctx.now().getTime() + input.durationSeconds * 1000).toISOString()
    : null;
  const opened = await saveBreakouts(ctx, meeting.code, { ...state, open: true, endsAt, help: [] });
  if (endsAt) closeWhenDue(ctx, meeting.code, endsAt);
  return publicState(opened);
}

/** Brings everyone back to the main room (host and co-hosts); rooms and groups are kept. */
export async function closeBreakouts({ ctx, input }: Input): Promise<BreakoutState> {
  const { meeting, state } = await loadBreakoutsToRun(ctx, input.code, 'close breakout rooms');
  const closed = { ...state, open: false, endsAt: null, help: [] };
  return publicState(await saveBreakouts(ctx, meeting.code, closed));
}

/** A host's message to every room (409 unless the rooms are open). */
export async function broadcastToRooms({ ctx, input }: Input<{ text: string }>): Promise<void> {
  const { meeting, state } = await loadBreakoutsToRun(ctx, input.code, 'message breakout rooms');
  if (!state.open) throw notOpen();
  await publishToMeeting(ctx.bus, meeting.code, {
    type: 'breakouts.broadcast',
    from: ctx.actor.name,
    text: input.text,
  });
}
