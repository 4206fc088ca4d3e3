import type { Meeting } from '@gomeet/protocol';
import { useState } from 'react';
import { EditMeetingForm } from './EditMeetingForm';

/** An Edit toggle on a meeting's row; the form closes and the list reloads once saved. */
export function EditMeetingPanel({ meeting, onSaved }: { meeting: Meeting; onSaved: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="meeting-panel" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary aria-label={`Edit ${meeting.title}`}>Edit</summary>
      {open && (
        <EditMeetingForm
          meeting={meeting}
          onSaved={() => {
            setOpen(false);
            onSaved();
          }}
        />
      )}
    </details>
  );
}
