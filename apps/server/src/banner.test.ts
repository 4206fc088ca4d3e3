import { describe, expect, it } from 'vitest';
import { startBanner } from './banner.js';

const livekit = { port: 7880, udpPort: 7882, tcpPort: 7881 };

describe('the start-up banner', () => {
  it('says where account mail goes: the folder without SMTP_URL', () => {
    const at = { url: 'http://localhost:8080', livekitUrl: 'ws://127.0.0.1:7880' };
    const media = { tls: false, nodeIp: '127.0.0.1', livekit };
    const folder = startBanner(
      { ...at, media, mail: { mode: 'folder', folder: '/srv/.data/mail' } },
      '127.0.0.1',
    );
    expect(folder).toContain('Mail: no SMTP_URL, written to /srv/.data/mail');
    expect(startBanner({ ...at, media, mail: { mode: 'smtp' } }, '127.0.0.1')).toContain(
      'Mail: over SMTP_URL',
    );
  });

  it('says only this machine can connect on loopback', () => {
    const text = startBanner(
      {
        url: 'http://localhost:8080',
        livekitUrl: 'ws://127.0.0.1:7880',
        media: { tls: false, nodeIp: '127.0.0.1', livekit },
      },
      '127.0.0.1',
    );
    expect(text).toContain('GoMeet is running at http://localhost:8080');
    expect(text).toContain('Only this machine can connect');
  });

  it('tells someone on another machine about HTTPS for camera and microphone, and the ports', () => {
    const text = startBanner(
      {
        url: 'http://192.168.1.20:8080',
        livekitUrl: 'ws://0.0.0.0:7880',
        media: {
          tls: false,
          nodeIp: '192.168.1.20',
          livekit,
          turn: {
            port: 3478,
            relayPorts: [49160, 49359],
            urls: ['turn:192.168.1.20:3478?transport=udp'],
            logFile: '/data/coturn/turnserver.log',
          },
        },
      },
      '0.0.0.0',
    );
    expect(text).toContain('Others open http://192.168.1.20:8080');
    expect(text).toMatch(/secure origins[\s\S]*TLS_CERT and TLS_KEY/);
    expect(text).toContain('open UDP 7882 and TCP 7881, and TCP 7880');
    expect(text).toContain('relay UDP 49160-49359');
  });

  it('drops the HTTPS advice once TLS is on', () => {
    const text = startBanner(
      {
        url: 'https://192.168.1.20:8443',
        livekitUrl: 'ws://0.0.0.0:7880',
        media: { tls: true, nodeIp: '192.168.1.20', livekit },
      },
      '0.0.0.0',
    );
    expect(text).toContain('Others open https://192.168.1.20:8443');
    expect(text).not.toContain('secure origins');
    expect(text).toContain('open UDP 7882 and TCP 7881 in the firewall');
  });
});
