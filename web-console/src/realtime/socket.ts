import { io, type Socket } from "socket.io-client";

export type PresenceMode = "list" | "deltas" | "none";

/**
 * The tab's one Socket.IO connection, through the gateway (same origin, `/socket.io/`). The token is
 * asked for on every (re)connect, so a reconnect after a token expired authenticates with a fresh one
 * (a Clerk token lives about a minute, a socket much longer). `presence` picks what the socket hears
 * of the online list from the start: users want deltas, astrologers and admins nothing.
 */
export function connectRealtime(getToken: () => Promise<string>, presence: PresenceMode): Socket {
  return io({
    auth: (send) => {
      getToken().then(
        (token) => send({ token, presence }),
        () => send({ presence }),
      );
    },
  });
}
