import { requestJson } from "../api/client";
import type { Role } from "../api/types";
import { readIdentity } from "./jwt";
import type { SignedIn } from "./signedIn";

const STORAGE_KEY = "astro-console.dev-sign-in";
/** Mint again this long before the token expires, so no request goes out with a dying token. */
const RENEW_MARGIN_MS = 60_000;

interface Stored {
  sub: string;
  role: Role;
  name: string | null;
  token: string;
}

/**
 * "Sign in as" through the dev stack's `/dev/tokens`. Kept in sessionStorage: a reload keeps the
 * tab signed in, and two windows can be two different people.
 */
export async function devSignIn(sub: string, role: Role, name: string | null, roleClaim: string): Promise<SignedIn> {
  const stored: Stored = { sub, role, name, token: await mint(sub, role, name) };
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(stored));
  return signedIn(stored, roleClaim);
}

export function restoreDevSignIn(roleClaim: string): SignedIn | null {
  const raw = sessionStorage.getItem(STORAGE_KEY);
  if (!raw) return null;
  try {
    return signedIn(JSON.parse(raw) as Stored, roleClaim);
  } catch {
    sessionStorage.removeItem(STORAGE_KEY);
    return null;
  }
}

function signedIn(stored: Stored, roleClaim: string): SignedIn {
  let current = stored;
  return {
    identity: readIdentity(stored.token, roleClaim),
    async getToken() {
      if (readIdentity(current.token, roleClaim).expiresAt - Date.now() < RENEW_MARGIN_MS) {
        current = { ...current, token: await mint(current.sub, current.role, current.name) };
        sessionStorage.setItem(STORAGE_KEY, JSON.stringify(current));
      }
      return current.token;
    },
    async signOut() {
      sessionStorage.removeItem(STORAGE_KEY);
    },
  };
}

async function mint(sub: string, role: Role, name: string | null): Promise<string> {
  const answer = await requestJson<{ token: string }>("POST", "/dev/tokens", null, { sub, role, name: name || undefined });
  return answer.token;
}
