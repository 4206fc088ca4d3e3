import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';

/** A message handler; receives the published payload, already parsed. */
export type BusHandler = (message: unknown, topic: string) => void;

/**
 * Publish/subscribe by topic. Two implementations: in-process (one server) and Redis pub/sub
 * (many pods). Callers never know which one runs.
 */
export interface Bus {
  publish(topic: string, message: unknown): Promise<void>;
  /** Subscribes to one topic; returns a function that unsubscribes. */
  subscribe(topic: string, handler: BusHandler): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** A bus inside one process. Delivery is asynchronous, like the Redis one. */
export function createInProcessBus(): Bus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish(topic, message) {
      // Serialise like Redis would, so no subscriber can mutate another's copy.
      const payload = JSON.stringify(message);
      queueMicrotask(() => emitter.emit(topic, JSON.parse(payload), topic));
      return Promise.resolve();
    },
    subscribe(topic, handler) {
      emitter.on(topic, handler);
      return Promise.resolve(() => {
        emitter.off(topic, handler);
        return Promise.resolve();
      });
    },
    close() {
      emitter.removeAllListeners();
      return Promise.resolve();
    },
  };
}

/**
 * A bus over Redis pub/sub. `publisher` is a normal client; the subscriber connection is
 * duplicated from it because a subscribed Redis connection can run no other command.
 */
export function createRedisBus(publisher: Redis): Bus {
  // No ready check: its INFO would be refused once SUBSCRIBE is queued (the connection is then
  // in subscriber mode), and the failed check could leave the subscription unsent.
  const subscriber = publisher.duplicate({ enableReadyCheck: false });
  // Errors surface through the publisher's handler and /readyz; ioredis resubscribes on reconnect.
  subscriber.on('error', () => undefined);
  const handlers = new Map<string, Set<BusHandler>>();
  subscriber.on('message', (topic: string, payload: string) => {
    const set = handlers.get(topic);
    if (!set) return;
    const message: unknown = JSON.parse(payload);
    for (const handler of set) handler(message, topic);
  });
  return {
    async publish(topic, message) {
      await publisher.publish(topic, JSON.stringify(message));
    },
    async subscribe(topic, handler) {
      let set = handlers.get(topic);
      if (!set) {
        set = new Set();
        handlers.set(topic, set);
        await subscriber.subscribe(topic);
      }
      set.add(handler);
      return async () => {
        set.delete(handler);
        if (set.size === 0 && handlers.get(topic) === set) {
          handlers.delete(topic);
          await subscriber.unsubscribe(topic);
        }
      };
    },
    async close() {
      handlers.clear();
      subscriber.disconnect();
      return Promise.resolve();
    },
  };
}
