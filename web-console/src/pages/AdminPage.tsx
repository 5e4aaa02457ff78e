import { useState, type FormEvent } from "react";
import { useConsole } from "../context";
import { Notice } from "../components/Notice";
import { useAction } from "../components/useAction";
import { randomId } from "../logic/ids";

/**
 * Credits coins to a user. The idempotency key is made when the form is filled in and kept until
 * the credit succeeds: pressing the button again after a lost answer credits once, not twice.
 */
export function AdminPage() {
  const { api } = useConsole();
  const [userId, setUserId] = useState("");
  const [coins, setCoins] = useState("");
  const [key, setKey] = useState(() => randomId("credit"));
  const [done, setDone] = useState<string | null>(null);
  const credit = useAction();

  function edit(change: () => void) {
    change();
    setKey(randomId("credit"));
    setDone(null);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const answer = await credit.run(() => api.credit(userId.trim(), Number(coins), key));
    if (answer) {
      setDone(`Credited ${answer.coins} coins to ${answer.userId}; their balance is now ${answer.balance}.`);
      setKey(randomId("credit"));
    }
  }

  return (
    <form className="card narrow" onSubmit={submit} aria-labelledby="credit-title">
      <h2 id="credit-title">Credit coins</h2>
      <label>
        User id
        <input value={userId} onChange={(e) => edit(() => setUserId(e.target.value))} required />
      </label>
      <label>
        Coins
        <input type="number" min={1} step={1} inputMode="numeric" value={coins}
          onChange={(e) => edit(() => setCoins(e.target.value))} required />
      </label>
      <p className="hint">Idempotency key: <code data-testid="idempotency-key">{key}</code></p>
      <button type="submit" disabled={credit.busy}>Credit</button>
      <Notice error={credit.error} info={done} />
    </form>
  );
}
