import { ApiError } from "./client";

/**
 * What a person should read when the API refuses something. The server's `detail` is precise
 * but written for developers; the common refusals get a sentence that says what to do next.
 */
export function describeRefusal(error: unknown): string {
  if (!(error instanceof ApiError)) {
    return error instanceof Error ? error.message : String(error);
  }
  const { status, detail, properties } = error;
  switch (status) {
    case 0:
      return detail;
    case 401:
      return "Your sign-in has expired. Sign in again.";
    case 402: {
      const balance = numberOr(properties.balance);
      const required = numberOr(properties.required);
      if (balance !== null && required !== null) {
        return `Not enough coins: this session needs at least ${required} coins and your balance is ${balance}. Ask an admin to add coins.`;
      }
      return `Not enough coins. ${detail}`;
    }
    case 403:
      return `Not allowed: ${detail}`;
    case 404:
      return `Not found: ${detail}`;
    case 409:
      return `Not possible right now: ${detail}`;
    case 410:
      return `This session is over: ${detail}`;
    case 413:
      return "That is too large to send.";
    case 429:
      return "Slow down: too many requests. Wait a moment and try again.";
    case 503:
    case 504:
      return `The service is unavailable right now, try again shortly (${detail}).`;
    default:
      return detail;
  }
}

function numberOr(value: unknown): number | null {
  return typeof value === "number" ? value : null;
}

/** Texts for the `code` of a refused socket request (`message:error`, or an acknowledgement's `error`). */
const SOCKET_REFUSALS: Record<string, string> = {
  session_not_found: "This session does not exist or is not yours.",
  session_not_active: "The session is not active (not accepted yet, or already ended).",
  session_not_pending: "The request was already answered.",
  empty_text: "Write something first.",
  text_too_long: "That message is too long (2,000 characters at most).",
  too_many_requests: "Slow down: too many messages at once.",
  busy: "The chat server is busy, try again in a moment.",
  unauthorized: "Your sign-in has expired. Sign in again.",
  forbidden: "Not allowed.",
};

export function describeSocketRefusal(error: { code?: string; message?: string } | undefined): string {
  if (!error) return "The server refused the request.";
  return (error.code && SOCKET_REFUSALS[error.code]) || error.message || "The server refused the request.";
}
