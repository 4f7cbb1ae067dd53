package org.netmoe.checkpoints;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The exclusive lock of a checkpoints directory's writer on its {@code .lock} file: one writer per
 * run, in this process or another; the OS drops it when the process dies.
 */
final class WriterLock implements AutoCloseable {
    static final String LOCK_FILE = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private WriterLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code checkpointsDir} (which must exist), creating {@code .lock} if absent.
     *
     * @throws IllegalStateException if another writer holds it
     * @throws IOException           if the lock file cannot be opened or locked
     */
    static WriterLock acquire(Path checkpointsDir) throws IOException {
        FileChannel channel = FileChannel.open(checkpointsDir.resolve(LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            channel.close();
            throw new IOException("locking checkpoints directory " + checkpointsDir, e);
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("checkpoints directory " + checkpointsDir
                    + " is already open for writing (lock " + LOCK_FILE + " is held)");
        }
        return new WriterLock(channel, lock);
    }

    /** Whether the lock is still held (not yet closed). */
    boolean isOpen() {
        return channel.isOpen();
    }

    /** Releases the lock; later calls do nothing. */
    @Override
    public void close() throws IOException {
        if (channel.isOpen()) {
            lock.release();
            channel.close();
        }
    }
}
