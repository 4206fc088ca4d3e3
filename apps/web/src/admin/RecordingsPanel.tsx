import type { AdminRecordings } from '@gomeet/protocol';
import { useTranslation } from 'react-i18next';
import { i18n } from '../i18n';
import { formatNumber } from '../i18n/format';

const UNITS = [
  'recordings.units.kb',
  'recordings.units.mb',
  'recordings.units.gb',
  'recordings.units.tb',
] as const;

/** Bytes in the largest unit that keeps the number readable. */
export function formatBytes(bytes: number): string {
  const units = [null, ...UNITS];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  if (unit === 0) {
    return i18n.t('recordings.bytes', { ns: 'admin', count: value, n: formatNumber(value) });
  }
  const n = formatNumber(value, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return i18n.t(units[unit] ?? 'recordings.units.tb', { ns: 'admin', n });
}

/** Recording storage in use, and the meetings using the most. */
export function RecordingsPanel({ storage }: { storage: AdminRecordings }) {
  const { t } = useTranslation('admin');
  const stored = t('recordings.storedValue', {
    size: formatBytes(storage.storedBytes),
    count: storage.storedFiles,
    n: formatNumber(storage.storedFiles),
  });
  return (
    <>
      <dl className="admin-figures" data-testid="recording-storage">
        <dt>{t('recordings.stored')}</dt>
        <dd>
          {storage.storage
            ? t('recordings.storedWhere', {
                stored,
                where: storage.storage === 's3' ? t('recordings.s3') : t('recordings.localDisk'),
              })
            : stored}
        </dd>
        <dt>{t('recordings.made')}</dt>
        <dd>{formatNumber(storage.recordings)}</dd>
        <dt>{t('recordings.filesDeleted')}</dt>
        <dd>{formatNumber(storage.deletedFiles)}</dd>
      </dl>
      {storage.largest.length > 0 && (
        <table className="admin-table">
          <caption>{t('recordings.largest')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('recordings.meeting')}</th>
              <th scope="col">{t('recordings.files')}</th>
              <th scope="col">{t('recordings.size')}</th>
            </tr>
          </thead>
          <tbody>
            {storage.largest.map((m) => (
              <tr key={m.meetingCode}>
                <td>
                  {m.title} <code className="muted">{m.meetingCode}</code>
                </td>
                <td>{formatNumber(m.files)}</td>
                <td>{formatBytes(m.bytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
