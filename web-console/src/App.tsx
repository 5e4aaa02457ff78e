import { useCallback, useEffect, useMemo, useState } from "react";
import type { Socket } from "socket.io-client";
import { createApi } from "./api/endpoints";
import { describeRefusal } from "./api/refusals";
import { restoreDevSignIn } from "./auth/devSignIn";
import type { SignedIn } from "./auth/signedIn";
import { loadConfig, type ConsoleConfig } from "./config";
import { ConsoleContext, useConsole, type Console } from "./context";
import { Notice } from "./components/Notice";
import { AdminPage } from "./pages/AdminPage";
import { AstrologerDashboard } from "./pages/AstrologerDashboard";
import { AstrologerPage } from "./pages/AstrologerPage";
import { SessionPage } from "./pages/SessionPage";
import { SignIn } from "./pages/SignIn";
import { UserHome } from "./pages/UserHome";
import { connectRealtime } from "./realtime/socket";
import { useConnected } from "./realtime/hooks";
import { useRoute } from "./route";

export function App() {
  const [config, setConfig] = useState<ConsoleConfig | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [signedIn, setSignedIn] = useState<SignedIn | null>(null);

  useEffect(() => {
    loadConfig().then((loaded) => {
      setConfig(loaded);
      if (loaded.devSignIn) setSignedIn(restoreDevSignIn(loaded.roleClaim));
    }, (refusal) => setError(describeRefusal(refusal)));
  }, []);

  const signOut = useCallback(async () => {
    await signedIn?.signOut();
    setSignedIn(null);
    window.location.hash = "#/";
  }, [signedIn]);

  if (error) return <main><Notice error={error} /></main>;
  if (!config) return <main><p role="status">Loading…</p></main>;
  if (!signedIn) return <SignIn config={config} onSignedIn={setSignedIn} />;
  return <SignedInConsole key={signedIn.identity.userId} config={config} signedIn={signedIn} onSignOut={signOut} />;
}

function SignedInConsole({ config, signedIn, onSignOut }: {
  config: ConsoleConfig; signedIn: SignedIn; onSignOut: () => void;
}) {
  const me = signedIn.identity;
  const [socket, setSocket] = useState<Socket | null>(null);
  useEffect(() => {
    const opened = connectRealtime(() => signedIn.getToken(), me.role === "user" ? "deltas" : "none");
    setSocket(opened);
    return () => void opened.disconnect();
  }, [signedIn, me.role]);
  const tab = useMemo<Console | null>(
    () => socket && { me, config, socket, api: createApi(() => signedIn.getToken()) },
    [config, me, signedIn, socket],
  );
  if (!tab) return null;

  return (
    <ConsoleContext.Provider value={tab}>
      <Header onSignOut={onSignOut} />
      <main>
        <Page />
      </main>
    </ConsoleContext.Provider>
  );
}

function Header({ onSignOut }: { onSignOut: () => void }) {
  const { me, socket } = useConsole();
  const connected = useConnected(socket);
  return (
    <header className="top">
      <a className="brand" href="#/">astro-live</a>
      <span className={`badge ${connected ? "ok" : "warn"}`} role="status">{connected ? "live" : "reconnecting…"}</span>
      <span className="who" data-testid="signed-in-as">
        {me.name || me.userId} <span className="role">({me.role ?? "no role"})</span>
      </span>
      <button type="button" className="secondary" onClick={onSignOut}>Sign out</button>
    </header>
  );
}

function Page() {
  const route = useRoute();
  const { me } = useConsole();
  if (route.page === "session") return <SessionPage key={route.id} sessionId={route.id} />;
  if (route.page === "astrologer") return <AstrologerPage astrologerId={route.id} />;
  switch (me.role) {
    case "user":
      return <UserHome />;
    case "astrologer":
      return <AstrologerDashboard />;
    case "admin":
      return <AdminPage />;
    default:
      return <Notice error="Your token carries no known role (user, astrologer or admin)." />;
  }
}
