import { io, type Socket } from "socket.io-client";

export type PresenceMode = "list" | "deltas" | "none";

/**
 * How often the socket's identity is extended with `auth:refresh`: chat-service disconnects a socket not
 * refreshed within its grace (30 s) after its token's expiry, and a Clerk token lives about a minute.
 */
export const REFRESH_INTERVAL_MS = 30_000;

/**
 * The tab's one Socket.IO connection, through the gateway (same origin, `/socket.io/`). The token is
 * asked for on every (re)connect, and sent again as `auth:refresh` every half minute while connected, so the
 * socket outlives each token (a Clerk token lives about a minute, a socket much longer). Should a refresh
 * fail and the server revoke the socket (`auth:revoked`), it connects again with a fresh token. `presence`
 * picks what the socket hears of the online list from the start: users want deltas, astrologers and admins
 * nothing.
 */
export function connectRealtime(getToken: () => Promise<string>, presence: PresenceMode): Socket {
  const socket = io({
    auth: (send) => {
      getToken().then(
        (token) => send({ token, presence }),
        () => send({ presence }),
      );
    },
  });
  let revoked = false;
  socket.on("auth:revoked", () => {
    revoked = true;
  });
  socket.on("disconnect", (reason) => {
    if (revoked && reason === "io server disconnect") {
      revoked = false;
      socket.connect();
    }
  });
  const timer = setInterval(() => {
    if (!socket.active) {
      clearInterval(timer);
      return;
    }
    if (socket.connected) {
      getToken().then(
        (token) => socket.emit("auth:refresh", { token }),
        () => undefined,
      );
    }
  }, REFRESH_INTERVAL_MS);
  return socket;
}
