import { describe, expect, it } from 'vitest';
import { createApp, createMetrics } from '../src/index.js';

describe('gomeet_dependency_up', () => {
  it('exports the outcome of each /readyz check, 1 when it passes and 0 when it fails', async () => {
    let databaseUp = true;
    const app = createApp({
      service: 'meeting',
      metrics: createMetrics(),
      logLevel: false,
      readiness: [
        {
          name: 'database',
          check: () => (databaseUp ? Promise.resolve() : Promise.reject(new Error('down'))),
        },
        { name: 'redis', check: () => Promise.resolve() },
      ],
    });
    const scrape = async () => (await app.inject({ method: 'GET', url: '/metrics' })).body;

    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    expect(await scrape()).toContain(
      'gomeet_dependency_up{service="meeting",dependency="database"} 1',
    );

    databaseUp = false;
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503);
    const text = await scrape();
    expect(text).toContain('gomeet_dependency_up{service="meeting",dependency="database"} 0');
    expect(text).toContain('gomeet_dependency_up{service="meeting",dependency="redis"} 1');
    await app.close();
  });
});
