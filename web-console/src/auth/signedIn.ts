import type { Identity } from "./jwt";

/** Whoever is signed in, however they signed in (dev tokens or Clerk). */
export interface SignedIn {
  identity: Identity;
  /** A token fresh enough for the next request; ask again for every request and every socket (re)connect. */
  getToken(): Promise<string>;
  signOut(): Promise<void>;
}
