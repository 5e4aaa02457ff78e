import { describe, expect, it } from "vitest";
import { hrefOf, parseRoute } from "./route";

describe("pages in the URL's hash", () => {
  it("opens a session's page from its link, so a reload stays on it", () => {
    expect(parseRoute(hrefOf({ page: "session", id: "abc123" }))).toEqual({ page: "session", id: "abc123" });
  });

  it("keeps an astrologer id with reserved characters intact", () => {
    expect(parseRoute(hrefOf({ page: "astrologer", id: "user:a@b" }))).toEqual({ page: "astrologer", id: "user:a@b" });
  });

  it("falls back to the home page for anything else", () => {
    expect(parseRoute("")).toEqual({ page: "home" });
    expect(parseRoute("#/nowhere")).toEqual({ page: "home" });
  });
});
