import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RUNBOOK_LINES, SCRIPTS, type RunbookLine } from './lines.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const SEED = path.join(ROOT, '..', 'shared', 'seeds', '000_02f06d4dd137d9e8.txt');
const PREFIX = './deployment/digitalocean/';

/** The seed's script lines, as `grep -o '\./deployment/digitalocean/[a-z-]*\.sh[^`]*' | sed 's/[[:space:]]*$//' | sort -u`. */
function seedLines(text: string): string[] {
  const found = text.match(/\.\/deployment\/digitalocean\/[a-z-]*\.sh[^`\n]*/g) ?? [];
  return [...new Set(found.map((l) => l.replace(/\s+$/, '')))].sort();
}

/** Source without whitespace and without trailing commas, so prettier's wrapping does not matter. */
const squash = (source: string) => source.replace(/\s+/g, '').replace(/,([\])])/g, '$1');

/** The words of a call's string literals: those of its first `[…]` when it has one. */
function callWords(call: string): string[] {
  const open = call.indexOf('[');
  const argv = open >= 0 ? call.slice(open, call.indexOf(']', open) + 1) : call;
  return [...argv.matchAll(/'([^']*)'|"([^"]*)"/g)].flatMap((m) =>
    (m[1] ?? m[2] ?? '').split(/\s+/).filter(Boolean),
  );
}

/**
 * Whether a test's source holds the line verbatim. A `$(…)` substitution may instead be one
 * `${…}` template expression the test computes (e.g. `backup-${yesterday}-*.tar.gz` for
 * `backup-$(date -d '1 day ago' +%Y%m%d)-*.tar.gz`); a test that runs the line through
 * `bash -c` holds it verbatim and bash computes the substitution.
 */
function holdsLine(source: string, line: string): boolean {
  if (source.includes(line)) return true;
  const parts: string[] = [];
  let rest = line;
  for (let at = rest.indexOf('$('); at >= 0; at = rest.indexOf('$(')) {
    let depth = 0;
    let end = at + 1;
    for (; end < rest.length; end++) {
      if (rest[end] === '(') depth++;
      else if (rest[end] === ')' && --depth === 0) break;
    }
    parts.push(rest.slice(0, at).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), '\\$\\{[^}]+\\}');
    rest = rest.slice(end + 1);
  }
  if (parts.length === 0) return false;
  parts.push(rest.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(parts.join('')).test(source);
}

/** Why `entry`'s test does not run its line as catalogued, or undefined when it does. */
function mismatch(entry: RunbookLine): string | undefined {
  const file = path.join(ROOT, entry.test);
  if (!existsSync(file)) return `${entry.test} does not exist`;
  const source = readFileSync(file, 'utf8');
  const adds = entry.adds ?? [];
  if (entry.call === undefined) {
    if (adds.length > 0) return 'a verbatim line adds nothing';
    return holdsLine(source, entry.line) ? undefined : `${entry.test} does not hold the line`;
  }
  if (!squash(source).includes(squash(entry.call)))
    return `${entry.test} has no call ${entry.call}`;
  if (!source.includes(PREFIX + entry.script) && !source.includes(`'${entry.script}'`))
    return `${entry.test} never names ${entry.script}`;
  const lineWords = entry.line
    .slice(PREFIX.length + entry.script.length)
    .split(/\s+/)
    .filter(Boolean);
  let words = callWords(entry.call);
  if (words[0] === PREFIX + entry.script || words[0] === entry.script) words = words.slice(1);
  // The line's words in order; whatever else the call passes must be exactly `adds`.
  const extra: string[] = [];
  let i = 0;
  for (const w of words) {
    if (i < lineWords.length && w === lineWords[i]) i++;
    else extra.push(w);
  }
  if (i < lineWords.length) return `the call misses ${lineWords.slice(i).join(' ')}`;
  if (extra.length > 0) {
    if (extra.join(' ') !== adds.join(' '))
      return `the call adds ${extra.join(' ')}, catalogued ${adds.join(' ')}`;
  } else if (adds.length > 0) {
    if (!entry.helper) return `nothing shows where ${adds.join(' ')} is added`;
    if (!squash(source).includes(squash(entry.helper)))
      return `${entry.test} has no helper ${entry.helper}`;
    if (callWords(entry.helper).join(' ') !== adds.join(' '))
      return `the helper adds ${callWords(entry.helper).join(' ')}`;
  }
  return undefined;
}

describe('the runbook line catalogue (apps/ops/test/runbook/lines.ts)', () => {
  it('has the 57 distinct lines, each once, across the nine scripts', () => {
    const lines = RUNBOOK_LINES.map((e) => e.line);
    expect(lines).toHaveLength(57);
    expect(new Set(lines).size).toBe(57);
    expect(new Set(RUNBOOK_LINES.map((e) => e.script))).toEqual(new Set(SCRIPTS));
    for (const e of RUNBOOK_LINES) {
      expect(e.line.startsWith(`${PREFIX}${e.script}`), e.line).toBe(true);
      expect(e.line, 'no trailing whitespace').toBe(e.line.trimEnd());
    }
  });

  it('every script is in deployment/digitalocean/ and executable', () => {
    for (const script of SCRIPTS) {
      const file = path.join(ROOT, 'deployment', 'digitalocean', script);
      expect(statSync(file).isFile(), script).toBe(true);
      expect(() => accessSync(file, constants.X_OK), script).not.toThrow();
    }
  });

  it('modes are consistent: dry-run and bounded add their words, the rest add nothing', () => {
    for (const e of RUNBOOK_LINES) {
      const adds = e.adds ?? [];
      if (e.mode === 'dry-run') expect(adds, e.line).toContain('--dry-run');
      else if (e.mode === 'bounded') expect(adds.length, e.line).toBeGreaterThan(0);
      else expect(adds, e.line).toEqual([]);
      if (e.mode === 'shell')
        expect(e.line, 'a shell line has a pipe, $( or >').toMatch(/[|>]|\$\(/);
    }
  });

  // A loop, not it.each: each's title formatting would read `$4` in `awk '{print $4}'`.
  for (const entry of RUNBOOK_LINES)
    it(`${entry.test.replace('apps/ops/test/', '')} runs ${entry.line} (${entry.mode})`, () => {
      expect(mismatch(entry)).toBeUndefined();
    });

  it('recognises a computed $(…) substitution and rejects a different line', () => {
    const line = `${PREFIX}backup-restore.sh --dry-run restore backup-$(date -d '1 day ago' +%Y%m%d)-*.tar.gz`;
    expect(
      holdsLine(
        'run(`./deployment/digitalocean/backup-restore.sh --dry-run restore backup-${day}-*.tar.gz`)',
        line,
      ),
    ).toBe(true);
    expect(holdsLine(`run('${PREFIX}backup-restore.sh restore backup-1-*.tar.gz')`, line)).toBe(
      false,
    );
    expect(
      mismatch({
        line: `${PREFIX}scale-services.sh manual auth-service 20`,
        script: 'scale-services.sh',
        mode: 'as-written',
        against: '',
        test: 'apps/ops/test/scale-services/scale-services.test.ts',
        call: "scale('manual', 'api-service', '3')",
      }),
    ).toMatch(/misses/);
  });

  it.skipIf(!existsSync(SEED))(
    'equals the seed runbook’s lines (../shared/seeds beside the clone)',
    () => {
      expect(RUNBOOK_LINES.map((e) => e.line).sort()).toEqual(
        seedLines(readFileSync(SEED, 'utf8')),
      );
    },
  );
});
