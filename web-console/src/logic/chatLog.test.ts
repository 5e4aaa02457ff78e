import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../api/types";
import { lastSeq, mergeMessages } from "./chatLog";

function message(seq: number): ChatMessage {
  return { id: `m${seq}`, sessionId: "s", seq, senderId: "u", senderRole: "user", text: `text ${seq}`,
    clientMessageId: null, sentAt: "2026-01-01T00:00:00Z" };
}

describe("a session's chat log", () => {
  it("keeps messages in seq order whatever order they arrive in", () => {
    expect(mergeMessages([message(1)], [message(3), message(2)]).map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it("shows a message once when history, catch-up and live delivery overlap", () => {
    const afterHistory = mergeMessages([], [message(1), message(2)]);
    const afterReplay = mergeMessages(afterHistory, [message(2), message(3)]);
    expect(mergeMessages(afterReplay, [message(3)]).map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it("answers the same list when nothing new arrived, so the page does not re-render", () => {
    const held = [message(1)];
    expect(mergeMessages(held, [message(1)])).toBe(held);
  });

  it("resumes after the last message held, or from the start when none is held", () => {
    expect(lastSeq([message(1), message(7)])).toBe(7);
    expect(lastSeq([])).toBe(0);
  });
});
