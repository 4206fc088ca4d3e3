import { describe, expect, it } from 'vitest';
import { matchRoute, parseMeetingCode } from './router';

describe('parseMeetingCode', () => {
  it('takes a code, a code typed without dashes or in capitals, or an invite link', () => {
    expect(parseMeetingCode('abc-defg-hij')).toBe('abc-defg-hij');
    expect(parseMeetingCode('  ABC-DEFG-HIJ ')).toBe('abc-defg-hij');
    expect(parseMeetingCode('abcdefghij')).toBe('abc-defg-hij');
    expect(parseMeetingCode('https://meet.example.com/m/abc-defg-hij')).toBe('abc-defg-hij');
  });

  it('refuses what is not a meeting code', () => {
    expect(parseMeetingCode('')).toBeNull();
    expect(parseMeetingCode('abc-def-hij')).toBeNull();
    expect(parseMeetingCode('hello world')).toBeNull();
  });
});

describe('matchRoute', () => {
  it('maps the home page, meeting links and unknown paths', () => {
    expect(matchRoute('/')).toEqual({ name: 'home' });
    expect(matchRoute('/m/abc-defg-hij')).toEqual({ name: 'meeting', code: 'abc-defg-hij' });
    expect(matchRoute('/m/ABC-DEFG-HIJ/')).toEqual({ name: 'meeting', code: 'abc-defg-hij' });
    expect(matchRoute('/settings')).toEqual({ name: 'not-found' });
    expect(matchRoute('/admin')).toEqual({ name: 'admin' });
    expect(matchRoute('/reset-password')).toEqual({ name: 'reset-password' });
    expect(matchRoute('/verify-email/')).toEqual({ name: 'verify-email' });
    expect(matchRoute('/profile')).toEqual({ name: 'profile' });
  });
});
