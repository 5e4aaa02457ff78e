import { useEffect, useRef, useState, type FormEvent } from "react";
import type { Role } from "../api/types";
import { describeRefusal } from "../api/refusals";
import { clerkSignedIn, loadClerk } from "../auth/clerk";
import { devSignIn } from "../auth/devSignIn";
import type { SignedIn } from "../auth/signedIn";
import type { ConsoleConfig } from "../config";
import { Notice } from "../components/Notice";

export function SignIn({ config, onSignedIn }: { config: ConsoleConfig; onSignedIn: (who: SignedIn) => void }) {
  return (
    <main className="sign-in">
      <h1>astro-live console</h1>
      {config.clerkPublishableKey && <ClerkSignIn config={config} onSignedIn={onSignedIn} />}
      {config.devSignIn && <DevSignIn config={config} onSignedIn={onSignedIn} />}
      {!config.clerkPublishableKey && !config.devSignIn && (
        <Notice error="No way to sign in is configured: set CLERK_PUBLISHABLE_KEY on the gateway, or run the dev stack." />
      )}
    </main>
  );
}

function DevSignIn({ config, onSignedIn }: { config: ConsoleConfig; onSignedIn: (who: SignedIn) => void }) {
  const [userId, setUserId] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("user");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await devSignIn(userId.trim(), role, name.trim() || null, config.roleClaim));
    } catch (refusal) {
      setError(describeRefusal(refusal));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card" onSubmit={submit} aria-labelledby="dev-sign-in-title">
      <h2 id="dev-sign-in-title">Sign in as (dev stack)</h2>
      <p className="hint">Tokens come from the dev issuer (<code>POST /dev/tokens</code>). Use one window per person.</p>
      <label>
        User id
        <input value={userId} onChange={(e) => setUserId(e.target.value)} required pattern="[A-Za-z0-9_.:@\-]{1,128}"
          placeholder="astro_1" autoComplete="username" />
      </label>
      <label>
        Display name
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Asha" />
      </label>
      {/* a label beside, not around, the select: a wrapping label would name it "Role user" */}
      <label htmlFor="sign-in-role">Role</label>
      <select id="sign-in-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
        <option value="user">user</option>
        <option value="astrologer">astrologer</option>
        <option value="admin">admin</option>
      </select>
      <button type="submit" disabled={busy}>Sign in</button>
      <Notice error={error} />
    </form>
  );
}

/** Clerk's own sign-in component, mounted into the page; the console continues once Clerk has a session. */
function ClerkSignIn({ config, onSignedIn }: { config: ConsoleConfig; onSignedIn: (who: SignedIn) => void }) {
  const mount = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stop: (() => void) | undefined;
    loadClerk(config.clerkPublishableKey!).then(async (clerk) => {
      const continueIfSignedIn = async () => {
        const who = await clerkSignedIn(clerk, config.roleClaim);
        if (who) onSignedIn(who);
      };
      stop = clerk.addListener(() => void continueIfSignedIn());
      await continueIfSignedIn();
      if (!clerk.session && mount.current) clerk.mountSignIn(mount.current);
    }, (failure) => setError(describeRefusal(failure)));
    return () => stop?.();
  }, [config, onSignedIn]);
  return (
    <section className="card" aria-label="Sign in with Clerk">
      <div ref={mount} />
      <Notice error={error} />
    </section>
  );
}
