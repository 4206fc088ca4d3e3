import type { MailDelivery } from '@gomeet/protocol';
import { useEffect, useState } from 'react';
import { getMailDelivery } from './account-api';

/** Where account mail goes, once the server said (null until then or if it could not). */
export function useMailDelivery(): MailDelivery | null {
  const [delivery, setDelivery] = useState<MailDelivery | null>(null);
  useEffect(() => {
    getMailDelivery()
      .then(setDelivery)
      .catch(() => setDelivery(null));
  }, []);
  return delivery;
}
