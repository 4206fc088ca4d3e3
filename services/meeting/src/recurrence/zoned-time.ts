const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/**
 * The wall-clock time of `instant` in `timeZone`, as a Date whose UTC fields read that time.
 * rrule computes in such "floating" times, so a series keeps its hour across DST changes.
 */
export function wallClockOf(instant: Date, timeZone: string): Date {
  const parts = Object.fromEntries(
    formatIn(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<string, number>;
  return new Date(
    Date.UTC(
      parts.year ?? 1970,
      (parts.month ?? 1) - 1,
      parts.day ?? 1,
      parts.hour ?? 0,
      parts.minute ?? 0,
      parts.second ?? 0,
      instant.getUTCMilliseconds(),
    ),
  );
}

/** The instant a wall-clock time (UTC fields of `wall`) happens in `timeZone`. */
export function instantOf(wall: Date, timeZone: string): Date {
  const offset = (at: Date) => wallClockOf(at, timeZone).getTime() - at.getTime();
  const guess = new Date(wall.getTime() - offset(wall));
  // Near a DST change the offset at the guess may differ from the one at `wall`: one more step.
  return new Date(wall.getTime() - offset(guess));
}
