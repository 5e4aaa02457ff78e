import { useEffect, useState } from "react";

/**
 * Pages live in the URL's hash (`#/sessions/<id>`), so a reload or a shared link opens the same
 * page while the gateway serves a single index.html at `/`.
 */
export type Route =
  | { page: "home" }
  | { page: "astrologer"; id: string }
  | { page: "session"; id: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  if (parts[0] === "astrologers" && parts[1]) return { page: "astrologer", id: parts[1] };
  if (parts[0] === "sessions" && parts[1]) return { page: "session", id: parts[1] };
  return { page: "home" };
}

export function hrefOf(route: Route): string {
  switch (route.page) {
    case "astrologer":
      return `#/astrologers/${encodeURIComponent(route.id)}`;
    case "session":
      return `#/sessions/${encodeURIComponent(route.id)}`;
    default:
      return "#/";
  }
}

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const changed = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener("hashchange", changed);
    return () => window.removeEventListener("hashchange", changed);
  }, []);
  return route;
}
