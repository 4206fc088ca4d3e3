import { randomUUID } from 'node:crypto';
import type { BotPlan, MediaBot } from './media.js';
import {
  createHostedMeeting,
  joinAs,
  post,
  type Api,
  type OnFrame,
  type Participant,
  type ParticipantKind,
} from './participant.js';
import { buildReport, type LoadtestReport } from './report.js';
import { sfuProbe, type SfuSample } from './stats.js';

/** Everything `gomeet-ops loadtest` was asked to do. */
export interface LoadtestInput {
  target: URL;
  meetings: number;
  participants: number;
  /** Publishers per meeting (the host is the first). */
  publishers: number;
  /** Control-plane-only clients per meeting (LiveKit signalling, no media). */
  controlOnly: number;
  /** Joins per second across all meetings. */
  ramp: number;
  /** Seconds everyone stays after the last join. */
  durationS: number;
  /** Chat messages per second per meeting. */
  chatRate: number;
  /** Reactions per second per meeting. */
  reactions: number;
  lobby: boolean;
  videoPage: number;
  width: number;
  height: number;
  fps: number;
  /** Frames per track read into JS before the bot stops copying them (0: all). */
  frameSample?: number;
  sfuMetricsUrl?: string;
  sfuPid?: number;
}

/** Outside things the run touches; tests and benches hand in their own. */
export interface LoadtestDeps {
  fetch: typeof fetch;
  startBot: (url: string, token: string, plan: BotPlan) => Promise<MediaBot>;
  /** Live progress line (stderr on a TTY), or undefined for none. */
  progress?: (line: string) => void;
  signal?: AbortSignal;
  /** Called when the steady phase (everyone in, chat flowing) starts and ends; benches sample here. */
  onSteady?: (phase: 'start' | 'end') => Promise<void>;
}

