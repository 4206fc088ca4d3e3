import type { AdminRecordings } from '@gomeet/protocol';

/** Bytes in the largest unit that keeps the number readable. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${value} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

/** Recording storage in use, and the meetings using the most. */
export function RecordingsPanel({ storage }: { storage: AdminRecordings }) {
  return (
    <>
      <dl className="admin-figures" data-testid="recording-storage">
        <dt>Stored</dt>
        <dd>
          {formatBytes(storage.storedBytes)} in {storage.storedFiles}{' '}
          {storage.storedFiles === 1 ? 'file' : 'files'}
          {storage.storage ? ` (${storage.storage === 's3' ? 'S3 / Spaces' : 'local disk'})` : ''}
        </dd>
        <dt>Recordings made</dt>
        <dd>{storage.recordings}</dd>
        <dt>Files deleted</dt>
        <dd>{storage.deletedFiles}</dd>
      </dl>
      {storage.largest.length > 0 && (
        <table className="admin-table">
          <caption>Meetings using the most storage</caption>
          <thead>
            <tr>
              <th scope="col">Meeting</th>
              <th scope="col">Files</th>
              <th scope="col">Size</th>
            </tr>
          </thead>
          <tbody>
            {storage.largest.map((m) => (
              <tr key={m.meetingCode}>
                <td>
                  {m.title} <code className="muted">{m.meetingCode}</code>
                </td>
                <td>{m.files}</td>
                <td>{formatBytes(m.bytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
