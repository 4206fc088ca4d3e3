import { useCallback, useEffect, useRef, type RefObject } from 'react';

const ignore = () => undefined;

/** The video of `identity`'s camera on the stage, else any remote video shown there. */
function speakerVideo(stage: HTMLElement, identity: string | undefined): HTMLVideoElement | null {
  const tile = identity
    ? `[data-testid="participant-tile"][data-identity="${CSS.escape(identity)}"] video`
    : null;
  return (
    (tile ? stage.querySelector<HTMLVideoElement>(tile) : null) ??
    stage.querySelector<HTMLVideoElement>('[data-local="false"] video')
  );
}

/**
 * Picture-in-picture of the active speaker: on request (a button), and by itself while the
 * tab is hidden — through the Media Session `enterpictureinpicture` action where the browser
 * offers it (Chrome does for calls), else on `visibilitychange`, which browsers may refuse
 * without a user gesture. Coming back closes the window it opened. Nothing happens where
 * `document.pictureInPictureEnabled` is false.
 */
export function usePictureInPicture(
  stage: RefObject<HTMLElement | null>,
  speaker: string | undefined,
) {
  const supported = document.pictureInPictureEnabled;
  const latestSpeaker = useRef(speaker);
  latestSpeaker.current = speaker;
  const openedWhileHidden = useRef(false);

  const enter = useCallback(async () => {
    const video = stage.current && speakerVideo(stage.current, latestSpeaker.current);
    if (!video || video.readyState < HTMLMediaElement.HAVE_METADATA) return;
    if (document.pictureInPictureElement !== video) await video.requestPictureInPicture();
  }, [stage]);

  // The window follows whoever speaks now.
  useEffect(() => {
    if (document.pictureInPictureElement) enter().catch(ignore);
  }, [speaker, enter]);

  useEffect(() => {
    if (!supported) return;
    const enterHidden = () => {
      openedWhileHidden.current = true;
      enter().catch(ignore);
    };
    const onVisibility = () => {
      if (document.hidden) enterHidden();
      else if (openedWhileHidden.current && document.pictureInPictureElement) {
        openedWhileHidden.current = false;
        document.exitPictureInPicture().catch(ignore);
      }
    };
    document.addEventListener('visibilitychange', onVisibility);
    const action = 'enterpictureinpicture' as MediaSessionAction;
    const setHandler = (handler: (() => void) | null) => {
      try {
        navigator.mediaSession.setActionHandler(action, handler);
      } catch {
        // A browser without this action: visibilitychange is all there is.
      }
    };
    setHandler(enterHidden);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      setHandler(null);
    };
  }, [supported, enter]);

  const toggle = useCallback(() => {
    const done = document.pictureInPictureElement ? document.exitPictureInPicture() : enter();
    done.catch(ignore);
  }, [enter]);
  return { supported, toggle };
}
