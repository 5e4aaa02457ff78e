package com.astro.token.agora;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.agora.media.AccessToken2;
import io.agora.media.Utils;

/**
 * Reads an issued token back with Agora's own parser ({@link AccessToken2#parse}) and checks its HMAC-SHA256
 * signature the way Agora's servers do: the signing key is derived from the app certificate, the issue time
 * and the salt, and the signature covers every byte after it.
 */
public final class AgoraTokenCheck {

    private AgoraTokenCheck() {
    }

    public static AccessToken2 parse(String token) {
        AccessToken2 parsed = new AccessToken2();
        if (!parsed.parse(token)) {
            throw new AssertionError("Agora's parser rejects the token " + token);
        }
        return parsed;
    }

    /** True when the token's signature is the one {@code appCertificate} produces for its content. */
    public static boolean signedWith(String token, String appCertificate) {
        try {
            AccessToken2 parsed = parse(token);
            parsed.appCert = appCertificate;
            byte[] data = Utils.decompress(Utils.base64Decode(token.substring(Utils.VERSION_LENGTH)));
            int length = (data[0] & 0xFF) | ((data[1] & 0xFF) << 8);
            byte[] signature = Arrays.copyOfRange(data, 2, 2 + length);
            byte[] content = Arrays.copyOfRange(data, 2 + length, data.length);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(parsed.getSign(), "HmacSHA256"));
            return MessageDigest.isEqual(signature, mac.doFinal(content));
        }
        catch (Exception ex) {
            throw new AssertionError("cannot check the signature of " + token, ex);
        }
    }

    /** The privileges of one service, privilege id to seconds of validity after the issue time. */
    public static Map<Short, Integer> privileges(AccessToken2 parsed, short serviceType) {
        AccessToken2.Service service = parsed.services.get(serviceType);
        if (service == null) {
            throw new AssertionError("the token has no service " + serviceType);
        }
        return service.getPrivileges();
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
