// Shapes of the REST answers and socket payloads the console reads (see the services' READMEs).

export type Role = "user" | "astrologer" | "admin";
export type SessionType = "chat" | "audio" | "video";
export const SESSION_TYPES: SessionType[] = ["chat", "audio", "video"];

export interface Rates {
  chat: number | null;
  audio: number | null;
  video: number | null;
}

/** An astrologer as the online list and `presence:changed` show them. */
export interface AstrologerPresence {
  id: string;
  displayName: string | null;
  online?: boolean;
  busy: boolean;
  rates: Rates;
  lastSeen: string | null;
  /** Shown only to the astrologer themselves and to admins. */
  currentSessionId?: string | null;
  version: number;
}

export interface Session {
  id: string;
  userId: string;
  astrologerId: string;
  sessionType: SessionType;
  ratePerMinute: number;
  status: "pending" | "active" | "ending" | "ended";
  createdAt?: string;
  expiresAt: string | null;
  acceptedAt: string | null;
  channelName: string | null;
  endedAt: string | null;
  endReason: string | null;
  endedBy: string | null;
  billedMinutes: number | null;
  coinsCharged: number | null;
}

export interface WalletEntry {
  id: string;
  kind: string;
  coins: number;
  sessionId: string | null;
  idempotencyKey: string | null;
  createdAt: string;
}

export interface Wallet {
  userId: string;
  balance: number;
  entries: WalletEntry[];
}

export interface ChatMessage {
  id: string;
  sessionId: string;
  seq: number;
  senderId: string;
  senderRole: Role;
  text: string;
  clientMessageId: string | null;
  sentAt: string;
}

export interface AgoraToken {
  token: string;
  appId: string;
  channelName: string;
  uid: string | number;
  numericUid: number;
  sessionId: string;
  expiresAt: string;
}

/** `session:request`, `session:accepted` and `session:ended` carry the session's id as `sessionId`. */
export interface SessionEvent {
  sessionId: string;
  userId: string;
  astrologerId: string;
  sessionType: SessionType;
  ratePerMinute: number;
  expiresAt?: string;
  acceptedAt?: string | null;
  channelName?: string;
  reason?: string;
  endedBy?: string;
  endedAt?: string;
  billedMinutes?: number;
  coinsCharged?: number;
}
