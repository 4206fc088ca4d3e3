/** Keys of the signaling-service's shared live state (Redis or memory). */
export const liveKeys = {
  /** Hash identity → Presence JSON of the meeting's full members. */
  presence: (code: string) => `meeting:${code}:presence`,
  /** Hash identity → SocketOwner JSON: which connection on which instance holds the identity. */
  sockets: (code: string) => `meeting:${code}:sockets`,
  /** "1" while the meeting is locked (written by meeting-service; mirrored from meeting.locked). */
  locked: (code: string) => `meeting:${code}:locked`,
  /** Present while the signaling instance is alive (refreshed every heartbeat, with a TTL). */
  instance: (id: string) => `signaling:instance:${id}`,
};
