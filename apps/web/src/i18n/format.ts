/**
 * Dates, times, numbers and lists in the current language, through Intl (the pseudo-locale
 * formats as English). Components re-render on a language change through useTranslation, so
 * calling these while rendering keeps them in step with the picker.
 */
import { intlLanguage } from './index';

type DateInput = Date | string | number;

const toDate = (value: DateInput): Date => (value instanceof Date ? value : new Date(value));

/** "12 Mar 2026, 14:05" in the current language; default dateStyle medium, timeStyle short. */
export function formatDateTime(value: DateInput, options?: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(
    intlLanguage(),
    options ?? { dateStyle: 'medium', timeStyle: 'short' },
  ).format(toDate(value));
}

/** The date alone; default dateStyle medium. */
export function formatDate(value: DateInput, options?: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(intlLanguage(), options ?? { dateStyle: 'medium' }).format(
    toDate(value),
  );
}

/** The time alone; default hour and minute. */
export function formatTime(value: DateInput, options?: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(
    intlLanguage(),
    options ?? { hour: '2-digit', minute: '2-digit' },
  ).format(toDate(value));
}

export function formatNumber(n: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(intlLanguage(), options).format(n);
}

/** "a, b and c" in the current language. */
export function formatList(items: string[]): string {
  return new Intl.ListFormat(intlLanguage(), { style: 'long', type: 'conjunction' }).format(items);
}

/** "in 5 minutes", "2 days ago" in the current language. */
export function formatRelative(
  value: number,
  unit: Intl.RelativeTimeFormatUnit,
  options?: Intl.RelativeTimeFormatOptions,
): string {
  return new Intl.RelativeTimeFormat(intlLanguage(), options ?? { numeric: 'auto' }).format(
    value,
    unit,
  );
}
