import { describe, expect, it } from "vitest";
import type { AstrologerPresence } from "../api/types";
import { applyDelta, emptyOnlineList, fromList, sortedAstrologers } from "./onlineList";

function astrologer(id: string, version: number, change: Partial<AstrologerPresence> = {}): AstrologerPresence {
  return { id, displayName: id.toUpperCase(), online: true, busy: false, rates: { chat: 5, audio: null, video: null },
    lastSeen: null, version, ...change };
}

describe("the online list", () => {
  it("starts from the list the server sends on subscribing", () => {
    const state = fromList([astrologer("a", 1), astrologer("b", 4)]);
    expect(Object.keys(state.byId)).toEqual(["a", "b"]);
  });

  it("adds an astrologer who comes online", () => {
    const state = applyDelta(fromList([astrologer("a", 1)]), astrologer("b", 1));
    expect(Object.keys(state.byId).sort()).toEqual(["a", "b"]);
  });

  it("shows an astrologer going busy", () => {
    const state = applyDelta(fromList([astrologer("a", 1)]), astrologer("a", 2, { busy: true }));
    expect(state.byId.a.busy).toBe(true);
  });

  it("removes an astrologer who goes offline", () => {
    const state = applyDelta(fromList([astrologer("a", 1)]), astrologer("a", 2, { online: false }));
    expect(state.byId.a).toBeUndefined();
  });

  it("ignores a delta no newer than what it holds", () => {
    const held = fromList([astrologer("a", 5, { busy: true })]);
    expect(applyDelta(held, astrologer("a", 5))).toBe(held);
    expect(applyDelta(held, astrologer("a", 3))).toBe(held);
  });

  it("does not bring back an astrologer who left when an older delta arrives late", () => {
    const gone = applyDelta(fromList([astrologer("a", 1)]), astrologer("a", 3, { online: false }));
    expect(applyDelta(gone, astrologer("a", 2)).byId.a).toBeUndefined();
  });

  it("lists free astrologers first, then by name", () => {
    const state = fromList([astrologer("c", 1), astrologer("a", 1, { busy: true }), astrologer("b", 1)]);
    expect(sortedAstrologers(state).map((a) => a.id)).toEqual(["b", "c", "a"]);
  });

  it("is empty before anything arrived", () => {
    expect(sortedAstrologers(emptyOnlineList)).toEqual([]);
  });
});
