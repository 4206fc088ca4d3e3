/**
 * A child process of {@link startControlPool}: holds control-plane participants' LiveKit
 * connections — rtc-node rooms that publish and subscribe nothing, but connect their transports
 * as a browser does (LiveKit removes a participant whose ICE never connects after a minute).
 */
import { Room, dispose } from '@livekit/rtc-node';
import { guardHandleDrops, within } from './media.js';
import type { PoolReply, PoolRequest } from './control-pool.js';

guardHandleDrops();
const rooms = new Map<number, Room>();
const reply = (message: PoolReply) => process.send?.(message);

process.on('message', (m: PoolRequest) => {
  if (m.type === 'connect') {
    const room = new Room();
    const started = performance.now();
    room.connect(m.url, m.token, { autoSubscribe: false, dynacast: false }).then(
      () => {
        rooms.set(m.id, room);
        reply({ type: 'connected', id: m.id, connectMs: performance.now() - started });
      },
      (error: unknown) => reply({ type: 'failed', id: m.id, error: String(error) }),
    );
  } else if (m.type === 'leave') {
    const room = rooms.get(m.id);
    rooms.delete(m.id);
    void within(5_000, room?.disconnect() ?? Promise.resolve()).then(() =>
      reply({ type: 'left', id: m.id }),
    );
  } else {
    void within(
      10_000,
      Promise.all([...rooms.values()].map((r) => r.disconnect())).then(() => dispose()),
    ).then(() => process.exit(0));
  }
});
