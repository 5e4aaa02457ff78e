/** A refusal or a piece of news, read out by screen readers as it appears. */
export function Notice({ error, info }: { error?: string | null; info?: string | null }) {
  if (error) return <p className="notice error" role="alert">{error}</p>;
  if (info) return <p className="notice info" role="status">{info}</p>;
  return null;
}
