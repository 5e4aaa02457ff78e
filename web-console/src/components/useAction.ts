import { useCallback, useState } from "react";
import { describeRefusal } from "../api/refusals";

/** Runs a button's request: disables while it runs and keeps the refusal to show next to it. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await action();
    } catch (refusal) {
      setError(describeRefusal(refusal));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run, setError };
}
