import { useEffect, useRef, useState } from "react";
import { ApiError } from "../api/client";
import { describeRefusal } from "../api/refusals";
import type { AgoraToken, Session } from "../api/types";
import { joinCall, type JoinedCall } from "../call/agoraCall";
import { useConsole } from "../context";
import { Notice } from "../components/Notice";
import { renewalDelayMillis } from "../logic/time";

/** token-service learns of an accepted session from Kafka, a moment after the participants do. */
const NOT_YET_KNOWN_RETRY_MS = 1000;

/**
 * The call of an audio or video session: its Agora token, renewed a minute before it expires (the
 * token lives `AGORA_TOKEN_TTL`, at most until the session's length cap or the user's coins run out; token-service answers a new
 * one to any participant of the still active session). With CONSOLE_AGORA_APP_ID set the console
 * joins with the Agora Web SDK; otherwise it shows what it would join with.
 */
export function CallPanel({ session }: { session: Session }) {
  const { api, config } = useConsole();
  const [token, setToken] = useState<AgoraToken | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [call, setCall] = useState<JoinedCall | null>(null);
  const [renewals, setRenewals] = useState(0);
  const remoteVideo = useRef<HTMLDivElement>(null);
  const channel = session.channelName!;

  useEffect(() => {
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fetchToken = async () => {
      try {
        const fresh = await api.agoraToken(channel);
        if (!current) return;
        setToken(fresh);
        setError(null);
        timer = setTimeout(() => setRenewals((n) => n + 1), renewalDelayMillis(fresh.expiresAt, Date.now()));
      } catch (refusal) {
        if (!current) return;
        if (refusal instanceof ApiError && refusal.status === 404) timer = setTimeout(fetchToken, NOT_YET_KNOWN_RETRY_MS);
        else setError(describeRefusal(refusal));
      }
    };
    fetchToken();
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, channel, renewals]);

  useEffect(() => {
    if (call && token) call.renewToken(token.token).catch((failure) => setError(describeRefusal(failure)));
  }, [call, token]);
  useEffect(() => () => void call?.leave(), [call]);

  async function join() {
    if (!token) return;
    try {
      setCall(await joinCall(token, session.sessionType, remoteVideo.current!, () => setRenewals((n) => n + 1)));
    } catch (failure) {
      setError(`Could not join the call: ${describeRefusal(failure)}`);
    }
  }

  return (
    <section className="card call" aria-labelledby="call-title" data-testid="call-panel">
      <h3 id="call-title">{session.sessionType === "video" ? "Video" : "Audio"} call</h3>
      <Notice error={error} />
      {!token && !error && <p role="status">Getting the call token…</p>}
      {token && (
        <dl>
          <dt>Channel</dt><dd data-testid="call-channel">{token.channelName}</dd>
          <dt>Your uid</dt><dd data-testid="call-uid">{String(token.uid)} (numeric {token.numericUid})</dd>
          <dt>Token expires</dt><dd data-testid="call-expires">{new Date(token.expiresAt).toLocaleTimeString()}</dd>
        </dl>
      )}
      {config.agoraAppId ? (
        <>
          <button type="button" disabled={!token || call !== null} onClick={join}>{call ? "In the call" : "Join call"}</button>
          <div ref={remoteVideo} className="remote-video" aria-label="The other participant's video" />
        </>
      ) : (
        <p className="hint">No Agora project is configured for the console (CONSOLE_AGORA_APP_ID), so it shows the call's details instead of joining.</p>
      )}
    </section>
  );
}
