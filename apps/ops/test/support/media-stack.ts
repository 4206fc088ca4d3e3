/**
 * GoMeet and a LiveKit node on the test namespace's server address (192.0.2.1), so that
 * @livekit/rtc-node bots can reach both. Run inside `startInTestNetns`.
 */
import { freePort, stopChild } from '@gomeet/testing';
import { startLiveKitNode, TEST_LIVEKIT_KEYS, type LiveKitNode } from './livekit-node.js';

export const SERVER_ADDRESS = '192.0.2.1';

export interface MediaStack {
  url: string;
  livekit: LiveKitNode;
  close(): Promise<void>;
}

/** Starts LiveKit on 192.0.2.1 (free ports) and the all-in-one server pointing at it. */
export async function startMediaStack(options: { redisUrl?: string } = {}): Promise<MediaStack> {
  const { startGoMeet } = await import('@gomeet/server');
  const port = await freePort(SERVER_ADDRESS);
  const [lk, metrics, udp, tcp] = [
    await freePort(SERVER_ADDRESS),
    await freePort(SERVER_ADDRESS),
    await freePort(SERVER_ADDRESS),
    await freePort(SERVER_ADDRESS),
  ];
  const livekit = await startLiveKitNode({
    address: SERVER_ADDRESS,
    port: lk,
    metricsPort: metrics,
    udpPort: udp,
    tcpPort: tcp,
    webhookUrl: `http://${SERVER_ADDRESS}:${port}/livekit/webhook`,
    ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
  });
  try {
    const gomeet = await startGoMeet({
      host: SERVER_ADDRESS,
      port,
      logLevel: false,
      env: {
        LIVEKIT_URL: livekit.url,
        LIVEKIT_API_KEY: TEST_LIVEKIT_KEYS.apiKey,
        LIVEKIT_API_SECRET: TEST_LIVEKIT_KEYS.apiSecret,
        ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
      },
    });
    return {
      url: gomeet.url,
      livekit,
      close: async () => {
        await gomeet.close();
        await livekit.stop();
      },
    };
  } catch (error) {
    await stopChild(livekit.child);
    throw error;
  }
}
