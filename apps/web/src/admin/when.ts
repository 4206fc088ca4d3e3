import { formatDateTime } from '../i18n/format';

/** An instant to the second, in the current language (as toLocaleString() shows it in English). */
export const toTheSecond = (value: string | number | Date): string =>
  formatDateTime(value, {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
