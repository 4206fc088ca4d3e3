import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** Your own camera, mirrored like a mirror so moving left moves left. */
export function VideoPreview({ track, name }: { track: MediaStreamTrack | null; name: string }) {
  const { t } = useTranslation('prejoin');
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.srcObject = track ? new MediaStream([track]) : null;
  }, [track]);
  return (
    <div className="preview" data-testid="preview">
      {track ? (
        <video
          ref={ref}
          autoPlay
          muted
          playsInline
          data-testid="preview-video"
          aria-label={t('preview.video')}
        />
      ) : (
        <div className="preview-off" aria-label={t('preview.cameraIsOff')}>
          <span className="avatar">{(name.trim()[0] ?? '?').toUpperCase()}</span>
        </div>
      )}
    </div>
  );
}
