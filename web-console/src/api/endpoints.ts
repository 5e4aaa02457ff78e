import { requestJson, type TokenSource } from "./client";
import type { AgoraToken, AstrologerPresence, ChatMessage, Rates, Session, SessionType, Wallet } from "./types";

/** Every REST call the console makes, by the paths documented in the README and the services' READMEs. */
export function createApi(getToken: TokenSource) {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return requestJson<T>(method, path, await getToken(), body);
  }
  const astrologer = (id: string) => `/api/v1/astrologers/${encodeURIComponent(id)}`;

  return {
    onlineAstrologers: () => call<AstrologerPresence[]>("GET", "/api/v1/astrologers/online"),
    astrologer: (id: string) => call<AstrologerPresence>("GET", astrologer(id)),
    goOnline: (id: string) => call<AstrologerPresence>("POST", `${astrologer(id)}/online`),
    goOffline: (id: string) => call<AstrologerPresence>("POST", `${astrologer(id)}/offline`),
    setRates: (id: string, rates: Rates) => call<AstrologerPresence>("PUT", `${astrologer(id)}/rates`, rates),

    startSession: (astrologerId: string, sessionType: SessionType, ratePerMinute?: number) =>
      call<Session>("POST", "/api/sessions/start", { astrologerId, sessionType, ratePerMinute }),
    acceptSession: (sessionId: string) => call<Session>("POST", "/api/sessions/accept", { sessionId }),
    rejectSession: (sessionId: string) => call<Session>("POST", "/api/sessions/reject", { sessionId }),
    cancelSession: (sessionId: string) => call<Session>("POST", "/api/sessions/cancel", { sessionId }),
    endSession: (sessionId: string) => call<Session>("POST", "/api/sessions/end", { sessionId }),
    session: (sessionId: string) => call<Session>("GET", `/api/sessions/${encodeURIComponent(sessionId)}`),
    sessions: (status?: Session["status"]) =>
      call<{ items: Session[] }>("GET", `/api/sessions?size=20${status ? `&status=${status}` : ""}`),

    wallet: () => call<Wallet>("GET", "/api/wallet"),
    credit: (userId: string, coins: number, idempotencyKey: string) =>
      call<{ userId: string; coins: number; idempotencyKey: string; balance: number }>(
        "POST", `/api/wallets/${encodeURIComponent(userId)}/credit`, { coins, idempotencyKey }),

    /** The newest `limit` messages, oldest first (the history endpoint's default direction). */
    latestMessages: (sessionId: string, limit = 50) =>
      call<{ messages: ChatMessage[]; hasMore: boolean }>(
        "GET", `/api/chat/sessions/${encodeURIComponent(sessionId)}/messages?limit=${limit}`),

    agoraToken: (channelName: string) => call<AgoraToken>("POST", "/api/agora/token", { channelName }),
  };
}

export type Api = ReturnType<typeof createApi>;
