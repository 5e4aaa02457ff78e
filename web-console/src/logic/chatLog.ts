import type { ChatMessage } from "../api/types";

/**
 * A session's messages in `seq` order, each once, whatever way they arrived: the history page,
 * the catch-up replayed by `join-session { afterSeq }`, or live `message:receive` events that may
 * overlap both after a reconnect.
 */
export function mergeMessages(held: ChatMessage[], arriving: ChatMessage[]): ChatMessage[] {
  if (arriving.length === 0) return held;
  const bySeq = new Map<number, ChatMessage>();
  for (const message of held) bySeq.set(message.seq, message);
  let changed = false;
  for (const message of arriving) {
    if (!bySeq.has(message.seq)) {
      bySeq.set(message.seq, message);
      changed = true;
    }
  }
  if (!changed) return held;
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** The `afterSeq` to resume from: everything up to it is held. */
export function lastSeq(messages: ChatMessage[]): number {
  return messages.length === 0 ? 0 : messages[messages.length - 1].seq;
}
