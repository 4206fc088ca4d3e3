import { useEffect, useRef } from 'react';

/** Your own camera, mirrored like a mirror so moving left moves left. */
export function VideoPreview({ track, name }: { track: MediaStreamTrack | null; name: string }) {
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
          aria-label="Your camera preview"
        />
      ) : (
        <div className="preview-off" aria-label="Camera is off">
          <span className="avatar">{(name.trim()[0] ?? '?').toUpperCase()}</span>
        </div>
      )}
    </div>
  );
}
