import type { Role } from "../api/types";

/** The parts of a token the console shows and decides with; the services verify it, the console only reads it. */
export interface Identity {
  userId: string;
  role: Role | null;
  name: string | null;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export function readIdentity(token: string, roleClaim = "role"): Identity {
  const claims = decodePayload(token);
  const role = claimAt(claims, roleClaim);
  return {
    userId: String(claims.sub ?? ""),
    role: role === "user" || role === "astrologer" || role === "admin" ? role : null,
    name: typeof claims.name === "string" ? claims.name : null,
    expiresAt: typeof claims.exp === "number" ? claims.exp * 1000 : 0,
  };
}

function decodePayload(token: string): Record<string, unknown> {
  const part = token.split(".")[1];
  if (!part) throw new Error("not a JWT");
  const base64 = part.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(part.length / 4) * 4, "=");
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** The role claim may be nested (`AUTH_ROLE_CLAIM=public_metadata.role`), as the services read it. */
function claimAt(claims: Record<string, unknown>, path: string): unknown {
  return path.split(".").reduce<unknown>(
    (value, key) => (value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined),
    claims,
  );
}
