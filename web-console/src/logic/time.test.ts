import { describe, expect, it } from "vitest";
import { formatCountdown, renewalDelayMillis, secondsUntil } from "./time";

const NOW = Date.parse("2026-01-01T10:00:00Z");

describe("countdowns", () => {
  it("counts whole seconds left, never below zero", () => {
    expect(secondsUntil("2026-01-01T10:00:59.500Z", NOW)).toBe(60);
    expect(secondsUntil("2026-01-01T09:59:00Z", NOW)).toBe(0);
  });

  it("shows minutes and seconds", () => {
    expect(formatCountdown(65)).toBe("1:05");
    expect(formatCountdown(0)).toBe("0:00");
  });
});

describe("Agora token renewal", () => {
  it("renews a minute before a long-lived token expires", () => {
    expect(renewalDelayMillis("2026-01-01T11:00:00Z", NOW)).toBe(59 * 60_000);
  });

  it("renews halfway through a token that lives under two minutes", () => {
    expect(renewalDelayMillis("2026-01-01T10:01:00Z", NOW)).toBe(30_000);
  });
});
