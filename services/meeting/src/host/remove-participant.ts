import { AppError, publishToMeeting, roster } from '@gomeet/platform';
import type { Ctx } from '../deps.js';
import { closeAttendance } from '../join/repo.js';
import { seats } from '../join/seats.js';
import { loadMeetingToModerate } from '../meetings/access.js';
import { lockMeeting } from '../meetings/repo.js';
import { insertBan } from '../roster/bans.js';
import { announceLobbyLeft, putRoster, sendGuestsToLobby } from '../roster/roster-store.js';
import { kickFromRoom } from './room-service.js';

function defaultRole(identity: string) {
  return identity.startsWith('guest:') ? ('guest' as const) : ('participant' as const);
}

/**
 * Removes someone from a meeting for good (host and co-hosts; never the host): a ban row,
 * their stay closed, roster "removed", `participant.removed` to everyone (signaling closes
 * their socket), and a disconnect from the LiveKit room. Removing twice changes nothing more.
 * From then on new guests of the meeting wait in the lobby, where hosts see who was removed:
 * a guest pass is a new identity each time, so the ban alone cannot recognise them.
 */
export async function removeParticipant({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { code: string; identity: string };
}): Promise<void> {
  const meeting = await loadMeetingToModerate(ctx, input.code, 'remove people');
  if (input.identity === meeting.host_id) {
    throw new AppError('FORBIDDEN', 'Nobody can remove the host from their meeting.', {
      type: 'cannot-remove-host',
    });
  }
  const code = meeting.code;
  const now = ctx.now();
  // Under the meeting's row lock, like joins and admissions, so no seat opens after the ban.
  await ctx.db.transaction().execute(async (trx) => {
    await lockMeeting(trx, code);
    await insertBan(trx, {
      meeting_code: code,
      identity: input.identity,
      banned_by: ctx.actor.id,
      banned_at: now,
    });
    await closeAttendance(trx, code, now, input.identity);
  });
  await seats.release(ctx.live, code, input.identity);
  await ctx.meetings.forget(code);
  // The ban is written before the roster entry: see putMemberUnlessBanned.
  const entry = await roster.get(ctx.live, code, input.identity);
  const person = {
    identity: input.identity,
    name: entry?.name ?? input.identity,
    role: entry?.role ?? defaultRole(input.identity),
  };
  await putRoster(ctx, code, person, 'removed');
  await sendGuestsToLobby(ctx, code);
  await publishToMeeting(ctx.bus, code, { type: 'participant.removed', identity: input.identity });
  if (entry?.state === 'waiting') {
    // A lobby socket only hears lobby messages: this one closes it.
    await publishToMeeting(
      ctx.bus,
      code,
      { type: 'lobby.denied' },
      { identities: [input.identity] },
    );
    await announceLobbyLeft(ctx, code, input.identity);
  }
  await kickFromRoom(ctx, code, input.identity);
}
