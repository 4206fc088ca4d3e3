import type { CliDeps, GlobalOptions } from '../../cli/context.js';
import { kubeFor } from '../../cli/context.js';
import { EXIT, ExitError } from '../../cli/exit.js';
import type { Output } from '../../cli/output.js';
import { checkBudget } from './budget.js';
import { deliverAlert } from './email.js';
import { analyseEfficiency } from './efficiency.js';
import { DECLARED, declaredInventory } from './architecture.js';
import { priceInventory, readInventory } from './inventory.js';
import { estimateCost, type Traffic } from './model.js';
import { budgetOf, numberOption, type CostOptions } from './options.js';
import { platformNeeds, sfuVcpuPerParticipant } from '../../capacity/index.js';
import { PLAN_DEFAULTS, modelArchitecture, planCapacity, type PlanInput } from './plan.js';
import { loadPricing, type Pricing } from './pricing-source.js';
import {
  renderBudget,
  renderComparison,
  renderEfficiency,
  renderEstimate,
  renderPlan,
  usd,
} from './render.js';
import { compareWithRunbook } from './runbook-comparison.js';

/** Everything an action needs. */
export interface ActionContext {
  deps: CliDeps;
  g: GlobalOptions;
  o: CostOptions;
  out: Output;
}

/** The crowd the options describe, with SFU and platform CPU from the capacity model. */
function sizingOf(o: CostOptions): Omit<PlanInput, 'sizes'> {
  const participants = numberOption(o.participants, '--participants', 50_000);
  const downstreamMbps = numberOption(
    o.downstreamMbps,
    '--downstream-mbps',
    PLAN_DEFAULTS.downstreamMbps,
  );
  return {
    ...PLAN_DEFAULTS,
    participants,
    platformVcpu: platformNeeds(participants).vcpu,
    perMeeting: numberOption(o.perMeeting, '--per-meeting', 500),
    downstreamMbps,
    hoursPerDay: numberOption(o.hoursPerDay, '--hours-per-day', PLAN_DEFAULTS.hoursPerDay),
    sfuVcpuPerParticipant: numberOption(
      o.sfuVcpuPerParticipant,
      '--sfu-vcpu-per-participant',
      sfuVcpuPerParticipant(downstreamMbps),
    ),
  };
}

function pricesMeta(p: Pricing) {
  const { source, enteredOn, checkedOn, verified, notice } = p.prices;
  return {
    source,
    enteredOn,
    checkedOn,
    verified,
    notice,
    dropletPrices: p.api ? 'digitalocean-api' : 'price-table',
  };
}

/**
 * The capacity model's cluster for the options' crowd on --node-size nodes (default: the
 * declared media pool's size), priced: what `report` and `alert` hold the budget against.
 */
function estimateOrUsage(pricing: Pricing, o: CostOptions) {
  try {
    const size = o.nodeSize ?? DECLARED.pools.media.size;
    return estimateCost(modelArchitecture(sizingOf(o), size, pricing.prices), pricing.prices);
  } catch (error) {
    throw new ExitError(EXIT.USAGE, (error as Error).message);
  }
}

function trafficOf(o: CostOptions): Traffic {
  const { participants, downstreamMbps, hoursPerDay, daysPerMonth } = sizingOf(o);
  return { participants, downstreamMbps, hoursPerDay, daysPerMonth };
}

/** What the account runs (with a token) or the declared architecture (without), priced. */
async function inventoryEstimate(pricing: Pricing, o: CostOptions, out: Output) {
  const traffic = trafficOf(o);
  const inventory = pricing.api
    ? await out.progress('reading the account inventory from the DigitalOcean API', () =>
        readInventory(pricing.api!, traffic),
      )
    : declaredInventory(traffic);
  try {
    return { inventory, estimate: priceInventory(inventory, pricing.prices) };
  } catch (error) {
    throw new ExitError(EXIT.USAGE, (error as Error).message);
  }
}

/**
 * `monitor`: prices what exists (the account's inventory with a token, else the declared
 * architecture), sets it beside the runbook and the budget; exit 1 over budget.
 */
export async function runMonitor({ deps, o, out }: ActionContext): Promise<void> {
  const pricing = await loadPricing(deps, out, o.prices);
  const { inventory, estimate } = await inventoryEstimate(pricing, o, out);
  const budget = await checkBudget(budgetOf(o, deps.env), estimate, pricing.api, deps.now());
  const runbook = compareWithRunbook(pricing.prices);
  const { estimate: _full, ...runbookSummary } = runbook;
  if (out.format === 'json')
    out.json({
      generatedAt: deps.now().toISOString(),
      budget,
      inventory,
      estimate,
      runbook: runbookSummary,
      prices: pricesMeta(pricing),
    });
  else
    for (const l of [
      ...renderBudget(budget),
      '',
      ...renderEstimate(estimate),
      '',
      ...renderComparison(runbook),
    ])
      out.line(l);
  if (budget.status === 'over') throw new ExitError(EXIT.FAILED, '');
}

