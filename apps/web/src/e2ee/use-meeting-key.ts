import { useState } from 'react';
import { meetingKey, setPageMeeting, takeKeyFromFragment } from './meeting-key';

/**
 * The key this page has for meeting `code`: taken from the link's fragment on the first render
 * (and the fragment dropped from the address), else from storage; `setKey` after a paste.
 */
export function useMeetingKey(code: string) {
  const [key, setKey] = useState(() => {
    setPageMeeting(code);
    return takeKeyFromFragment(code) ?? meetingKey(code);
  });
  return { key, setKey };
}
