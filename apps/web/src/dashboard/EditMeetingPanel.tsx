import type { Meeting, Occurrence } from '@gomeet/protocol';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EditMeetingForm } from './EditMeetingForm';
import { OccurrenceForm } from './OccurrenceForm';
import { occurrenceWhen } from './occurrences';

type Scope = 'occurrence' | 'series';

/**
 * An Edit toggle on a meeting's row; the form closes and the list reloads once saved. For a
 * recurring meeting it first asks: this occurrence (which one), or the whole series.
 */
export function EditMeetingPanel({
  meeting,
  occurrences = [],
  onSaved,
}: {
  meeting: Meeting;
  occurrences?: Occurrence[];
  onSaved: () => void;
}) {
  const { t } = useTranslation('dashboard');
  const [open, setOpen] = useState(false);
  const [scope, setScope] = useState<Scope>('occurrence');
  const [chosen, setChosen] = useState<string | null>(null);
  const whichId = useId();
  const saved = () => {
    setOpen(false);
    onSaved();
  };
  const occurrence = occurrences.find((o) => o.id === chosen) ?? occurrences[0];
  return (
    <details className="meeting-panel" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary aria-label={t('edit.label', { title: meeting.title })}>{t('edit.summary')}</summary>
      {open && meeting.recurrence && (
        <fieldset className="edit-scope">
          <legend>{t('edit.scope')}</legend>
          <label className="check">
            <input
              type="radio"
              name="scope"
              checked={scope === 'occurrence'}
              onChange={() => setScope('occurrence')}
            />{' '}
            {t('edit.thisOccurrence')}
          </label>
          <label className="check">
            <input
              type="radio"
              name="scope"
              checked={scope === 'series'}
              onChange={() => setScope('series')}
            />{' '}
            {t('edit.wholeSeries')}
          </label>
          {scope === 'occurrence' && occurrences.length > 0 && (
            <div className="field">
              <label htmlFor={whichId}>{t('edit.whichOne')}</label>
              <select
                id={whichId}
                value={occurrence?.id}
                onChange={(e) => setChosen(e.currentTarget.value)}
              >
                {occurrences.map((o) => (
                  <option key={o.id} value={o.id}>
                    {occurrenceWhen(o)}
                  </option>
                ))}
              </select>
            </div>
          )}
        </fieldset>
      )}
      {open && meeting.recurrence && scope === 'occurrence' && occurrence && (
        <OccurrenceForm
          key={occurrence.id}
          code={meeting.code}
          occurrence={occurrence}
          onSaved={saved}
        />
      )}
      {open && (!meeting.recurrence || scope === 'series') && (
        <EditMeetingForm meeting={meeting} onSaved={saved} />
      )}
    </details>
  );
}
