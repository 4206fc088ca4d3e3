import { randomUUID } from 'node:crypto';
import type { Presence, Role, ServerMessage } from '@gomeet/protocol';
import WebSocket from 'ws';
import { FrameLimiter } from './frame-limits.js';

/**
 * The meeting a connection is seated in, as far as the connection needs to know it (the
 * hub's LocalMeeting is one); declared here so connection and meeting do not import each other.
 */
export interface MeetingSlot {
  readonly code: string;
  readonly sockets: Map<string, Connection>;
  /** Set on meeting.ended. */
  ended: boolean;
}

/** Where a socket stands: saying hello, in the lobby, a full member, or gone. */
export type ConnectionState = 'hello' | 'waiting' | 'member' | 'closed';

/**
 * One participant's socket on this instance. Kept small on purpose (tens of thousands per
 * process): no timers of its own (the hub sweeps), no bus subscription of its own.
 */
export class Connection {
  readonly id = randomUUID();
  readonly connectedAt = Date.now();
  state: ConnectionState = 'hello';
  identity = '';
  /** The signed-in session the socket's token belongs to (guests have none). */
  sessionId: string | undefined;
  name = '';
  role: Role = 'participant';
  meeting: MeetingSlot | undefined;
  /** This participant's presence, owned by this connection while it is a member. */
  presence: Presence | undefined;
  /** When this connection claimed its identity (epoch ms); a newer claim replaces it. */
  claimedAt = 0;
  /** Pings sent without a pong since the last pong. */
  missedPongs = 0;
  /** Set when another connection took over the identity, or the instance is going away. */
  superseded = false;
  /** Per-type token buckets for the frames this client sends. */
  readonly limiter = new FrameLimiter();
  /** Events that arrive while the welcome snapshot is being built; flushed after it. */
  held: Buffer[] | undefined;
  /** Client frames are handled one after another, in arrival order. */
  private queue: Promise<void> = Promise.resolve();

  constructor(readonly ws: WebSocket) {}

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Runs `task` after the connection's earlier tasks; a failure goes to `onError`. */
  run(task: () => Promise<void>, onError: (error: unknown) => void): void {
    this.queue = this.queue.then(task).catch(onError);
  }

  /** Sends one message (serialised here: for replies to this socket only). */
  send(message: ServerMessage): void {
    this.sendData(Buffer.from(JSON.stringify(message)));
  }

  /** Sends an already serialised message (fan-out serialises once per event). */
  sendData(data: Buffer): void {
    if (this.held) this.held.push(data);
    else if (this.open) this.ws.send(data, { binary: false });
  }

  /** Sends `first` (the welcome), then what was held back while it was built. */
  release(first: ServerMessage): void {
    const held = this.held;
    this.held = undefined;
    this.send(first);
    for (const data of held ?? []) this.sendData(data);
  }

  /** Sends an error frame. */
  fail(code: string, message: string): void {
    this.send({ type: 'error', code, message });
  }

  /** Closes with a documented close code, unless already closing. */
  close(code: number, reason = ''): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) {
      this.ws.close(code, reason);
    }
  }
}
