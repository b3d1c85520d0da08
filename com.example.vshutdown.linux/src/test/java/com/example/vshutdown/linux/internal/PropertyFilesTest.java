package com.example.vshutdown.linux.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PropertyFilesTest {
    @TempDir
    Path dir;
    Path root;
    PropertyFiles files;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectory(dir.resolve("prop"));
        files = new PropertyFiles(root);
    }

    @Test
    void aValueIsTheTextOfItsFileAsItIsWithItsNewline() throws IOException {
        Files.writeString(root.resolve("nk.1.vm.state.running"), "1\n");
        Files.writeString(root.resolve("nk.2.vm.state.running"), "0x1");
        assertEquals(Optional.of("1\n"), files.read("nk.1.vm.state.running"));
        // malformed values are handed over as they are: the protocol refuses them, not the provider
        assertEquals(Optional.of("0x1"), files.read("nk.2.vm.state.running"));
        assertEquals(Optional.empty(), files.read("nk.3.vm.state.running"));
    }

    @Test
    void aWriteIsTheValueAndANewlineAndReplacesTheOldValue() throws IOException {
        Files.writeString(root.resolve("nk.1.vm.state.requested"), "100\n");
        files.write("nk.1.vm.state.requested", "2");
        files.write("nk.1.vm.shutdown.status", "picked-up 2");
        assertArrayEquals("2\n".getBytes(StandardCharsets.US_ASCII), Files.readAllBytes(root.resolve("nk.1.vm.state.requested")));
        assertEquals("picked-up 2\n", Files.readString(root.resolve("nk.1.vm.shutdown.status")));
    }

    @Test
    void namesAreThePlainFilesOfTheRoot() throws IOException {
        Files.writeString(root.resolve("nk.1.vm.state.running"), "1\n");
        Files.writeString(root.resolve("nk.0.vm.state.running"), "1\n");
        Files.writeString(root.resolve(".nk.1.vm.state.running.swp"), "");
        Files.createDirectory(root.resolve("subdir"));
        assertEquals(Set.of("nk.0.vm.state.running", "nk.1.vm.state.running"), files.names());
    }

    @Test
    void aMissingRootIsSaidAsSuchAtEveryAccess() throws IOException {
        PropertyFiles missing = new PropertyFiles(dir.resolve("nothing-here"));
        IOException read = assertThrows(IOException.class, () -> missing.read("nk.1.vm.state.running"));
        assertEquals("vproperty root " + dir.resolve("nothing-here") + " does not exist or is not a directory",
                read.getMessage());
        assertThrows(IOException.class, () -> missing.names());
        IOException write = assertThrows(IOException.class, () -> missing.write("nk.1.vm.state.requested", "2"));
        assertTrue(write.getMessage().contains("does not exist"), write.getMessage());
        assertTrue(!Files.exists(dir.resolve("nothing-here")), "nothing is created in its place");
    }

    @Test
    void namesThatAreNotOneFileNameAreRefused() {
        for (String name : new String[] {"../etc/passwd", "a/b", "", ".hidden", "with space", "tab\t", "a=1", "a:1",
                "a..b", "a.", "a~", "é"}) {
            assertThrows(IllegalArgumentException.class, () -> files.read(name), name);
            assertThrows(IllegalArgumentException.class, () -> files.write(name, "1"), name);
        }
    }

    @Test
    void aValueOfMoreThanOneLineIsNotWritten() {
        assertThrows(IllegalArgumentException.class, () -> files.write("nk.1.vm.state.requested", "2\n3"));
        assertTrue(!Files.exists(root.resolve("nk.1.vm.state.requested")));
    }

    @Test
    void aFileLongerThanAPageIsNotAValue() throws IOException {
        // cut to a page, a long run of digits would read as a valid, wrong counter
        Files.writeString(root.resolve("nk.1.vm.state.running"), "1".repeat(PropertyFiles.MAX_VALUE_BYTES + 1));
        IOException e = assertThrows(IOException.class, () -> files.read("nk.1.vm.state.running"));
        assertTrue(e.getMessage().contains("more than 4096 bytes"), e.getMessage());
    }

    @Test
    void aDirectoryInPlaceOfAPropertyCannotBeRead() throws IOException {
        Files.createDirectory(root.resolve("nk.1.vm.state.running"));
        IOException e = assertThrows(IOException.class, () -> files.read("nk.1.vm.state.running"));
        assertTrue(e.getMessage().startsWith("vproperty nk.1.vm.state.running cannot be read: "), e.getMessage());
    }

    @Test
    void aFileThatCannotBeWrittenIsReportedWithItsReason() throws Exception {
        Path file = root.resolve("nk.2.vm.state.requested");
        Files.writeString(file, "0\n");
        try (Unwritable unwritable = Unwritable.make(file)) {
            IOException e = assertThrows(IOException.class, () -> files.write("nk.2.vm.state.requested", "2"));
            assertTrue(e.getMessage().startsWith("vproperty nk.2.vm.state.requested cannot be written: " + file + ": "),
                    e.getMessage());
            assertEquals("0\n", Files.readString(file), "the old value is left as it was");
        }
    }

    @Test
    void aClosedProviderRefusesEveryCallAndChangesNothing() throws IOException {
        Files.writeString(root.resolve("nk.1.vm.state.running"), "1\n");
        files.close();

        IOException read = assertThrows(IOException.class,
                () -> files.read("nk.1.vm.state.running"));
        assertThrows(IOException.class, () -> files.write("nk.1.vm.state.requested", "2"));
        assertThrows(IOException.class, () -> files.names());

        assertTrue(read.getMessage().contains("has been stopped"), read.getMessage());
        assertFalse(Files.exists(root.resolve("nk.1.vm.state.requested")));
    }
}
