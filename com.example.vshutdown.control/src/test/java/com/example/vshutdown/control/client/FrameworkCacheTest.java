package com.example.vshutdown.control.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameworkCacheTest {
    @TempDir
    Path dir;
    private Path root;
    private Path jar;

    @BeforeEach
    void jar() throws IOException {
        root = dir.resolve("cache").resolve("vshutdown");
        jar = Files.writeString(dir.resolve("vshutdown.jar"), "the first build");
    }

    @Test
    void aRunGetsAPrivateStorageOfItsJar() throws IOException {
        Path storage = FrameworkCache.acquire(root, jar).orElseThrow().storage();
        assertTrue(storage.startsWith(root), storage::toString);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(storage.getParent())));
    }

    /** Two runs at once (two processes in life; here two channels of one JVM, which the lock tells apart too). */
    @Test
    void aSecondRunWhileTheFirstHoldsItGetsNone() {
        Optional<FrameworkCache.Lease> first = FrameworkCache.acquire(root, jar);
        assertTrue(first.isPresent());
        assertEquals(Optional.empty(), FrameworkCache.acquire(root, jar));
    }

    @Test
    void theInstalledBundlesStayButTheirDataDoesNot() throws Exception {
        FrameworkCache.Lease first = FrameworkCache.acquire(root, jar).orElseThrow();
        Path storage = first.storage();
        Path installed = write(storage.resolve("bundle3/version0.0/bundle.jar"));
        Path configuration = write(storage.resolve("bundle3/data/config/com/example/master.config"));
        Path digest = write(storage.resolve("bundle0/data/.bnd.launcher/3"));
        FrameworkCache.Lease other = FrameworkCache.acquire(root, Files.writeString(dir.resolve("other.jar"), "x"))
                .orElseThrow();
        assertFalse(other.storage().equals(storage), "another jar, another storage");
        first.close();

        assertEquals(storage, FrameworkCache.acquire(root, jar).orElseThrow().storage());
        assertTrue(Files.exists(installed));
        assertTrue(Files.exists(digest), "the launcher's digests of what it installed");
        assertFalse(Files.exists(configuration.getParent().getParent().getParent()), "bundle3/data");
    }

    @Test
    void anotherJarAtThePathEmptiesIt() throws Exception {
        FrameworkCache.Lease first = FrameworkCache.acquire(root, jar).orElseThrow();
        Path installed = write(first.storage().resolve("bundle3/version0.0/bundle.jar"));
        first.close();
        Files.writeString(jar, "the second build, longer");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 1000));

        assertEquals(first.storage(), FrameworkCache.acquire(root, jar).orElseThrow().storage());
        assertFalse(Files.exists(installed));
    }

    @Test
    void aDirectoryOthersMayWriteIsNotUsed() throws IOException {
        Files.createDirectories(root);
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertEquals(Optional.empty(), FrameworkCache.acquire(root, jar));
    }

    @Test
    void noRootThatCannotBeMadeMeansNoCache() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "");
        assertEquals(Optional.empty(), FrameworkCache.acquire(file.resolve("vshutdown"), jar));
    }

    private static Path write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "x");
    }
}
