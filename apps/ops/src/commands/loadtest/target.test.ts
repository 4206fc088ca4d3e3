import { describe, expect, it } from 'vitest';
import { refuseTarget } from './target.js';

describe('loadtest target', () => {
  it('accepts loopback and TEST-NET targets', () => {
    for (const t of [
      'http://127.0.0.1:8080',
      'http://localhost:8080',
      'http://192.0.2.1:8080',
      'http://[::1]:8080',
    ])
      expect(refuseTarget(t, false)).toBeUndefined();
  });
  it('refuses a public target without --allow-remote, and a missing one always', () => {
    expect(refuseTarget('https://meet.example.com', false)).toMatch(/--allow-remote/);
    expect(refuseTarget('https://meet.example.com', true)).toBeUndefined();
    expect(refuseTarget(undefined, true)).toMatch(/required/);
    expect(refuseTarget('ftp://127.0.0.1', true)).toMatch(/http/);
  });
});
