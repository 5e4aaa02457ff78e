import { useConsole } from "../context";
import { RatesText } from "../components/Rates";
import { nameOf } from "../logic/onlineList";
import { useOnlineAstrologers } from "../realtime/hooks";
import { hrefOf } from "../route";
import { MySessions } from "./MySessions";
import { WalletCard } from "./WalletCard";

/** A user's home: who is online now (live, without reloading), the wallet and their sessions. */
export function UserHome() {
  const { socket } = useConsole();
  const astrologers = useOnlineAstrologers(socket);
  return (
    <div className="columns">
      <section className="card" aria-labelledby="online-title">
        <h2 id="online-title">Astrologers online</h2>
        {astrologers.length === 0 && <p className="hint">Nobody is online right now; this list updates by itself.</p>}
        <ul className="astrologers" aria-live="polite" data-testid="online-astrologers">
          {astrologers.map((astrologer) => (
            <li key={astrologer.id} data-astrologer={astrologer.id}>
              <a href={hrefOf({ page: "astrologer", id: astrologer.id })}>{nameOf(astrologer)}</a>
              <span className={`badge ${astrologer.busy ? "warn" : "ok"}`}>{astrologer.busy ? "busy" : "available"}</span>
              <span className="rates"><RatesText rates={astrologer.rates} /></span>
            </li>
          ))}
        </ul>
      </section>
      <div className="stack">
        <WalletCard />
        <MySessions />
      </div>
    </div>
  );
}