/** `report`: billing history of the last N days from the API, else the estimate with a note. */
export async function runReport({ deps, o, out }: ActionContext): Promise<void> {
  const days = numberOption(o.historicalDays, '--historical-days', 30);
  const pricing = await loadPricing(deps, out, o.prices);
  const since = new Date(deps.now().getTime() - days * 86_400_000);
  const items = pricing.api
    ? await out.progress('reading billing history', () => pricing.api!.billingHistory(since))
    : null;
  const history = items && {
    source: 'digitalocean-api',
    since: since.toISOString(),
    items,
    invoicedUsd:
      Math.round(
        items.filter((i) => i.type === 'Invoice').reduce((s, i) => s + i.amountUsd, 0) * 100,
      ) / 100,
  };
  const note = history
    ? null
    : 'DIGITALOCEAN_TOKEN not set: no billing history; this report shows the estimate only';
  const estimate = estimateOrUsage(pricing, o);
  const { estimate: _full, ...runbook } = compareWithRunbook(pricing.prices);
  if (out.format === 'json') {
    out.json({
      generatedAt: deps.now().toISOString(),
      historicalDays: days,
      history,
      note,
      estimate,
      runbook,
      prices: pricesMeta(pricing),
    });
    return;
  }
  if (history) {
    out.line(
      `Billing history since ${history.since.slice(0, 10)} (${days} days): ${usd(history.invoicedUsd)} invoiced`,
    );
    for (const i of history.items)
      out.line(
        `  ${i.date.slice(0, 10)}  ${i.type.padEnd(8)} ${usd(i.amountUsd).padStart(12)}  ${i.description}`,
      );
  } else out.line(`Note: ${note}`);
  for (const l of ['', ...renderEstimate(estimate)]) out.line(l);
}

/** `alert`: spend against the budget; emails when at warning or over (SMTP_URL), exit 1 over budget. */
export async function runAlert({ deps, g, o, out }: ActionContext): Promise<void> {
  const pricing = await loadPricing(deps, out, o.prices);
  const budget = await checkBudget(
    budgetOf(o, deps.env),
    estimateOrUsage(pricing, o),
    pricing.api,
    deps.now(),
  );
  const to = o.email ?? deps.env.BUDGET_ALERT_EMAIL;
  let email;
  try {
    email = await deliverAlert(
      budget,
      to,
      deps.env.SMTP_URL,
      deps.env.SMTP_FROM ?? 'gomeet-ops@localhost',
      g.dryRun,
    );
  } catch (error) {
    throw new ExitError(
      EXIT.UNREACHABLE,
      `could not send the budget alert through SMTP_URL: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  if (out.format === 'json') out.json({ generatedAt: deps.now().toISOString(), budget, email });
  else {
    for (const l of renderBudget(budget)) out.line(l);
    out.line(email.sent ? `Alert sent to ${email.to}` : `Email not sent (${email.reason})`);
    if (!email.sent && budget.status !== 'ok')
      for (const l of [
        `  To: ${email.to ?? '(none)'}`,
        `  Subject: ${email.subject}`,
        ...email.text
          .trimEnd()
          .split('\n')
          .map((t) => `  ${t}`),
      ])
        out.line(l);
  }
  if (budget.status === 'over') throw new ExitError(EXIT.FAILED, '');
}

/** `efficiency`: usage against requests per workload from the metrics API, idle cost, advice. */
export async function runEfficiency({ deps, g, o, out }: ActionContext): Promise<void> {
  if (g.target === 'local')
    throw new ExitError(
      EXIT.USAGE,
      'efficiency compares pod usage with requests in a cluster: use --target cluster',
    );
  const pricing = await loadPricing(deps, out, o.prices);
  const nodeSize = o.nodeSize ?? 'c-32';
  const node = pricing.prices.droplets[nodeSize];
  if (!node) throw new ExitError(EXIT.USAGE, `unknown --node-size ${nodeSize}`);
  const kube = await kubeFor(deps, g);
  let report;
  try {
    report = await out.progress('reading pod usage', () =>
      analyseEfficiency(kube, g.namespace, nodeSize, node),
    );
  } catch (error) {
    const message = (error as Error).message;
    // A cluster without metrics-server answers 404 in plain text, which @kubernetes/client-node
    // reports as HTTP 500 "invalid json response body": say what it means instead.
    const notServed = /HTTP-Code: (404|500)|invalid json response body|not found/i.test(message);
    throw new ExitError(
      EXIT.UNREACHABLE,
      notServed
        ? 'metrics API unavailable (install metrics-server): metrics.k8s.io is not served here'
        : `metrics API unavailable (install metrics-server): ${message.split('\n')[0]}`,
    );
  }
  if (out.format === 'json') out.json({ generatedAt: deps.now().toISOString(), ...report });
  else for (const l of renderEfficiency(report)) out.line(l);
}

/** `plan`: nodes by CPU and by network cap for a participant count, with monthly and per-hour cost. */
export async function runPlan({ deps, o, out }: ActionContext): Promise<void> {
  const pricing = await loadPricing(deps, out, o.prices);
  const sizes = o.sizes ? o.sizes.split(',').map((s) => s.trim()) : PLAN_DEFAULTS.sizes;
  const unknown = sizes.filter((s) => !pricing.prices.droplets[s]);
  if (unknown.length)
    throw new ExitError(EXIT.USAGE, `unknown droplet size(s): ${unknown.join(', ')}`);
  const plan = planCapacity({ ...sizingOf(o), sizes }, pricing.prices);
  if (out.format === 'json') out.json({ generatedAt: deps.now().toISOString(), ...plan });
  else for (const l of renderPlan(plan)) out.line(l);
}
