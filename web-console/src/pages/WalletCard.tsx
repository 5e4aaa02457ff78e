import { useConsole } from "../context";
import { Notice } from "../components/Notice";
import { useLoaded, useSocketEvents } from "../realtime/hooks";

/** The signed-in user's balance and latest ledger entries; read again when one of their sessions ends (it was charged). */
export function WalletCard() {
  const { api, socket } = useConsole();
  const wallet = useLoaded(() => api.wallet(), []);
  useSocketEvents(socket, ["session:ended", "connect"], wallet.reload);
  return (
    <section className="card" aria-labelledby="wallet-title">
      <h2 id="wallet-title">Wallet</h2>
      <Notice error={wallet.error} />
      {wallet.value && (
        <>
          <p className="balance">
            Balance: <strong data-testid="balance">{wallet.value.balance}</strong> coins
          </p>
          <table>
            <caption className="sr-only">Latest ledger entries</caption>
            <thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Coins</th></tr></thead>
            <tbody>
              {wallet.value.entries.map((entry) => (
                <tr key={entry.id}>
                  <td>{new Date(entry.createdAt).toLocaleString()}</td>
                  <td>{entry.kind}{entry.sessionId ? ` (session ${entry.sessionId.slice(-6)})` : ""}</td>
                  <td>{entry.coins}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {wallet.value.entries.length === 0 && <p className="hint">No entries yet: an admin credits coins.</p>}
        </>
      )}
    </section>
  );
}
