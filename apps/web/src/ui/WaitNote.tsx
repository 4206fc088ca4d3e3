/** A passing notice (a countdown before retrying), read out politely rather than as an alert. */
export function WaitNote({ message, testId }: { message: string | null; testId?: string }) {
  if (!message) return null;
  return (
    <p className="wait-note" role="status" data-testid={testId ?? 'wait'}>
      {message}
    </p>
  );
}
