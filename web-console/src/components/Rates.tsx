import type { Rates } from "../api/types";
import { SESSION_TYPES } from "../api/types";

export function RatesText({ rates }: { rates: Rates }) {
  const offered = SESSION_TYPES.filter((type) => rates[type] !== null);
  if (offered.length === 0) return <span>no rates yet</span>;
  return <span>{offered.map((type) => `${type} ${rates[type]}/min`).join(" · ")}</span>;
}
