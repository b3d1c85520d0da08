package com.example.vshutdown.control.client;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The framework storage that an embedded run of {@code vshutdown.jar} keeps between runs, so that
 * the bundles of the jar are not copied into a fresh storage every time (the bnd launcher then
 * installs only bundles whose digest changed). One storage per user and jar:
 * {@code $XDG_CACHE_HOME/vshutdown/<checksum of the jar's path>/storage}, else under
 * {@code ~/.cache}.
 *
 * <p>What keeps it safe:
 * <ul>
 * <li>one process at a time: a run holds an exclusive lock on the jar's directory for its whole
 * life; a second run at the same time finds it held and uses a fresh storage of its own (the bnd
 * launcher's default), as every run did before;</li>
 * <li>another jar (a new build, an update) empties it: the jar's path, size and time stamp are
 * recorded beside it;</li>
 * <li>nothing but the installed bundles carries over: the bundles' persistent data areas
 * (ConfigAdmin's configurations, say) are removed before the framework starts, so a run sees what
 * a fresh storage would show it. The system bundle's data area stays: the launcher keeps there the
 * digest of each bundle it installed;</li>
 * <li>only the user's own, private directories are used: the cache directory is made {@code 0700}
 * and is not used if another user owns it or others may write to it (bundles planted there would
 * run as this user).</li>
 * </ul>
 * Anything unexpected (no home, a read-only file system, a lock that cannot be taken) means no cache:
 * the run goes on with a fresh storage, only slower.
 */
final class FrameworkCache {
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

    private FrameworkCache() {
    }

    /** The storage of one jar, this process's until it is closed (the run keeps it to its end). */
    record Lease(Path storage, FileLock lock) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            lock.channel().close();
        }
    }

    /** The storage of this jar, or empty where a fresh one must do. */
    static Optional<Lease> acquire(Path cacheRoot, Path jar) {
        try {
            Path real = jar.toRealPath();
            Path dir = privateDirectory(privateDirectory(cacheRoot).resolve(checksum(real.toString())));
            FileChannel channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            Path storage = dir.resolve("storage");
            Path stamp = dir.resolve("stamp");
            String current = stamp(real);
            if (!Files.exists(stamp) || !current.equals(Files.readString(stamp, StandardCharsets.UTF_8))) {
                delete(storage);
                Files.writeString(stamp, current, StandardCharsets.UTF_8);
            }
            removeBundleData(storage);
            return Optional.of(new Lease(storage, lock));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code $XDG_CACHE_HOME/vshutdown}, else {@code ~/.cache/vshutdown}, or empty if neither can be named. */
    static Optional<Path> defaultRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && xdg.startsWith("/")) {
            return Optional.of(Path.of(xdg, "vshutdown"));
        }
        String home = System.getProperty("user.home");
        return home == null || !home.startsWith("/") ? Optional.empty() : Optional.of(Path.of(home, ".cache", "vshutdown"));
    }

    /** Creates the directory as {@code 0700} if missing; refuses one that is not this user's alone. */
    private static Path privateDirectory(Path dir) throws IOException {
        try {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE));
        } catch (FileAlreadyExistsException e) {
            // checked below
        }
        PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Path own = Files.createTempFile(dir, "owner", ".tmp");
        try {
            if (!attributes.isDirectory() || !attributes.owner().equals(Files.getOwner(own))
                    || !PRIVATE.containsAll(attributes.permissions())) {
                throw new IOException(dir + " is not a private directory of this user");
            }
        } finally {
            Files.delete(own);
        }
        return dir;
    }

    private static String stamp(Path jar) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
        return jar + "\n" + attributes.size() + " " + attributes.lastModifiedTime().toMillis() + "\n";
    }

    /** Felix keeps each bundle in {@code bundle<id>/}, its persistent data in {@code bundle<id>/data}. */
    private static void removeBundleData(Path storage) throws IOException {
        if (!Files.isDirectory(storage)) {
            return;
        }
        try (DirectoryStream<Path> bundles = Files.newDirectoryStream(storage, "bundle*")) {
            for (Path bundle : bundles) {
                if (!bundle.getFileName().toString().equals("bundle0")) {
                    delete(bundle.resolve("data"));
                }
            }
        }
    }

    private static void delete(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }

    private static String checksum(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }
}
