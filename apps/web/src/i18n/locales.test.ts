/**
 * The translations against English, the source of every key:
 * - each language has exactly English's keys in every namespace (plural forms compared by their
 *   base key: a language may add the plural categories its own rules have), no empty string;
 * - each key keeps English's {{variables}} and <0> tags;
 * - every literal key the code passes to t()/i18n.t()/<Trans i18nKey> exists in English
 *   (tsc checks this too; this scan is the belt to its braces).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pseudoString } from './index';

const localesDir = fileURLToPath(new URL('./locales', import.meta.url));
const srcDir = fileURLToPath(new URL('..', import.meta.url));

const LANGUAGES = ['en', 'de', 'es'];
const NAMESPACES = readdirSync(path.join(localesDir, 'en'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''))
  .sort();

type Tree = { [key: string]: string | Tree };

function load(lng: string, ns: string): Tree {
  return JSON.parse(readFileSync(path.join(localesDir, lng, `${ns}.json`), 'utf8')) as Tree;
}

/** Every leaf as a dotted key → its string. */
function flatten(tree: Tree, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  for (const [key, value] of Object.entries(tree)) {
    const dotted = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object') flatten(value, dotted, out);
    else out.set(dotted, value);
  }
  return out;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Leaves grouped by key without plural suffix: "items_one", "items_other" → "items". */
function byBase(leaves: Map<string, unknown>): Map<string, Map<string, unknown>> {
  const out = new Map<string, Map<string, unknown>>();
  for (const [key, value] of leaves) {
    const base = key.replace(PLURAL, '');
    const forms = out.get(base) ?? new Map<string, unknown>();
    forms.set(PLURAL.exec(key)?.[1] ?? '', value);
    out.set(base, forms);
  }
  return out;
}

const variables = (texts: unknown[]): string[] =>
  [
    ...new Set(
      texts.flatMap((t) =>
        [...String(t).matchAll(/\{\{\s*([^},\s]+)[^}]*\}\}|<\/?(\d+)\s*\/?>/g)].map(
          (m) => m[1] ?? `<${m[2]}>`,
        ),
      ),
    ),
  ].sort();

describe('locale files', () => {
  it('have every namespace in every language', () => {
    for (const lng of LANGUAGES) {
      const files = readdirSync(path.join(localesDir, lng)).map((f) => f.replace(/\.json$/, ''));
      expect(files.sort(), lng).toEqual(NAMESPACES);
    }
  });

  for (const lng of LANGUAGES.filter((l) => l !== 'en')) {
    const categories = new Set(new Intl.PluralRules(lng).resolvedOptions().pluralCategories);
    for (const ns of NAMESPACES) {
      it(`${lng}/${ns} has English's keys, variables and no empty strings`, () => {
        const en = byBase(flatten(load('en', ns)));
        const other = byBase(flatten(load(lng, ns)));
        expect([...other.keys()].sort(), 'keys').toEqual([...en.keys()].sort());
        const problems: string[] = [];
        for (const [base, enForms] of en) {
          const forms = other.get(base);
          if (!forms) continue;
          // Plurals: English's forms are required; extra ones must be categories of the language.
          for (const form of enForms.keys()) {
            if (!forms.has(form)) problems.push(`${base}: no _${form || '(plain)'} form`);
          }
          for (const form of forms.keys()) {
            if (!enForms.has(form) && !categories.has(form as Intl.LDMLPluralRule)) {
              problems.push(`${base}: _${form} is not a plural category of ${lng}`);
            }
          }
          const want = variables([...enForms.values()]);
          const got = variables([...forms.values()]);
          if (want.join() !== got.join()) {
            problems.push(`${base}: has ${got.join(' ') || 'none'}, English ${want.join(' ')}`);
          }
          for (const [form, text] of forms) {
            if (typeof text !== 'string' || text.trim() === '') {
              problems.push(`${base}${form ? `_${form}` : ''}: empty`);
            }
          }
        }
        expect(problems).toEqual([]);
      });
    }
  }

  it('English has no empty strings', () => {
    const empty = NAMESPACES.flatMap((ns) =>
      [...flatten(load('en', ns))]
        .filter(([, v]) => typeof v !== 'string' || v.trim() === '')
        .map(([k]) => `${ns}:${k}`),
    );
    expect(empty).toEqual([]);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'locales' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.(test|d)\.ts$/.test(entry.name) ? [full] : [];
  });
}

describe('keys used in the code', () => {
  const english = new Map(NAMESPACES.map((ns) => [ns, flatten(load('en', ns))]));
  const exists = (ns: string, key: string): boolean => {
    const leaves = english.get(ns);
    if (!leaves) return false;
    return leaves.has(key) || [...leaves.keys()].some((k) => k.replace(PLURAL, '') === key);
  };

  it('exist in English', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(srcDir)) {
      const code = readFileSync(file, 'utf8');
      // The namespaces the file names: useTranslation('x'), useTranslation(['x', 'y']),
      // TFunction<'x'>, getFixedT(null, 'x'), { ns: 'x' }, const ns = 'x'.
      const namespaces = new Set<string>();
      const lists =
        /(?:useTranslation\(|TFunction<|getFixedT\([^,)]*,)\s*(\[[^\]]*\]|'[^']*'|"[^"]*")/g;
      for (const m of code.matchAll(lists)) {
        for (const ns of (m[1] ?? '').matchAll(/['"]([^'"]+)['"]/g)) namespaces.add(ns[1] ?? '');
      }
      for (const m of code.matchAll(/\bns\s*[:=]\s*['"]([^'"]+)['"]/g)) namespaces.add(m[1] ?? '');
      if (namespaces.size === 0) namespaces.add('common');
      const prefixes = [
        '',
        ...[...code.matchAll(/keyPrefix:\s*['"]([^'"]+)['"]/g)].map((m) => `${m[1]}.`),
      ];
      const uses = [
        ...code.matchAll(/(?<![\w$.])(?:i18n\.)?t\(\s*(['"])([^'"\n]+)\1/g),
        ...code.matchAll(/i18nKey=(['"])([^'"\n]+)\1/g),
      ];
      for (const use of uses) {
        const raw = use[2] ?? '';
        const [nsPart, keyPart] = raw.includes(':') ? raw.split(':', 2) : [undefined, raw];
        const candidates = nsPart ? [nsPart] : [...namespaces];
        const found = candidates.some((ns) =>
          prefixes.some((prefix) => exists(ns, `${prefix}${keyPart ?? ''}`)),
        );
        if (!found) {
          missing.push(`${path.relative(srcDir, file)}: ${raw} (in ${candidates.join(', ')})`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('pseudo-locale', () => {
  it('transforms letters and keeps interpolations and tags', () => {
    expect(pseudoString('Mute {{name}}')).toBe('⟦Ṁúţé {{name}}⟧');
    expect(pseudoString('Read <0>the guide</0>, {{count}} left')).toBe(
      '⟦Ŕéáđ <0>ţĥé ĝúíđé</0>, {{count}} ĺéƒţ⟧',
    );
  });
});
