import { MEETING_CODE } from '@gomeet/protocol';
import { describe, expect, it } from 'vitest';
import { generateMeetingCode, normaliseMeetingCode } from './meeting-code.js';

describe('meeting codes', () => {
  it('generates codes shaped like abc-defg-hij that differ from each other', () => {
    const codes = Array.from({ length: 200 }, generateMeetingCode);
    for (const code of codes) expect(code).toMatch(MEETING_CODE);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('accepts a code typed in capitals, with spaces or without dashes', () => {
    expect(normaliseMeetingCode('ABC-DEFG-HIJ')).toBe('abc-defg-hij');
    expect(normaliseMeetingCode(' abc defg hij ')).toBe('abc-defg-hij');
    expect(normaliseMeetingCode('abcdefghij')).toBe('abc-defg-hij');
  });

  it('rejects what cannot be a code', () => {
    expect(normaliseMeetingCode('abc-defg')).toBeUndefined();
    expect(normaliseMeetingCode('abc-defg-hijk')).toBeUndefined();
    expect(normaliseMeetingCode('')).toBeUndefined();
  });
});
