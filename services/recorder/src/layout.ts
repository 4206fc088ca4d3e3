/** A video track the recorder could show. */
export interface VideoCandidate {
  trackSid: string;
  identity: string;
  /** A screen share, which wins over every camera. */
  screen: boolean;
}

/** What the recording shows now: one screen share, one speaker, or a grid of up to four. */
export interface Layout {
  kind: 'screen' | 'speaker' | 'grid' | 'empty';
  /** The tracks drawn, in tile order; also the only video the recorder subscribes to. */
  trackSids: string[];
}

/** The most tiles a grid shows: a 2×2 grid keeps each face large enough to recognise. */
export const MAX_GRID_TILES = 4;

/**
 * Picks the video that matters: the first screen share; else the camera of the current
 * speaker (or, in a silence, of the last one, so the picture does not jump back to the grid
 * between sentences); else a grid of the first four cameras.
 */
export function chooseLayout(
  candidates: readonly VideoCandidate[],
  speaker: string | undefined,
): Layout {
  const screen = candidates.find((c) => c.screen);
  if (screen) return { kind: 'screen', trackSids: [screen.trackSid] };
  const cameras = candidates.filter((c) => !c.screen);
  const speaking = speaker === undefined ? undefined : cameras.find((c) => c.identity === speaker);
  if (speaking) return { kind: 'speaker', trackSids: [speaking.trackSid] };
  if (cameras.length === 0) return { kind: 'empty', trackSids: [] };
  return { kind: 'grid', trackSids: cameras.slice(0, MAX_GRID_TILES).map((c) => c.trackSid) };
}
