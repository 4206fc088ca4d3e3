import { randomUUID } from 'node:crypto';
import type { BotMedia, BotPlan, MediaBot } from './media.js';

/** How a simulated participant takes part. */
export type ParticipantKind = 'publisher' | 'subscriber' | 'control';

/** The HTTP calls a participant makes, against the target's public API. */
export interface Api {
  base: URL;
  fetch: typeof fetch;
}

/** What one participant saw, for the report. */
export interface ParticipantResult {
  meeting: string;
  kind: ParticipantKind;
  joined: boolean;
  /** Guest pass (or sign-up) → join answer "joined" (lobby wait included), ms. */
  joinMs: number | null;
  /** Join answer → LiveKit connected, ms. */
  connectMs: number | null;
  media: BotMedia | null;
  error: string | null;
}

/** A participant in the meeting: its socket, its bot, and how to leave. */
export interface Participant {
  identity: string;
  accessToken: string;
  result: ParticipantResult;
  socket: WebSocket | null;
  bot: MediaBot | null;
  send(message: unknown): void;
  leave(): Promise<void>;
}

/** Called with every socket frame a participant receives (and the time it arrived). */
export type OnFrame = (frame: { type: string; [k: string]: unknown }, at: number) => void;

/** POSTs JSON and returns the parsed answer; a non-2xx answer throws with its status. */
export async function post<T>(api: Api, path: string, body: unknown, token?: string): Promise<T> {
  const res = await api.fetch(new URL(path, api.base), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  if (!res.ok)
    throw new Error(`POST ${path} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  return (await res.json()) as T;
}

interface JoinAnswer {
  status: 'joined' | 'waiting';
  livekitUrl?: string;
  token?: string;
  identity: string;
}

/** Opens /ws and says hello; resolves on `welcome`, rejects on an error frame or after 15 s. */
export function openSocket(
  api: Api,
  meeting: string,
  token: string,
  onFrame: OnFrame,
): Promise<WebSocket> {
  const url = new URL('/ws', api.base);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new WebSocket(url);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      ws.close();
      reject(new Error('no welcome on /ws within 15 s'));
    }, 15_000);
    ws.addEventListener('open', () =>
      ws.send(JSON.stringify({ type: 'hello', v: 1, meeting, token })),
    );
    ws.addEventListener('message', (e: MessageEvent) => {
      const frame = JSON.parse(String(e.data)) as { type: string; message?: string };
      const at = performance.now();
      if (frame.type === 'welcome') {
        clearTimeout(timer);
        resolve(ws);
      } else if (frame.type === 'error') {
        clearTimeout(timer);
        reject(new Error(`/ws: ${frame.message ?? 'error'}`));
      }
      onFrame(frame, at);
    });
    ws.addEventListener('error', () => {
      clearTimeout(timer);
      reject(new Error('/ws connection failed'));
    });
  });
}

/** Inputs of {@link joinAs}. */
export interface JoinInput {
  api: Api;
  meeting: string;
  kind: ParticipantKind;
  name: string;
  /** A host's session; absent: take a guest pass. */
  accessToken?: string;
  bot: BotPlan;
  startBot: (url: string, token: string, plan: BotPlan) => Promise<MediaBot>;
  onFrame: OnFrame;
  /** Lobby: how long to wait for a host to admit. */
  admitTimeoutMs: number;
}

/**
 * Joins as a real client does: guest pass (unless signed in), join (waiting in the lobby until
 * admitted), the realtime socket, then LiveKit. Never throws: failures land in `result.error`.
 */
export async function joinAs(input: JoinInput): Promise<Participant> {
  const result: ParticipantResult = {
    meeting: input.meeting,
    kind: input.kind,
    joined: false,
    joinMs: null,
    connectMs: null,
    media: null,
    error: null,
  };
  const p: Participant = {
    identity: '',
    accessToken: input.accessToken ?? '',
    result,
    socket: null,
    bot: null,
    send: (m) => {
      if (p.socket?.readyState === WebSocket.OPEN) p.socket.send(JSON.stringify(m));
    },
    leave: async () => {
      if (p.bot) {
        await p.bot.stop();
        result.media = p.bot.media;
      }
      p.socket?.close();
    },
  };
  const started = performance.now();
  try {
    if (!p.accessToken) {
      const guest = await post<{ accessToken: string }>(input.api, '/api/auth/guest', {
        meetingCode: input.meeting,
        displayName: input.name,
      });
      p.accessToken = guest.accessToken;
    }
    const joinPath = `/api/meetings/${input.meeting}/join`;
    let answer = await post<JoinAnswer>(input.api, joinPath, {}, p.accessToken);
    p.identity = answer.identity;
    let admitted: ((a: JoinAnswer) => void) | undefined;
    const onFrame: OnFrame = (frame, at) => {
      if (frame.type === 'lobby.admitted' && admitted)
        admitted({ ...(frame as unknown as JoinAnswer), status: 'joined', identity: p.identity });
      input.onFrame(frame, at);
    };
    p.socket = await openSocket(input.api, input.meeting, p.accessToken, onFrame);
    if (answer.status === 'waiting') {
      // Admission arrives on the socket; asking again covers an admit before the socket opened.
      answer = await new Promise<JoinAnswer>((resolve, reject) => {
        admitted = resolve;
        const deadline = Date.now() + input.admitTimeoutMs;
        const poll = async () => {
          if (!admitted) return;
          const again = await post<JoinAnswer>(input.api, joinPath, {}, p.accessToken);
          if (again.status === 'joined') return resolve(again);
          if (Date.now() > deadline)
            return reject(new Error('not admitted from the lobby in time'));
          setTimeout(() => void poll().catch(reject), 1000);
        };
        setTimeout(() => void poll().catch(reject), 1000);
      });
      admitted = undefined;
    }
    const joinedAt = performance.now();
    result.joinMs = joinedAt - started;
    p.bot = await input.startBot(answer.livekitUrl!, answer.token!, input.bot);
    result.connectMs = performance.now() - joinedAt;
    result.joined = true;
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  }
  return p;
}

/** Signs up a host account and creates its meeting; returns the host's token and the code. */
export async function createHostedMeeting(
  api: Api,
  index: number,
  lobby: boolean,
): Promise<{ accessToken: string; code: string }> {
  const session = await post<{ accessToken: string }>(api, '/api/auth/register', {
    email: `loadtest-${randomUUID()}@example.test`,
    password: `lt-${randomUUID()}`,
    displayName: `Loadtest host ${index + 1}`,
  });
  const meeting = await post<{ code: string }>(
    api,
    '/api/meetings',
    { title: `Loadtest ${index + 1}`, settings: { lobby, maxParticipants: 500 } },
    session.accessToken,
  );
  return { accessToken: session.accessToken, code: meeting.code };
}
