import { useCallback, useEffect, useRef, useState } from "react";
import type { Socket } from "socket.io-client";
import type { Api } from "../api/endpoints";
import { describeRefusal, describeSocketRefusal } from "../api/refusals";
import type { AstrologerPresence, ChatMessage, Session, SessionEvent } from "../api/types";
import { lastSeq, mergeMessages } from "../logic/chatLog";
import { randomId } from "../logic/ids";
import { applyDelta, emptyOnlineList, fromList, sortedAstrologers } from "../logic/onlineList";

const ACK_TIMEOUT_MS = 10_000;

/** Calls `handler` for every `event` on the socket; the latest handler is used without resubscribing. */
export function useSocketEvent<T>(socket: Socket, event: string, handler: (payload: T) => void): void {
  useSocketEvents(socket, [event], handler);
}

/** The same for several events with one handler (`events` must not change between renders). */
export function useSocketEvents<T>(socket: Socket, events: string[], handler: (payload: T) => void): void {
  const latest = useRef(handler);
  latest.current = handler;
  const key = events.join(" ");
  useEffect(() => {
    const listener = (payload: T) => latest.current(payload);
    const names = key.split(" ");
    names.forEach((name) => socket.on(name, listener));
    return () => names.forEach((name) => socket.off(name, listener));
  }, [socket, key]);
}

/** Whether the socket is connected now; the console shows "reconnecting" while it is not. */
export function useConnected(socket: Socket): boolean {
  const [connected, setConnected] = useState(socket.connected);
  useEffect(() => {
    const up = () => setConnected(true);
    const down = () => setConnected(false);
    socket.on("connect", up);
    socket.on("disconnect", down);
    socket.io.on("reconnect_attempt", down);
    setConnected(socket.connected);
    return () => {
      socket.off("connect", up);
      socket.off("disconnect", down);
      socket.io.off("reconnect_attempt", down);
    };
  }, [socket]);
  return connected;
}

/** The online astrologers, live: the socket was opened in `deltas` mode, so a list comes on every (re)connect, then deltas. */
export function useOnlineAstrologers(socket: Socket): AstrologerPresence[] {
  const [state, setState] = useState(emptyOnlineList);
  useSocketEvent<AstrologerPresence[]>(socket, "presence:online-list", (list) => setState((held) => fromList(list, held)));
  useSocketEvent<AstrologerPresence>(socket, "presence:changed", (delta) => setState((held) => applyDelta(held, delta)));
  return sortedAstrologers(state);
}

/** Runs `load` now and whenever `reloadOn` changes; keeps the last answer and the last refusal. */
export function useLoaded<T>(load: () => Promise<T>, reloadOn: unknown[]): {
  value: T | null; error: string | null; reload: () => void;
} {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const latest = useRef(load);
  latest.current = load;
  useEffect(() => {
    let current = true;
    latest.current().then(
      (answer) => current && (setValue(answer), setError(null)),
      (refusal) => current && setError(describeRefusal(refusal)),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tick, ...reloadOn]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { value, error, reload };
}

/**
 * One session as REST answers it, read again whenever a socket event names it (accepted, ended)
 * and after every reconnect (events sent while the socket was away are not replayed).
 */
export function useSession(api: Api, socket: Socket, sessionId: string) {
  const loaded = useLoaded(() => api.session(sessionId), [sessionId]);
  const { reload } = loaded;
  const forThis = (event: SessionEvent) => event.sessionId === sessionId && reload();
  useSocketEvent<SessionEvent>(socket, "session:accepted", forThis);
  useSocketEvent<SessionEvent>(socket, "session:ended", forThis);
  useSocketEvent<void>(socket, "connect", reload);
  return loaded as { value: Session | null; error: string | null; reload: () => void };
}

/**
 * A session's chat: the latest history page over REST, then `join-session` with `afterSeq` so the
 * server replays whatever came after it and then streams live messages. After every reconnect it
 * joins again from the last message held, so nothing is missed or shown twice.
 */
export function useChat(api: Api, socket: Socket, sessionId: string, live: boolean) {
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [error, setError] = useState<string | null>(null);
  const held = useRef<ChatMessage[]>([]);
  const historyLoaded = useRef(false);

  const add = useCallback((arriving: ChatMessage[]) => {
    held.current = mergeMessages(held.current, arriving);
    setMessages(held.current);
  }, []);

  const join = useCallback(async () => {
    if (!live || !historyLoaded.current || !socket.connected) return;
    try {
      const ack = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("join-session", { sessionId, afterSeq: lastSeq(held.current) });
      setError(ack?.ok ? null : describeSocketRefusal(ack?.error));
    } catch {
      setError("The chat server did not answer; retrying when the connection is back.");
    }
  }, [live, sessionId, socket]);

  useEffect(() => {
    let current = true;
    held.current = [];
    historyLoaded.current = false;
    setMessages([]);
    api.latestMessages(sessionId).then(
      (page) => {
        if (!current) return;
        historyLoaded.current = true;
        add(page.messages);
        join();
      },
      (refusal) => current && setError(describeRefusal(refusal)),
    );
    return () => {
      current = false;
      if (live && socket.connected) socket.emit("leave-session", { sessionId });
    };
  }, [api, sessionId, live, socket, add, join]);

  useSocketEvent<void>(socket, "connect", () => void join());
  useSocketEvent<ChatMessage>(socket, "message:receive", (message) => {
    if (message.sessionId === sessionId) add([message]);
  });

  const send = useCallback(async (text: string): Promise<boolean> => {
    try {
      const ack = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("message:send", {
        sessionId, text, clientMessageId: randomId("msg"),
      });
      if (!ack?.ok) {
        setError(describeSocketRefusal(ack?.error));
        return false;
      }
      add([ack.message as ChatMessage]);
      setError(null);
      return true;
    } catch {
      setError("The message was not confirmed; check your connection and send it again.");
      return false;
    }
  }, [add, sessionId, socket]);

  return { messages, error, send };
}

/** Re-renders every second, for countdowns. */
export function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