/** The kind of participant `i` (0 = host) of a meeting. */
export function kindOf(i: number, input: LoadtestInput): ParticipantKind {
  if (i < input.publishers) return 'publisher';
  if (i >= input.participants - input.controlOnly) return 'control';
  return 'subscriber';
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

/** Measured deliveries of chat and reactions: one latency per receiving socket. */
interface FanOut {
  sent: number;
  expected: number;
  latencies: number[];
}

/**
 * Runs the load test: hosts create meetings, participants join at `ramp` per second, chat and
 * reactions flow for `durationS`, then everyone leaves. Bounded: the ramp, the duration and
 * a 60 s margin for joins and leaving; an abort ends it early with what was measured.
 */
export async function runLoadtest(
  input: LoadtestInput,
  deps: LoadtestDeps,
): Promise<LoadtestReport> {
  const api: Api = { base: input.target, fetch: deps.fetch };
  const startedAt = performance.now();
  const hardStop = AbortSignal.any([
    ...(deps.signal ? [deps.signal] : []),
    AbortSignal.timeout(
      Math.ceil(((input.meetings * input.participants) / input.ramp + input.durationS + 60) * 1000),
    ),
  ]);
  const chat: FanOut = { sent: 0, expected: 0, latencies: [] };
  const reactions: FanOut = { sent: 0, expected: 0, latencies: [] };
  const chatSentAt = new Map<string, number>();
  const reactionSentAt = new Map<string, number>();
  const errors: string[] = [];
  const participants: Participant[] = [];
  const joining: Promise<void>[] = [];

  const onFrameFor =
    (admit?: (identity: string) => void): OnFrame =>
    (frame, at) => {
      if (frame.type === 'chat.message') {
        const sent = chatSentAt.get((frame.message as { clientId: string }).clientId);
        if (sent !== undefined) chat.latencies.push(at - sent);
      } else if (frame.type === 'reaction') {
        const sent = reactionSentAt.get(frame.identity as string);
        if (sent !== undefined) reactions.latencies.push(at - sent);
      } else if (frame.type === 'lobby.waiting' && admit) {
        admit((frame.entry as { identity: string }).identity);
      }
    };
  const planFor = (kind: ParticipantKind): BotPlan => ({
    publish: kind === 'publisher',
    subscribe: kind !== 'control',
    videoPage: input.videoPage,
    width: input.width,
    height: input.height,
    fps: input.fps,
    frameSample: input.frameSample ?? 0,
  });

  // Hosts first: each signs up, creates its meeting and joins it (admitting the lobby).
  const meetings: { code: string; members: Participant[] }[] = [];
  for (let m = 0; m < input.meetings && !hardStop.aborted; m += 1) {
    try {
      const hosted = await createHostedMeeting(api, m, input.lobby);
      const admit = (identity: string) =>
        void post(
          api,
          `/api/meetings/${hosted.code}/lobby/${identity}/admit`,
          {},
          hosted.accessToken,
        ).catch((e: unknown) => errors.push(`admit: ${String(e)}`));
      const host = await joinAs({
        api,
        meeting: hosted.code,
        kind: kindOf(0, input),
        name: `Host ${m + 1}`,
        accessToken: hosted.accessToken,
        bot: planFor(kindOf(0, input)),
        startBot: deps.startBot,
        onFrame: onFrameFor(admit),
        admitTimeoutMs: 30_000,
      });
      participants.push(host);
      meetings.push({ code: hosted.code, members: [host] });
    } catch (error) {
      errors.push(`create meeting: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  // Guests, interleaved across meetings at `ramp` joins per second.
  const progress = setInterval(() => {
    const joined = participants.filter((p) => p.result.joined).length;
    const failed = participants.filter((p) => p.result.error).length;
    const frames = participants.reduce((n, p) => n + (p.bot?.media.videoFrames ?? 0), 0);
    deps.progress?.(
      `joined ${joined}/${input.meetings * input.participants}, failed ${failed}, frames ${frames}, chat ${chat.latencies.length}/${chat.expected}`,
    );
  }, 1000);
  for (let i = 1; i < input.participants && !hardStop.aborted; i += 1) {
    for (const meeting of meetings) {
      if (hardStop.aborted) break;
      const kind = kindOf(i, input);
      joining.push(
        joinAs({
          api,
          meeting: meeting.code,
          kind,
          name: `Bot ${i + 1}`,
          bot: planFor(kind),
          startBot: deps.startBot,
          onFrame: onFrameFor(),
          admitTimeoutMs: 30_000,
        }).then((p) => {
          participants.push(p);
          meeting.members.push(p);
        }),
      );
      await sleep(1000 / input.ramp, hardStop);
    }
  }
  await Promise.race([Promise.all(joining), sleep(60_000, hardStop)]);

  // Steady phase: chat and reactions, SFU sampled every 2 s.
  const probe = sfuProbe(deps.fetch, input.sfuMetricsUrl, input.sfuPid);
  await deps.onSteady?.('start');
  const samples: SfuSample[] = [await probe.sample()];
  const steadyEnd = performance.now() + input.durationS * 1000;
  const tick = 100;
  let chatDebt = 0;
  let reactionDebt = 0;
  let lastSample = performance.now();
  while (performance.now() < steadyEnd && !hardStop.aborted) {
    chatDebt += (input.chatRate * tick) / 1000;
    reactionDebt += (input.reactions * tick) / 1000;
    for (const meeting of meetings) {
      const live = meeting.members.filter((p) => p.result.joined);
      if (!live.length) continue;
      const pick = () => live[Math.floor(Math.random() * live.length)]!;
      for (let n = 0; n < Math.floor(chatDebt); n += 1) {
        const from = pick();
        const clientId = randomUUID();
        chatSentAt.set(clientId, performance.now());
        chat.sent += 1;
        chat.expected += live.length;
        void post(
          api,
          `/api/chat/${meeting.code}/messages`,
          { clientId, text: `loadtest ${clientId}` },
          from.accessToken,
        ).catch((e: unknown) => errors.push(`chat: ${String(e)}`));
      }
      for (let n = 0; n < Math.floor(reactionDebt); n += 1) {
        const from = pick();
        reactionSentAt.set(from.identity, performance.now());
        reactions.sent += 1;
        reactions.expected += live.length;
        from.send({ type: 'reaction', emoji: '👍' });
      }
    }
    chatDebt -= Math.floor(chatDebt);
    reactionDebt -= Math.floor(reactionDebt);
    if (performance.now() - lastSample > 2000) {
      lastSample = performance.now();
      samples.push(await probe.sample());
    }
    await sleep(tick, hardStop);
  }
  samples.push(await probe.sample());
  await deps.onSteady?.('end');
  clearInterval(progress);
  // Let the last deliveries land, then everyone leaves (bots read their transport stats first).
  await sleep(500);
  await Promise.all(participants.map((p) => p.leave()));
  return buildReport({
    input,
    participants,
    chat,
    reactions,
    errors,
    sfu: { source: probe.source, samples },
    durationS: (performance.now() - startedAt) / 1000,
  });
}
