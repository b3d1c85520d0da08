package com.example.vshutdown.master.internal.machine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.api.ShutdownException;
import com.example.vshutdown.api.ShutdownRefusedException;
import com.example.vshutdown.protocol.InvalidValueException;
import com.example.vshutdown.protocol.Values;

/**
 * The machine-wide lock of one coordinator: an exclusive lock on {@value #FILE_NAME} in the run
 * directory, held for a whole shutdown. The operating system releases it when its process ends,
 * however it ends, so a killed master never leaves the machine locked. The holder writes its pid
 * into the file so that a coordinator refused by it can name it.
 *
 * <p>The file is never deleted: a process that opened it an instant before a deletion would lock
 * a file nobody else can find any more, and two coordinators would each hold "the" lock. It is
 * emptied before the lock is released, never after, so no holder can erase its successor's pid.
 */
final class MachineLock implements AutoCloseable {
    static final String FILE_NAME = "vshutdown.lock";

    private static final Logger LOG = LoggerFactory.getLogger(MachineLock.class);

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private MachineLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock for this process, which writes its pid into it.
     *
     * @throws ShutdownRefusedException when another coordinator holds it (exit status 3), naming its pid
     * @throws ShutdownException with {@link ExitStatus#ERROR} when the run directory or the lock file
     *         cannot be created, opened or written: a coordinator never goes on unlocked
     */
    static MachineLock acquire(Path runDir, long pid) throws ShutdownException {
        Path file = runDir.resolve(FILE_NAME);
        FileChannel channel;
        try {
            Files.createDirectories(runDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            throw unusable(file, e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // this JVM holds it already, through another channel: another coordinator of this process
            close(channel);
            throw refused(file, pid);
        } catch (IOException e) {
            close(channel);
            throw unusable(file, e);
        }
        if (lock == null) {
            String holder = holder(channel);
            close(channel);
            throw refused(file, holder);
        }
        MachineLock held = new MachineLock(file, channel, lock);
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        } catch (IOException e) {
            held.close();
            throw unusable(file, e);
        }
        return held;
    }

    /** Empties the file and releases the lock; closing twice is harmless. */
    @Override
    public void close() {
        if (!channel.isOpen()) {
            return;
        }
        try {
            channel.truncate(0);
        } catch (IOException e) {
            LOG.warn("Could not empty the lock file {} before releasing it: {}", file, e.getMessage());
        }
        try {
            lock.release();
        } catch (IOException e) {
            LOG.warn("Could not release the lock {}: it ends with this process: {}", file, e.getMessage());
        }
        close(channel);
    }

    /** The pid the holder wrote, or a word that says why there is none. */
    private static String holder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            int read = channel.read(buffer, 0);
            String text = read <= 0 ? "" : new String(buffer.array(), 0, read, StandardCharsets.US_ASCII).strip();
            // written an instant after the lock was taken: a reader in between finds it empty
            return text.isEmpty() ? "not written yet" : Long.toString(Values.parseCounter(text));
        } catch (IOException | InvalidValueException e) {
            return "unreadable";
        }
    }

    private static ShutdownRefusedException refused(Path file, Object holder) {
        return new ShutdownRefusedException("refused: another vshutdown coordinates a shutdown on this machine "
                + "(pid " + holder + ", lock " + file + "); only one may write requests at a time");
    }

    private static ShutdownException unusable(Path file, Exception e) {
        return new ShutdownException(ExitStatus.ERROR, "the machine-wide lock " + file + " cannot be taken ("
                + Problems.describe(e) + "): no shutdown runs unlocked; set vshutdown.run.dir to a directory this "
                + "user may write");
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("Closing the lock file failed", e);
        }
    }
}
