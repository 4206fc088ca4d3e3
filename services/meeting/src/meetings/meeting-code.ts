import { randomInt } from 'node:crypto';
import { MEETING_CODE } from '@gomeet/protocol';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

function letters(count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += LETTERS[randomInt(LETTERS.length)];
  return out;
}

/** A fresh meeting code like "abc-defg-hij" from crypto randomness (26^10 ≈ 1.4e14 codes). */
export function generateMeetingCode(): string {
  return `${letters(3)}-${letters(4)}-${letters(3)}`;
}

/**
 * The canonical form of a code as a person may type it ("ABC DEFG HIJ", "abcdefghij"), or
 * undefined when it cannot be one.
 */
export function normaliseMeetingCode(input: string): string | undefined {
  if (MEETING_CODE.test(input)) return input; // already canonical: what the apps send
  const bare = input.toLowerCase().replace(/[^a-z]/g, '');
  if (bare.length !== 10) return undefined;
  const code = `${bare.slice(0, 3)}-${bare.slice(3, 7)}-${bare.slice(7)}`;
  return MEETING_CODE.test(code) ? code : undefined;
}
