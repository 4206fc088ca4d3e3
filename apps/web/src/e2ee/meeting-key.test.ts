import { describe, expect, it } from 'vitest';
import { generateMeetingKey, isMeetingKey, keyFromText } from './meeting-key';

describe('meeting keys', () => {
  it('are 32 random bytes in base64url, a new one each time', () => {
    const a = generateMeetingKey();
    const b = generateMeetingKey();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(isMeetingKey(a)).toBe(true);
    expect(a).not.toBe(b);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
  });

  it('are found in a pasted invite link, a fragment, or alone; anything else is refused', () => {
    const key = generateMeetingKey();
    expect(keyFromText(`https://meet.example/m/abc-defg-hij#key=${key}`)).toBe(key);
    expect(keyFromText(`  #key=${key}\n`)).toBe(key);
    expect(keyFromText(key)).toBe(key);
    expect(keyFromText('https://meet.example/m/abc-defg-hij')).toBeNull();
    expect(keyFromText(`https://meet.example/m/abc-defg-hij#key=${key.slice(1)}`)).toBeNull();
    expect(keyFromText('correct horse battery staple')).toBeNull();
  });
});
