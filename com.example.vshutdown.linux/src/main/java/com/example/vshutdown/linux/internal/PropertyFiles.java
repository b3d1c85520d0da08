package com.example.vshutdown.linux.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.protocol.Values;

/**
 * vproperties as the files of the vproperty driver's directory ({@code /sys/nk/prop} by default):
 * one file per property, named as the property. It reads, writes and lists them for
 * {@link LinuxVProperties}, which adds the notifications. Values are handed over as the text the file
 * holds; interpreting them is the protocol's job, so a malformed value reaches the master and the
 * agent as it is and is refused there, never guessed at here.
 *
 * <p>The root is checked at every call, not once: the driver may appear after the JVM started,
 * and an operator who configured a root that does not exist gets that said at every command.
 */
final class PropertyFiles {
    private static final Logger LOG = LoggerFactory.getLogger(PropertyFiles.class);

    /**
     * A sysfs attribute is at most one page. A longer file is not a vproperty, and cutting it
     * could turn a long digit string into a valid but wrong counter.
     */
    static final int MAX_VALUE_BYTES = 4096;
    /** Longest file name on Linux. */
    static final int MAX_NAME = 255;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)*");

    private final Path root;
    private volatile boolean closed;

    PropertyFiles(Path root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    Path root() {
        return root;
    }

    /**
     * Refuses every later call: a caller still holding this provider after its component was
     * deactivated (a bundle being updated) must move to the next one, not read a platform that
     * nobody watches any more.
     */
    void close() {
        closed = true;
    }

    private void requireOpen() throws IOException {
        if (closed) {
            throw new IOException("the Linux provider for " + root + " has been stopped");
        }
    }

    /** The text the property's file holds, or empty when there is no such file. */
    Optional<String> read(String name) throws IOException {
        requireOpen();
        Path file = file(name);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_VALUE_BYTES + 1);
        } catch (NoSuchFileException e) {
            requireRoot();
            return Optional.empty();
        } catch (IOException e) {
            requireRoot();
            throw new IOException("vproperty " + name + " cannot be read: " + reason(file, e), e);
        }
        if (bytes.length > MAX_VALUE_BYTES) {
            throw new IOException("vproperty " + name + " (" + file + ") holds more than " + MAX_VALUE_BYTES
                    + " bytes: not a vproperty value");
        }
        return Optional.of(new String(bytes, StandardCharsets.UTF_8));
    }

    /**
     * One write of the value and a newline. A sysfs store sees each write on its own, so a short
     * write is reported, never completed by a second write that the driver would take as another
     * value.
     */
    void write(String name, String value) throws IOException {
        requireOpen();
        Objects.requireNonNull(value, "value");
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a vproperty value is one line: '" + Values.printable(value) + "'");
        }
        Path file = file(name);
        requireRoot();
        byte[] bytes = (value + "\n").getBytes(StandardCharsets.UTF_8);
        int written;
        try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.WRITE,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
            written = channel.write(ByteBuffer.wrap(bytes));
        } catch (IOException e) {
            throw new IOException("vproperty " + name + " cannot be written: " + reason(file, e), e);
        }
        if (written != bytes.length) {
            throw new IOException("vproperty " + name + " (" + file + "): only " + written + " of " + bytes.length
                    + " bytes written");
        }
        LOG.debug("{} written: {}", name, value);
    }

    /** The property files of the root. */
    Set<String> names() throws IOException {
        requireOpen();
        requireRoot();
        Set<String> names = new TreeSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(root)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (isPropertyName(name) && Files.isRegularFile(file)) {
                    names.add(name);
                }
            }
        } catch (FileSystemException e) {
            throw new IOException("the vproperties in " + root + " cannot be listed: " + e.getReason(), e);
        }
        return Collections.unmodifiableSet(names);
    }

    /**
     * Whether a name is a vproperty name: words of ASCII letters, digits, '_' and '-' joined by
     * single dots, as every name of 004 is ({@code nk.<id>.vm.state.running}). It is one file name
     * that is never hidden (an editor's or a tool's temporary files are not properties), and it
     * cannot carry a value, a separator or a path: a notification payload such as
     * {@code nk.1.vm.state.running=3} is no name, and is read as "re-read everything".
     */
    static boolean isPropertyName(String name) {
        return name != null && name.length() <= MAX_NAME && NAME.matcher(name).matches();
    }

    private Path file(String name) {
        if (!isPropertyName(name)) {
            throw new IllegalArgumentException("not a vproperty name: '" + Values.printable(String.valueOf(name)) + "'");
        }
        return root.resolve(name);
    }

    /** Says that the root is missing rather than that a property is: the first is a platform error. */
    private void requireRoot() throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("vproperty root " + root + " does not exist or is not a directory");
        }
    }

    /** The file and the system's reason, without Java's exception names. */
    private static String reason(Path file, IOException e) {
        String reason = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
        if (reason == null) {
            reason = e instanceof AccessDeniedException ? "permission denied" : e.getClass().getSimpleName();
        }
        return file + ": " + reason;
    }
}
