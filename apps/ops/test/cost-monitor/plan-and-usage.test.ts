import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/commands/cost-monitor/plan.js';
import { runCli } from '../harness/run-cli.js';

const offline = { env: {}, fetch: () => Promise.reject(new Error('no network in tests')) };

describe('cost-monitor plan and command line', () => {
  it('plans 50,000 participants in meetings of 500 and states the SFU CPU assumption', async () => {
    const r = await runCli(
      [
        'cost-monitor',
        'plan',
        '--participants',
        '50000',
        '--per-meeting',
        '500',
        '--format',
        'json',
      ],
      offline,
    );
    const plan = r.json<Plan>();
    expect(r.code).toBe(0);
    expect(plan.options.map((o) => [o.size, o.nodes, o.limitedBy])).toEqual([
      ['c-32', 54, 'network'],
      ['c-32-intel', 14, 'cpu'],
    ]);
    expect(plan.options[0]?.costPerParticipantHourUsd).toBeGreaterThan(0);
    // The capacity model's figure, naming where each part comes from.
    expect(plan.assumptions[0]).toMatch(
      /^SFU CPU: 0\.0057 vCPU per participant at 1\.5 Mbps down \(289 Mbps forwarded per core from LiveKit published benchmark/,
    );
    expect(plan.assumptions[0]).toContain('bench/meeting-500.ts');
    expect(plan.options[0]?.participantsPerNode).toBe(933);
  });

  it('takes the traffic options of plan and prints text by default', async () => {
    const r = await runCli(
      [
        'cost-monitor',
        'plan',
        '--participants',
        '5000',
        '--downstream-mbps',
        '3',
        '--hours-per-day',
        '4',
        '--sizes',
        'c-16',
      ],
      offline,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Plan for 5,000 participants in 10 meetings of 500: 15 Gbps down at peak/,
    );
    expect(r.stdout).toContain('c-16');
  });

  it('accepts the runbook command lines with options before the subcommand', async () => {
    expect((await runCli(['cost-monitor', '--format', 'json', 'report'], offline)).code).toBe(0);
    expect(
      (await runCli(['cost-monitor', '--historical-days', '30', 'report'], offline)).code,
    ).toBe(0);
    const monitor = await runCli(['cost-monitor', '--budget', '35000', 'monitor'], offline);
    expect(monitor.stdout).toMatch(
      /^Budget \$35,000\.00: estimated month \$84,845\.41 = 242\.4% → OVER/,
    );
    // Without DIGITALOCEAN_TOKEN monitor prices the declared architecture (two pools, Valkey).
    expect(monitor.stdout).toContain('priced the declared architecture');
    expect(monitor.stdout).toContain('Managed valkey gomeet-redis db-s-8vcpu-32gb');
    expect(monitor.stdout).toContain('runbook "Estimated monthly cost"         $27,048.00');
    expect(monitor.code).toBe(1);
    expect((await runCli(['cost-monitor', '--budget', '100000', 'monitor'], offline)).code).toBe(0);
  });

  it('rejects nonsense numbers and unknown sizes as usage errors (exit 2)', async () => {
    const r = await runCli(['cost-monitor', '--budget', 'lots', 'monitor'], offline);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: --budget needs a positive number, not "lots"\n');
    expect((await runCli(['cost-monitor', 'plan', '--sizes', 'c-999'], offline)).code).toBe(2);
    expect((await runCli(['cost-monitor', 'forecast'], offline)).code).toBe(2);
  });
});
