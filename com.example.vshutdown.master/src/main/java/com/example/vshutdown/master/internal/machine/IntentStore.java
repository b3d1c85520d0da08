package com.example.vshutdown.master.internal.machine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.api.ShutdownException;

/**
 * The state directory's record of the shutdown under way, {@value #FILE_NAME}. Each version is
 * written whole to a temporary file, forced to the disk, and renamed over the last one, so a reader
 * (the next master, after a crash or a power cut) finds either the old record or the new one,
 * never half of one. A record that cannot be read, or is not one, is reported as such and left
 * where it is: removing it would lose the only list of requests that may still take domains down.
 */
final class IntentStore {
    static final String FILE_NAME = "shutdown.intent";
    private static final String TEMPORARY = FILE_NAME + ".new";

    private final Path dir;

    IntentStore(Path dir) {
        this.dir = dir;
    }

    Path file() {
        return dir.resolve(FILE_NAME);
    }

    /**
     * The record, if there is one.
     *
     * @throws ShutdownException with {@link ExitStatus#ERROR} when it cannot be read or is corrupt,
     *         with one line that names the file and what is wrong; the file is left as it is
     */
    Optional<IntentRecord> read() throws ShutdownException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | SecurityException e) {
            throw new ShutdownException(ExitStatus.ERROR, "the shutdown record " + file() + " cannot be read ("
                    + Problems.describe(e) + "): a shutdown may have been left under way; nothing was done");
        }
        try {
            String text = StandardCharsets.US_ASCII.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            return Optional.of(IntentRecord.parse(text));
        } catch (CharacterCodingException e) {
            throw corrupt("it holds bytes that are not ASCII text");
        } catch (CorruptRecordException e) {
            throw corrupt(e.getMessage());
        }
    }

    /** The refusal for a record that is not one: named, left in place, never guessed at. */
    ShutdownException corrupt(String what) {
        return new ShutdownException(ExitStatus.ERROR, "the shutdown record " + file() + " is corrupt (" + what
                + "): it was left as it is and nothing was done; check each domain it names ('domains'), withdraw "
                + "a request no agent picked up by hand (requested = running), then remove the file");
    }

    /** Replaces the record with this one, atomically. */
    void write(IntentRecord record) throws IOException {
        Files.createDirectories(dir);
        Path temporary = dir.resolve(TEMPORARY);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer text = ByteBuffer.wrap(record.format().getBytes(StandardCharsets.US_ASCII));
            while (text.hasRemaining()) {
                channel.write(text);
            }
            // a power cut must leave the old record or the new one, never an empty file under the name
            channel.force(true);
        }
        Files.move(temporary, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Removes the record; no record is not an error. */
    void remove() throws IOException {
        Files.deleteIfExists(file());
    }
}
