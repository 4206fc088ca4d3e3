import type { Estimate } from './model.js';
import type { DigitalOceanApi } from '../../cli/digitalocean.js';

/** ok under 80 % of the budget, warning from 80 %, over above 100 % (exit 1). */
export type BudgetStatus = 'ok' | 'warning' | 'over';

/** Spend set against the budget, from the API's month-to-date usage or else the estimate. */
export interface BudgetCheck {
  budgetUsd: number;
  spendSource: 'month-to-date' | 'estimate';
  monthToDateUsd: number | null;
  projectedMonthUsd: number;
  percentOfBudget: number;
  status: BudgetStatus;
}

/** Share of the budget from which the status is a warning. */
export const WARN_SHARE = 0.8;

/** Month-to-date spend projected linearly over the month; without an API, the estimate's total. */
export async function checkBudget(
  budgetUsd: number,
  estimate: Estimate,
  api: DigitalOceanApi | undefined,
  now: Date,
): Promise<BudgetCheck> {
  let monthToDateUsd: number | null = null;
  let projectedMonthUsd = estimate.totalMonthlyUsd;
  if (api) {
    monthToDateUsd = (await api.balance()).monthToDateUsageUsd;
    const daysInMonth = new Date(
      Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0),
    ).getUTCDate();
    const elapsedDays =
      now.getUTCDate() - 1 + (now.getUTCHours() * 60 + now.getUTCMinutes()) / 1440;
    projectedMonthUsd =
      Math.round((monthToDateUsd / Math.max(elapsedDays, 1)) * daysInMonth * 100) / 100;
  }
  const share = projectedMonthUsd / budgetUsd;
  return {
    budgetUsd,
    spendSource: api ? 'month-to-date' : 'estimate',
    monthToDateUsd,
    projectedMonthUsd,
    percentOfBudget: Math.round(share * 1000) / 10,
    status: share > 1 ? 'over' : share >= WARN_SHARE ? 'warning' : 'ok',
  };
}
