import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { i18n, startI18n } from '../i18n';
import { formatBytes } from './RecordingsPanel';

describe('recording storage sizes', () => {
  beforeAll(async () => {
    await startI18n('en');
  });
  afterEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('reads as before in English', () => {
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(1_500_000)).toBe('1.5 MB');
  });

  it('uses the decimal comma in German', async () => {
    await i18n.changeLanguage('de');
    expect(formatBytes(1_500_000)).toBe('1,5 MB');
    expect(formatBytes(512)).toBe('512 Byte');
  });
});
