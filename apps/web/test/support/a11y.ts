import { AxeBuilder } from '@axe-core/playwright';
import type { Result } from 'axe-core';
import type { Page } from 'playwright-core';

/** The impacts this suite refuses; minor and moderate findings are reported by axe but allowed. */
const REFUSED = new Set(['serious', 'critical']);

/** WCAG 2.0/2.1/2.2 A and AA, plus axe's best practices (landmarks, headings, names). */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** One line per offending element: rule, impact, target, and what axe says to do. */
export function describeViolations(violations: Result[]): string {
  return violations
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `- ${v.id} (${v.impact ?? 'unknown'}) at ${n.target.join(' ')}: ${v.help}` +
          (n.failureSummary ? `\n    ${n.failureSummary.replace(/\n/g, '\n    ')}` : ''),
      ),
    )
    .join('\n');
}

/** Runs axe-core over the page as it is now; the serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<Result[]> {
  // Legacy mode runs in the page itself: the default opens a blank page in the same context to
  // combine frame results, which our init scripts (localStorage) cannot run in.
  const results = await new AxeBuilder({ page }).withTags(TAGS).setLegacyMode(true).analyze();
  return results.violations.filter((v) => REFUSED.has(v.impact ?? ''));
}

/**
 * Fails with a readable list (rule, impact, target, help) when axe finds a serious or critical
 * violation on the page as it is now. `screenName` names the screen in the message.
 */
export async function expectNoSeriousA11yViolations(page: Page, screenName: string): Promise<void> {
  const violations = await seriousA11yViolations(page);
  if (violations.length > 0) {
    throw new Error(
      `${screenName}: ${violations.length} accessibility rule(s) with serious or critical violations\n` +
        describeViolations(violations),
    );
  }
}
