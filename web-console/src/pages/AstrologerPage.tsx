import { useConsole } from "../context";
import { Notice } from "../components/Notice";
import { RatesText } from "../components/Rates";
import { useAction } from "../components/useAction";
import { SESSION_TYPES, type AstrologerPresence } from "../api/types";
import { nameOf } from "../logic/onlineList";
import { useLoaded, useSocketEvent } from "../realtime/hooks";
import { navigate } from "../route";

/** One astrologer as a user sees them, with Start chat / audio / video at their published rates. */
export function AstrologerPage({ astrologerId }: { astrologerId: string }) {
  const { api, socket, me } = useConsole();
  const astrologer = useLoaded(() => api.astrologer(astrologerId), [astrologerId]);
  useSocketEvent<AstrologerPresence>(socket, "presence:changed", (delta) => delta.id === astrologerId && astrologer.reload());
  const start = useAction();
  const presence = astrologer.value;

  async function startSession(type: (typeof SESSION_TYPES)[number]) {
    const session = await start.run(() => api.startSession(astrologerId, type, presence?.rates[type] ?? undefined));
    if (session) navigate({ page: "session", id: session.id });
  }

  return (
    <section className="card" aria-labelledby="astrologer-title">
      <p><a href="#/">← Astrologers online</a></p>
      <h2 id="astrologer-title">{presence ? nameOf(presence) : astrologerId}</h2>
      <Notice error={astrologer.error} />
      {presence && (
        <>
          <p>
            <span className={`badge ${presence.online && !presence.busy ? "ok" : "warn"}`}>
              {!presence.online ? "offline" : presence.busy ? "busy" : "available"}
            </span>{" "}
            <RatesText rates={presence.rates} />
          </p>
          {me.role === "user" && (
            <div className="actions">
              {SESSION_TYPES.filter((type) => presence.rates[type] !== null).map((type) => (
                <button key={type} type="button" disabled={start.busy} onClick={() => startSession(type)}>
                  Start {type} ({presence.rates[type]} coins/min)
                </button>
              ))}
            </div>
          )}
        </>
      )}
      <Notice error={start.error} />
    </section>
  );
}
