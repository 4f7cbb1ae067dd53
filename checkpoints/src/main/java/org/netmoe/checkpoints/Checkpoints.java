package org.netmoe.checkpoints;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hashing shared by the checkpoint format and by tools that compare checkpoints. */
public final class Checkpoints {

    private Checkpoints() {
    }

    /**
     * Lower-case hex SHA-256 of the concatenation of {@code parts}, in the order given. With one
     * part it equals {@code sha256sum} of the file holding those bytes. Boundaries between parts
     * are not hashed, so the caller fixes both the order and the layout (as for network parameters
     * of fixed shapes: {@code inspect}'s {@code params_sha256}).
     */
    public static String sha256Hex(byte[]... parts) {
        MessageDigest digest = newSha256();
        for (byte[] part : parts) {
            digest.update(part);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (MessageDigest javadoc).
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
