import type { AgoraToken, SessionType } from "../api/types";

/** A joined Agora call: renew its token before it expires, leave when the session ends. */
export interface JoinedCall {
  renewToken(token: string): Promise<void>;
  leave(): Promise<void>;
}

/**
 * Joins the session's channel with the Agora Web SDK (`agora-rtc-sdk-ng`) and publishes the
 * microphone, and the camera for video sessions. The SDK is loaded only here, on demand: it is
 * large, and consoles without an Agora project never need it.
 */
export async function joinCall(
  token: AgoraToken,
  sessionType: SessionType,
  remoteVideo: HTMLElement,
  onTokenWillExpire: () => void,
): Promise<JoinedCall> {
  const { default: AgoraRTC } = await import("agora-rtc-sdk-ng");
  const client = AgoraRTC.createClient({ mode: "rtc", codec: "vp8" });
  client.on("user-published", async (remote, mediaType) => {
    await client.subscribe(remote, mediaType);
    if (mediaType === "audio") remote.audioTrack?.play();
    if (mediaType === "video") remote.videoTrack?.play(remoteVideo);
  });
  client.on("token-privilege-will-expire", onTokenWillExpire);
  await client.join(token.appId, token.channelName, token.token, token.uid);
  const tracks = sessionType === "video"
    ? await AgoraRTC.createMicrophoneAndCameraTracks()
    : [await AgoraRTC.createMicrophoneAudioTrack()];
  await client.publish(tracks);
  return {
    renewToken: (fresh) => client.renewToken(fresh),
    async leave() {
      tracks.forEach((track) => track.close());
      await client.leave();
    },
  };
}
