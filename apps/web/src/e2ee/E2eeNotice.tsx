import './e2ee.css';

/**
 * What end-to-end encryption means here and what it turns off, in the pre-join and the room's
 * meeting details: said before anyone relies on it.
 */
export function E2eeNotice() {
  return (
    <section className="e2ee-notice" data-testid="e2ee-notice" aria-label="End-to-end encryption">
      <p>
        <strong>End-to-end encrypted.</strong> Video and audio are encrypted in each browser with
        the key in the invite link; our servers pass them on but cannot see or hear them.
      </p>
      <p>
        This turns off: <strong>recording</strong> (the server cannot record what it cannot see) and
        the audio redundancy that hides lost packets on a poor network. Chat, polls, names and who
        is in the meeting still go through the server.
      </p>
    </section>
  );
}
