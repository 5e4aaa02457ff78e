package com.astro.chat.realtime;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.astro.chat.ChatRefusal;
import com.astro.common.event.EventJson;
import com.astro.socketio.server.Ack;
import com.astro.socketio.server.Socket;

/**
 * How the socket answers: {@code {ok: true, ...}} acknowledgements, and for a refusal an error acknowledgement
 * {@code {ok: false, error: {code, message}}} plus a {@code message:error} event (sent whether or not the
 * client asked for an acknowledgement, as the seed did). Payloads go out as JSON trees written by the events'
 * mapper, so dates are ISO-8601 strings everywhere.
 */
final class Replies {

    private static final Logger log = LoggerFactory.getLogger(Replies.class);

    private Replies() {
    }

    static Object json(Object value) {
        return EventJson.mapper().valueToTree(value);
    }

    static void ok(Ack ack, Object... keyValues) {
        if (ack.requested()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("ok", true);
            for (int i = 0; i < keyValues.length; i += 2) {
                body.put((String) keyValues[i], json(keyValues[i + 1]));
            }
            ack.send(body);
        }
    }

    /** Reports a failure; anything but a {@link ChatRefusal} is logged and reported as internal_error. */
    static void refuse(Socket socket, Ack ack, String event, Throwable failure, String sessionId, String clientMessageId) {
        ChatRefusal refusal;
        if (failure instanceof ChatRefusal known) {
            refusal = known;
        }
        else {
            log.error("{} from socket {} failed", event, socket.id(), failure);
            refusal = new ChatRefusal(ChatRefusal.INTERNAL_ERROR, "Something went wrong; please try again");
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", refusal.code());
        error.put("message", refusal.getMessage());
        if (ack.requested()) {
            ack.send(Map.of("ok", false, "error", error));
        }
        Map<String, Object> notice = new LinkedHashMap<>(error);
        notice.put("event", event);
        if (sessionId != null) {
            notice.put("sessionId", sessionId);
        }
        if (clientMessageId != null) {
            notice.put("clientMessageId", clientMessageId);
        }
        socket.emit("message:error", notice);
    }
}
