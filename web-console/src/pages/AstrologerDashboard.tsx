import { useEffect, useState, type FormEvent } from "react";
import { ApiError } from "../api/client";
import { SESSION_TYPES, type AstrologerPresence, type Rates, type Session, type SessionEvent } from "../api/types";
import { useConsole } from "../context";
import { Notice } from "../components/Notice";
import { useAction } from "../components/useAction";
import { formatCountdown, secondsUntil } from "../logic/time";
import { useLoaded, useNow, useSocketEvent } from "../realtime/hooks";
import { hrefOf, navigate } from "../route";
import { MySessions } from "./MySessions";

/** The astrologer's dashboard: online/offline, rates, requests arriving live, and their sessions. */
export function AstrologerDashboard() {
  const { api, me } = useConsole();
  // never seen before (404): offline with no rates, until they act
  const presence = useLoaded(() => api.astrologer(me.userId).catch((refusal) => {
    if (refusal instanceof ApiError && refusal.status === 404) return null;
    throw refusal;
  }), []);
  return (
    <div className="columns">
      <div className="stack">
        <AvailabilityCard presence={presence.value} error={presence.error} onChange={presence.reload} />
        <RatesCard presence={presence.value} onChange={presence.reload} />
      </div>
      <div className="stack">
        <IncomingRequests />
        <MySessions />
      </div>
    </div>
  );
}

function AvailabilityCard({ presence, error, onChange }: {
  presence: AstrologerPresence | null; error: string | null; onChange: () => void;
}) {
  const { api, me } = useConsole();
  const toggle = useAction();
  const online = presence?.online ?? false;
  return (
    <section className="card" aria-labelledby="availability-title">
      <h2 id="availability-title">Availability</h2>
      <Notice error={error} />
      <p>
        You are <strong data-testid="availability">{online ? "online" : "offline"}</strong>
        {presence?.busy && <> and <strong>busy</strong> in a session{presence.currentSessionId && (
          <> (<a href={hrefOf({ page: "session", id: presence.currentSessionId })}>open it</a>)</>)}</>}.
      </p>
      <button type="button" disabled={toggle.busy} aria-pressed={online}
        onClick={() => toggle.run(() => (online ? api.goOffline(me.userId) : api.goOnline(me.userId))).then(onChange)}>
        {online ? "Go offline" : "Go online"}
      </button>
      <Notice error={toggle.error} />
    </section>
  );
}

function RatesCard({ presence, onChange }: { presence: AstrologerPresence | null; onChange: () => void }) {
  const { api, me } = useConsole();
  const [draft, setDraft] = useState<Record<keyof Rates, string>>({ chat: "", audio: "", video: "" });
  const save = useAction();
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (presence) setDraft(ratesToDraft(presence.rates));
  }, [presence]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const answer = await save.run(() => api.setRates(me.userId, draftToRates(draft)));
    if (answer) {
      setSaved(true);
      onChange();
    }
  }

  return (
    <form className="card" onSubmit={submit} aria-labelledby="rates-title">
      <h2 id="rates-title">Rates (coins per minute)</h2>
      <p className="hint">Leave a type empty to not offer it.</p>
      {SESSION_TYPES.map((type) => (
        <label key={type}>
          {type}
          <input type="number" min={1} step={1} inputMode="numeric" value={draft[type]}
            onChange={(e) => setDraft({ ...draft, [type]: e.target.value })} />
        </label>
      ))}
      <button type="submit" disabled={save.busy}>Save rates</button>
      <Notice error={save.error} info={saved ? "Rates saved." : null} />
    </form>
  );
}

function ratesToDraft(rates: Rates): Record<keyof Rates, string> {
  return { chat: String(rates.chat ?? ""), audio: String(rates.audio ?? ""), video: String(rates.video ?? "") };
}

function draftToRates(draft: Record<keyof Rates, string>): Rates {
  const rate = (text: string) => (text.trim() === "" ? null : Number(text));
  return { chat: rate(draft.chat), audio: rate(draft.audio), video: rate(draft.video) };
}

/** Pending requests: the ones already waiting (read at start and after a reconnect), then each `session:request` as it comes. */
function IncomingRequests() {
  const { api, socket, me } = useConsole();
  const [requests, setRequests] = useState<Record<string, Session | SessionEvent>>({});
  const pending = useLoaded(() => api.sessions("pending"), []);
  const now = useNow();
  const answer = useAction();

  useEffect(() => {
    const waiting = pending.value?.items.filter((session) => session.astrologerId === me.userId) ?? [];
    setRequests(Object.fromEntries(waiting.map((session) => [session.id, session])));
  }, [pending.value, me.userId]);
  useSocketEvent<SessionEvent>(socket, "session:request", (request) =>
    setRequests((held) => ({ ...held, [request.sessionId]: request })));
  const forget = (event: SessionEvent) => setRequests(({ [event.sessionId]: _gone, ...rest }) => rest);
  useSocketEvent(socket, "session:accepted", forget);
  useSocketEvent(socket, "session:ended", forget);
  useSocketEvent(socket, "connect", pending.reload);

  async function accept(sessionId: string) {
    const session = await answer.run(() => api.acceptSession(sessionId));
    if (session) navigate({ page: "session", id: session.id });
  }

  const open = Object.entries(requests).filter(([, request]) => secondsUntil(request.expiresAt, now) > 0);
  return (
    <section className="card" aria-labelledby="requests-title">
      <h2 id="requests-title">Incoming requests</h2>
      {open.length === 0 && <p className="hint">No requests waiting; new ones appear here as they arrive.</p>}
      <ul className="requests" aria-live="assertive" data-testid="incoming-requests">
        {open.map(([sessionId, request]) => (
          <li key={sessionId} data-session={sessionId}>
            <span><strong>{request.userId}</strong> asks for a {request.sessionType} session at {request.ratePerMinute} coins/min,
              expires in {formatCountdown(secondsUntil(request.expiresAt, now))}</span>
            <span className="actions">
              <button type="button" disabled={answer.busy} onClick={() => accept(sessionId)}>Accept</button>
              <button type="button" className="secondary" disabled={answer.busy}
                onClick={() => answer.run(() => api.rejectSession(sessionId))}>Reject</button>
            </span>
          </li>
        ))}
      </ul>
      <Notice error={answer.error} />
    </section>
  );
}
