import { useEffect, useRef, useState, type FormEvent } from "react";
import { useConsole } from "../context";
import { Notice } from "../components/Notice";
import { useChat } from "../realtime/hooks";

/** A session's messages; with `live` the person can write, and new messages arrive as they are sent. */
export function ChatPanel({ sessionId, live }: { sessionId: string; live: boolean }) {
  const { api, socket, me } = useConsole();
  const chat = useChat(api, socket, sessionId, live);
  const [draft, setDraft] = useState("");
  const [sending, setSending] = useState(false);
  const end = useRef<HTMLLIElement>(null);

  useEffect(() => {
    // in braces: newer browsers answer scrollIntoView with a promise, which React would take for a clean-up
    end.current?.scrollIntoView?.({ block: "nearest" });
  }, [chat.messages.length]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!draft.trim()) return;
    setSending(true);
    if (await chat.send(draft)) setDraft("");
    setSending(false);
  }

  return (
    <section className="card chat" aria-labelledby="chat-title">
      <h3 id="chat-title">Chat</h3>
      <ol className="messages" aria-live="polite" data-testid="messages">
        {chat.messages.map((message) => (
          <li key={message.seq} className={message.senderId === me.userId ? "mine" : "theirs"}>
            <span className="sender">{message.senderId === me.userId ? "You" : message.senderRole}</span>
            <span className="text">{message.text}</span>
            <time dateTime={message.sentAt}>{new Date(message.sentAt).toLocaleTimeString()}</time>
          </li>
        ))}
        <li ref={end} aria-hidden="true" className="end" />
      </ol>
      {chat.messages.length === 0 && <p className="hint">No messages yet.</p>}
      <Notice error={chat.error} />
      {live && (
        <form onSubmit={submit} className="send">
          <label htmlFor="message-input" className="sr-only">Message</label>
          <input id="message-input" value={draft} onChange={(e) => setDraft(e.target.value)} maxLength={2000}
            placeholder="Write a message" autoComplete="off" />
          <button type="submit" disabled={sending || !draft.trim()}>Send</button>
        </form>
      )}
    </section>
  );
}
