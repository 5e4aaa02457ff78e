import { readIdentity } from "./jwt";
import type { SignedIn } from "./signedIn";

/**
 * Sign-in with Clerk when the gateway is configured with CLERK_PUBLISHABLE_KEY. Clerk's browser
 * SDK (ClerkJS, Core 2: `@clerk/clerk-js@5`, which bundles its sign-in UI) is loaded from the
 * instance's own Frontend API, whose host is encoded in the publishable key. Clerk keeps its
 * session token short-lived (about a minute) and refreshes it in the background;
 * `session.getToken()` answers a fresh one, so the console asks for it before every request and
 * every socket (re)connect. Not tested here: there is no Clerk instance to sign in to.
 */
export function frontendApiOf(publishableKey: string): string {
  const match = /^pk_(test|live)_(.+)$/.exec(publishableKey);
  if (!match) throw new Error("CLERK_PUBLISHABLE_KEY is not a Clerk publishable key (pk_test_... or pk_live_...)");
  const decoded = atob(match[2]);
  if (!decoded.endsWith("$")) throw new Error("CLERK_PUBLISHABLE_KEY does not encode a Frontend API host");
  return decoded.slice(0, -1);
}

interface ClerkSession {
  getToken(): Promise<string | null>;
}

interface ClerkInstance {
  load(): Promise<void>;
  session: ClerkSession | null | undefined;
  mountSignIn(element: HTMLDivElement): void;
  addListener(listener: (resources: { session?: ClerkSession | null }) => void): () => void;
  signOut(): Promise<void>;
}

let loading: Promise<ClerkInstance> | null = null;

export function loadClerk(publishableKey: string): Promise<ClerkInstance> {
  loading ??= new Promise<ClerkInstance>((resolve, reject) => {
    const script = document.createElement("script");
    script.src = `https://${frontendApiOf(publishableKey)}/npm/@clerk/clerk-js@5/dist/clerk.browser.js`;
    script.async = true;
    script.crossOrigin = "anonymous";
    script.setAttribute("data-clerk-publishable-key", publishableKey);
    script.addEventListener("load", async () => {
      const clerk = (window as unknown as { Clerk: ClerkInstance }).Clerk;
      await clerk.load();
      resolve(clerk);
    });
    script.addEventListener("error", () => reject(new Error("Clerk's sign-in could not be loaded")));
    document.body.appendChild(script);
  });
  return loading;
}

/** The signed-in Clerk user, or null when Clerk has no session (the page then mounts Clerk's sign-in). */
export async function clerkSignedIn(clerk: ClerkInstance, roleClaim: string): Promise<SignedIn | null> {
  const session = clerk.session;
  if (!session) return null;
  const first = await session.getToken();
  if (!first) return null;
  return {
    identity: readIdentity(first, roleClaim),
    async getToken() {
      const token = await session.getToken();
      if (!token) throw new Error("The Clerk session has ended. Sign in again.");
      return token;
    },
    signOut: () => clerk.signOut(),
  };
}
