package com.example.vshutdown.control.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is said about a directory the service is to read. */
class ServiceDirectoriesTest {
    @TempDir
    Path directory;

    private static Optional<String> problem(Path path) {
        return ServiceDirectories.problem(path, "vshutdown.deploy.dir", "deploy directory", "no bundle is deployed");
    }

    @Test
    void aDirectoryIsFine() {
        assertEquals(Optional.empty(), problem(directory));
    }

    @Test
    void aMissingDirectoryIsLeftToFileInstallWhichSaysSoAndReadsItOnceItIsThere() {
        assertEquals(Optional.empty(), problem(directory.resolve("deploy")));
    }

    @Test
    void aFileIsNoDirectory() throws Exception {
        Path file = Files.writeString(directory.resolve("deploy"), "");

        assertEquals(Optional.of("deploy directory " + file + " (vshutdown.deploy.dir) is not a directory: no bundle "
                + "is deployed; set vshutdown.deploy.dir to a directory and restart the service"), problem(file));
    }
}
