import { useConsole } from "../context";
import { Notice } from "../components/Notice";
import { useLoaded, useSocketEvents } from "../realtime/hooks";
import { hrefOf } from "../route";

/** The signed-in person's sessions (as user or astrologer), newest first, with their outcome and bill. */
export function MySessions() {
  const { api, socket, me } = useConsole();
  const sessions = useLoaded(() => api.sessions(), []);
  useSocketEvents(socket, ["session:request", "session:accepted", "session:ended", "connect"], sessions.reload);
  return (
    <section className="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">My sessions</h2>
      <Notice error={sessions.error} />
      <ul className="sessions">
        {sessions.value?.items.map((session) => (
          <li key={session.id}>
            <a href={hrefOf({ page: "session", id: session.id })}>
              {session.sessionType} with {me.userId === session.userId ? session.astrologerId : session.userId}
            </a>{" "}
            <span className="badge">{session.status}{session.endReason ? `: ${session.endReason}` : ""}</span>
            {session.status === "ended" && session.acceptedAt && (
              <span> {session.billedMinutes} min, {session.coinsCharged} coins</span>
            )}
          </li>
        ))}
      </ul>
      {sessions.value?.items.length === 0 && <p className="hint">No sessions yet.</p>}
    </section>
  );
}
