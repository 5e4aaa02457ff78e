/**
 * Calls the REST API through the gateway (same origin), with a fresh bearer token on every call,
 * and turns problem details (`application/problem+json`) into an ApiError the pages can explain.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly properties: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = "ApiError";
  }
}

export type TokenSource = () => Promise<string | null>;

export async function requestJson<T>(
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "The server cannot be reached. Check your connection and try again.");
  }
  const text = await response.text();
  const json = parseJson(text);
  if (!response.ok) {
    const problem = (json ?? {}) as Record<string, unknown>;
    const detail = typeof problem.detail === "string" ? problem.detail : response.statusText || `HTTP ${response.status}`;
    throw new ApiError(response.status, detail, problem);
  }
  return json as T;
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text };
  }
}
