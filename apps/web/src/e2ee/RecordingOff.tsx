/** Where hosts find Record: shown off, with the reason, in an end-to-end encrypted meeting. */
export function RecordingOff() {
  const reason =
    'Recording is off: this meeting is end-to-end encrypted, so the server cannot record it';
  return (
    <button
      type="button"
      className="control"
      disabled
      data-testid="record-toggle"
      aria-label={reason}
      title={reason}
    >
      Record
    </button>
  );
}
