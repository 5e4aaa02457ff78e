import { describe, expect, it } from "vitest";
import { ApiError } from "./client";
import { describeRefusal, describeSocketRefusal } from "./refusals";

describe("refusals as people read them", () => {
  it("says how many coins are missing for a 402", () => {
    const text = describeRefusal(new ApiError(402, "Insufficient balance", { balance: 3, required: 10 }));
    expect(text).toBe("Not enough coins: this session needs at least 10 coins and your balance is 3. Ask an admin to add coins.");
  });

  it("keeps the server's reason for a 409 (busy, offline, already pending)", () => {
    expect(describeRefusal(new ApiError(409, "Astrologer is busy"))).toBe("Not possible right now: Astrologer is busy");
  });

  it("asks to slow down on a 429", () => {
    expect(describeRefusal(new ApiError(429, "Too Many Requests"))).toMatch(/^Slow down/);
  });

  it("asks to sign in again on a 401", () => {
    expect(describeRefusal(new ApiError(401, "Jwt expired"))).toBe("Your sign-in has expired. Sign in again.");
  });

  it("passes on anything else that failed", () => {
    expect(describeRefusal(new Error("boom"))).toBe("boom");
  });

  it("explains a socket refusal by its code, else by its message", () => {
    expect(describeSocketRefusal({ code: "session_not_active", message: "x" })).toMatch(/not active/);
    expect(describeSocketRefusal({ code: "something_new", message: "Server says no" })).toBe("Server says no");
  });
});
