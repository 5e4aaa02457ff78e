import { describe, expect, it } from "vitest";
import { frontendApiOf } from "./clerk";
import { readIdentity } from "./jwt";

function tokenWith(claims: object): string {
  const part = (value: object) => btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value)))).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  return `${part({ alg: "RS256" })}.${part(claims)}.signature`;
}

describe("who a token says is signed in", () => {
  it("reads the subject, role, name and expiry", () => {
    const identity = readIdentity(tokenWith({ sub: "astro_1", role: "astrologer", name: "Āsha ✨", exp: 2_000_000_000 }));
    expect(identity).toEqual({ userId: "astro_1", role: "astrologer", name: "Āsha ✨", expiresAt: 2_000_000_000_000 });
  });

  it("reads a nested role claim the way the services are configured to", () => {
    const token = tokenWith({ sub: "u", public_metadata: { role: "admin" }, exp: 1 });
    expect(readIdentity(token, "public_metadata.role").role).toBe("admin");
  });

  it("has no role when the claim holds an unknown one", () => {
    expect(readIdentity(tokenWith({ sub: "u", role: "root", exp: 1 })).role).toBeNull();
  });
});

describe("Clerk's publishable key", () => {
  it("names the instance's Frontend API host", () => {
    expect(frontendApiOf(`pk_test_${btoa("clever-cat-12.clerk.accounts.dev$")}`)).toBe("clever-cat-12.clerk.accounts.dev");
  });

  it("is refused when it is not a publishable key", () => {
    expect(() => frontendApiOf("sk_test_abc")).toThrow(/publishable key/);
  });
});
