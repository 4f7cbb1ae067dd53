package org.netmoe.envs;

import org.netmoe.core.Require;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads input text (config files, router traces, stdin) up to a size cap, so that a wrong path
 * ({@code /dev/zero}, a multi-gigabyte log) fails naming the input and the cap instead of exhausting
 * the heap. Text is UTF-8; malformed bytes fail as {@link Files#readString} does.
 */
public final class InputFiles {
    private InputFiles() {
    }

    /**
     * The UTF-8 text of {@code file}.
     *
     * @param what     the input as named in the error, e.g. {@code "router trace /tmp/t.csv"}
     * @param maxBytes the cap, {@code > 0}
     * @throws IllegalArgumentException naming {@code what} and the cap when the file holds more
     * @throws IOException              when the file cannot be read or is not UTF-8
     */
    public static String readString(Path file, long maxBytes, String what) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readString(in, maxBytes, what);
        }
    }

    /** As {@link #readString(Path, long, String)} for a stream, read to its end. */
    public static String readString(InputStream in, long maxBytes, String what) throws IOException {
        Require.positive("maxBytes", maxBytes);
        byte[] bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
        if (bytes.length > maxBytes) {
            throw new IllegalArgumentException(what + " is larger than the " + describe(maxBytes) + " limit");
        }
        // A decoder that reports malformed input, as Files.readString does, instead of replacing it.
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    }

    /** {@code bytes} as "64 MiB" or "512 KiB" (or bytes). */
    public static String describe(long bytes) {
        if (bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes % (1L << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return String.format(Locale.ROOT, "%d bytes", bytes);
    }
}
