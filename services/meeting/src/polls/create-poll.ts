import type { CreatePollBody, PollView } from '@gomeet/protocol';
import { randomUUID } from 'node:crypto';
import type { Ctx } from '../deps.js';
import { loadMeetingToModerate } from '../meetings/access.js';
import { presentPollsFor } from './present-poll.js';
import { publishPoll } from './publish-poll.js';
import { insertPoll } from './repo.js';
import { pollDb, type PollRow } from './tables.js';

/**
 * Drafts a poll (host and co-hosts; 403 otherwise, 410 once the meeting is over). Nobody else
 * sees it until it is launched; other hosts hear of it (`poll.updated` to hosts).
 */
export async function createPoll({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { code: string; poll: Required<CreatePollBody> };
}): Promise<PollView> {
  const meeting = await loadMeetingToModerate(ctx, input.code, 'create polls');
  const row: PollRow = {
    id: randomUUID(),
    meeting_code: meeting.code,
    question: input.poll.question,
    multiple: input.poll.multiple,
    anonymous: input.poll.anonymous,
    state: 'draft',
    shared: false,
    created_by: ctx.actor.id,
    created_at: ctx.now(),
    opened_at: null,
    closed_at: null,
  };
  const db = pollDb(ctx.db);
  await insertPoll(db, row, input.poll.options);
  await publishPoll(ctx, row);
  const [view] = await presentPollsFor(db, [row], { identity: ctx.actor.id, host: true });
  if (!view) throw new Error('a stored poll reads back');
  return view;
}
