import { EXIT, ExitError } from '../../cli/exit.js';

/** cost-monitor's own options, as commander hands them over (strings until parsed). */
export interface CostOptions {
  budget?: string;
  historicalDays?: string;
  email?: string;
  participants?: string;
  perMeeting?: string;
  downstreamMbps?: string;
  hoursPerDay?: string;
  sfuVcpuPerParticipant?: string;
  sizes?: string;
  nodeSize?: string;
  prices?: string;
}

/** Parses a positive number option; absent gives `fallback`, nonsense is a usage error (exit 2). */
export function numberOption(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0)
    throw new ExitError(EXIT.USAGE, `${flag} needs a positive number, not "${text}"`);
  return n;
}

/** The monthly budget: --budget, else BUDGET_USD, else 35,000 (the runbook's own figure). */
export function budgetOf(o: CostOptions, env: NodeJS.ProcessEnv): number {
  return numberOption(o.budget ?? env.BUDGET_USD, '--budget', 35_000);
}
