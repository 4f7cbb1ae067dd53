package org.netmoe.tensorboard;

import com.google.protobuf.ByteString;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.DoubleSupplier;
import java.util.zip.CRC32C;
import org.netmoe.tensorboard.proto.DataType;
import org.netmoe.tensorboard.proto.Event;
import org.netmoe.tensorboard.proto.Summary;
import org.netmoe.tensorboard.proto.SummaryMetadata;
import org.netmoe.tensorboard.proto.TensorProto;
import org.netmoe.tensorboard.proto.TensorShapeProto;

/**
 * Writes a TensorBoard event file: a sequence of TFRecords, each an {@code Event} message from
 * TensorBoard's own {@code event.proto} (compiled by protoc, serialized by protobuf-java), framed as
 * TensorBoard's reader expects: the payload length (uint64, little endian), its masked CRC-32C, the
 * payload, the payload's masked CRC-32C (the JDK's {@link CRC32C}). The first record names the file
 * version ({@code brain.Event:2}); scalars are {@code simple_value} summaries, text goes to
 * TensorBoard's text plugin as a string tensor.
 *
 * <p>Not thread-safe. Every record reaches the operating system before {@link #append}'s caller goes
 * on only after {@link #flush()}.
 */
public final class EventFileWriter implements Closeable {
    /** The file name NetMoE uses in a run's {@code tb/} folder ({@code tfevents} marks it for TensorBoard). */
    public static final String FILE_NAME = "events.out.tfevents.netmoe";
    static final String FILE_VERSION = "brain.Event:2";
    private static final int MASK_DELTA = 0xa282ead8;

    private final OutputStream out;
    private final DoubleSupplier clock;

    private EventFileWriter(OutputStream out, DoubleSupplier clock) {
        this.out = out;
        this.clock = clock;
    }

    /**
     * Creates (or truncates) {@code file} and writes the file-version record. {@code clock} gives
     * each event's wall time in seconds since the epoch.
     */
    public static EventFileWriter create(Path file, DoubleSupplier clock) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        EventFileWriter w = new EventFileWriter(new BufferedOutputStream(Files.newOutputStream(file)), clock);
        w.append(Event.newBuilder().setWallTime(clock.getAsDouble()).setFileVersion(FILE_VERSION).build());
        return w;
    }

    /**
     * Replaces {@code file}'s content with {@code content} (bytes an earlier writer produced, e.g.
     * the ones a checkpoint recorded) and appends after them.
     */
    public static EventFileWriter resume(Path file, byte[] content, DoubleSupplier clock) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, content);
        return new EventFileWriter(new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.APPEND)), clock);
    }

    /** The wall clock in seconds since the epoch, as TensorBoard's own writers record it. */
    public static double systemClock() {
        return System.currentTimeMillis() / 1000.0;
    }

    /** Records scalar {@code tag = value} at {@code step} (stored as float32, as TensorBoard does). */
    public void scalar(long step, String tag, double value) throws IOException {
        Summary.Value v = Summary.Value.newBuilder().setTag(tag).setSimpleValue((float) value).build();
        append(event(step, v));
    }

    /** Records {@code text} (Markdown) under {@code tag} at {@code step}, for TensorBoard's text plugin. */
    public void text(long step, String tag, String text) throws IOException {
        TensorProto tensor = TensorProto.newBuilder().setDtype(DataType.DT_STRING)
                .setTensorShape(TensorShapeProto.getDefaultInstance())
                .addStringVal(ByteString.copyFrom(text, StandardCharsets.UTF_8)).build();
        SummaryMetadata meta = SummaryMetadata.newBuilder()
                .setPluginData(SummaryMetadata.PluginData.newBuilder().setPluginName("text")).build();
        append(event(step, Summary.Value.newBuilder().setTag(tag).setMetadata(meta).setTensor(tensor).build()));
    }

    private Event event(long step, Summary.Value value) {
        return Event.newBuilder().setWallTime(clock.getAsDouble()).setStep(step)
                .setSummary(Summary.newBuilder().addValue(value)).build();
    }

    /** Appends {@code event} as one TFRecord. */
    public void append(Event event) throws IOException {
        byte[] payload = event.toByteArray();
        ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        header.putLong(payload.length);
        header.putInt(maskedCrc(header.array(), 0, 8));
        out.write(header.array());
        out.write(payload);
        out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(maskedCrc(payload, 0, payload.length))
                .array());
    }

    /** TFRecord's masked CRC-32C of {@code bytes[offset .. offset+length)}. */
    static int maskedCrc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + MASK_DELTA;
    }

    /** Hands the records written so far to the operating system. */
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
