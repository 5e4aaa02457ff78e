import type { Session } from "../api/types";
import { useConsole } from "../context";
import { Notice } from "../components/Notice";
import { useAction } from "../components/useAction";
import { formatCountdown, secondsUntil } from "../logic/time";
import { useNow, useSession } from "../realtime/hooks";
import { navigate } from "../route";
import { CallPanel } from "./CallPanel";
import { ChatPanel } from "./ChatPanel";
import { WalletCard } from "./WalletCard";

/** One session from either side: waiting or incoming while pending, chat and call while active, the bill once ended. */
export function SessionPage({ sessionId }: { sessionId: string }) {
  const { api, socket, me } = useConsole();
  const loaded = useSession(api, socket, sessionId);
  const session = loaded.value;
  if (!session) return <Notice error={loaded.error} info="Loading the session…" />;

  const isUser = me.userId === session.userId;
  const other = isUser ? session.astrologerId : session.userId;
  return (
    <div className="stack">
      <section className="card" aria-labelledby="session-title">
        <p><a href="#/">← Home</a></p>
        <h2 id="session-title">{capitalized(session.sessionType)} session with {other}</h2>
        <p>Rate: {session.ratePerMinute} coins per started minute. Status: <span data-testid="session-status">{session.status}</span></p>
        {session.status === "pending" && (isUser
          ? <Waiting session={session} onChange={loaded.reload} />
          : <Incoming session={session} onChange={loaded.reload} />)}
        {(session.status === "active" || session.status === "ending") && <Active session={session} onChange={loaded.reload} />}
        {session.status === "ended" && <Summary session={session} />}
      </section>
      {session.status !== "pending" && session.acceptedAt && (
        <ChatPanel sessionId={session.id} live={session.status === "active"} />
      )}
      {session.status === "active" && session.sessionType !== "chat" && <CallPanel session={session} />}
      {session.status === "ended" && isUser && <WalletCard />}
    </div>
  );
}

function Waiting({ session, onChange }: { session: Session; onChange: () => void }) {
  const { api } = useConsole();
  const now = useNow();
  const cancel = useAction();
  const left = secondsUntil(session.expiresAt, now);
  return (
    <div role="status" aria-live="polite">
      <p className="waiting">
        Waiting for the astrologer to accept… the request expires in <strong>{formatCountdown(left)}</strong>.
      </p>
      <button type="button" className="secondary" disabled={cancel.busy}
        onClick={() => cancel.run(() => api.cancelSession(session.id)).then(onChange)}>Cancel request</button>
      <Notice error={cancel.error} />
    </div>
  );
}

function Incoming({ session, onChange }: { session: Session; onChange: () => void }) {
  const { api } = useConsole();
  const now = useNow();
  const answer = useAction();
  return (
    <div>
      <p>{session.userId} asks for a {session.sessionType} session; the request expires in {formatCountdown(secondsUntil(session.expiresAt, now))}.</p>
      <div className="actions">
        <button type="button" disabled={answer.busy} onClick={() => answer.run(() => api.acceptSession(session.id)).then(onChange)}>Accept</button>
        <button type="button" className="secondary" disabled={answer.busy}
          onClick={() => answer.run(() => api.rejectSession(session.id)).then(onChange)}>Reject</button>
      </div>
      <Notice error={answer.error} />
    </div>
  );
}

function Active({ session, onChange }: { session: Session; onChange: () => void }) {
  const { api } = useConsole();
  const now = useNow();
  const end = useAction();
  const elapsed = session.acceptedAt ? Math.max(0, Math.floor((now - Date.parse(session.acceptedAt)) / 1000)) : 0;
  return (
    <div>
      <p>Active for <strong>{formatCountdown(elapsed)}</strong> (billed per started minute).</p>
      <button type="button" className="danger" disabled={end.busy}
        onClick={() => end.run(() => api.endSession(session.id)).then(onChange)}>End session</button>
      <Notice error={end.error} />
    </div>
  );
}

const REASONS: Record<string, string> = {
  completed: "The session was completed.",
  rejected: "The astrologer declined the request.",
  cancelled: "The request was cancelled.",
  expired: "Nobody accepted the request in time.",
  balance_exhausted: "The session ended when the balance ran out.",
  astrologer_left: "The astrologer left; the minute in progress was not charged.",
};

function Summary({ session }: { session: Session }) {
  return (
    <div className="summary" data-testid="session-summary" role="status">
      <h3>Session ended</h3>
      <p>{REASONS[session.endReason ?? ""] ?? `Ended (${session.endReason}).`}</p>
      {session.acceptedAt && (
        <p>
          <strong data-testid="billed-minutes">{session.billedMinutes}</strong> minute(s) billed,{" "}
          <strong data-testid="coins-charged">{session.coinsCharged}</strong> coins charged.
        </p>
      )}
      <button type="button" className="secondary" onClick={() => navigate({ page: "home" })}>Back home</button>
    </div>
  );
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
