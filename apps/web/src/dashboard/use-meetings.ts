import { useCallback, useEffect, useState } from 'react';
import { listMeetings, type MeetingList } from '../api/meetings';
import { describeError } from '../api/problem';

/** The signed-in person's meetings, with a reload for after creating or deleting one. */
export function useMeetings() {
  const [list, setList] = useState<MeetingList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    try {
      setList(await listMeetings());
      setError(null);
    } catch (e) {
      setError(describeError(e));
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { list, error, reload };
}
