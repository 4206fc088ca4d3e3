/** An error sentence, announced as soon as it appears. */
export function ErrorNote({ message, testId }: { message: string | null; testId?: string }) {
  if (!message) return null;
  return (
    <p className="error-note" role="alert" data-testid={testId ?? 'error'}>
      {message}
    </p>
  );
}
