package com.example.vshutdown.qnx.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the library a setting names, and loading copies of it, with a loader that only looks. */
class LibraryCopyTest {
    @TempDir
    Path tmp;

    private Path library(String dir, String name) throws IOException {
        Path file = Files.createDirectories(tmp.resolve(dir)).resolve(System.mapLibraryName(name));
        Files.write(file, ("library " + dir + "/" + name).getBytes());
        return file;
    }

    @Test
    void aNameIsLookedUpInTheSearchPathBeforeJavaLibraryPath() throws Exception {
        Path first = library("first", "ddi");
        Path second = library("second", "ddi");
        String javaPath = tmp.resolve("first") + File.pathSeparator + tmp.resolve("second");

        assertEquals(first, LibraryCopy.find("ddi", List.of(), javaPath));
        assertEquals(second, LibraryCopy.find("ddi", List.of(tmp.resolve("second").toString()), javaPath));
        assertEquals(second, LibraryCopy.find("ddi", List.of(tmp.resolve("empty").toString()),
                tmp.resolve("second").toString()));
    }

    @Test
    void anAbsolutePathIsTakenAsItIs() throws Exception {
        Path file = library("any", "port");
        assertEquals(file, LibraryCopy.find(file.toString(), List.of(tmp.resolve("elsewhere").toString()), ""));
    }

    @Test
    void aLibraryThatIsNotThereIsReportedWithWhereItWasLookedFor() {
        String dir = tmp.resolve("opt").toString();
        DdiException byName = assertThrows(DdiException.class,
                () -> LibraryCopy.find("vshutdown_ddi", List.of(dir), "/usr/lib"));
        assertEquals("cannot load the ddi library 'vshutdown_ddi': no " + System.mapLibraryName("vshutdown_ddi")
                + " in library.path [" + dir + "] or java.library.path [/usr/lib]", byName.getMessage());

        String absolute = tmp.resolve("libnone.so").toString();
        DdiException byPath = assertThrows(DdiException.class, () -> LibraryCopy.find(absolute, List.of(), ""));
        assertEquals("cannot load the ddi library '" + absolute + "': no such file", byPath.getMessage());
    }

    @Test
    void eachLoadGetsAFreshCopyThatIsRemovedOnceLoaded() throws Exception {
        Path file = library("lib", "ddi");
        Path copies = tmp.resolve("data/ddi");
        List<Path> loaded = new ArrayList<>();
        LibraryCopy loader = new LibraryCopy(Optional.of(copies), copy -> {
            try {
                assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(copy));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            loaded.add(copy);
            return 7;
        });

        assertEquals(7, loader.load(file, "'ddi'"));
        assertEquals(7, loader.load(file, "'ddi'"));

        assertEquals(2, loaded.size());
        assertNotEquals(loaded.get(0), loaded.get(1), "a class loader cannot load the same file twice");
        assertTrue(loaded.stream().allMatch(copy -> copy.getParent().equals(copies)), loaded.toString());
        assertTrue(loaded.stream().noneMatch(Files::exists), "a copy was left behind");
        assertTrue(Files.exists(file), "the original was touched");
    }

    @Test
    void aCopyLeftByACrashDuringALoadIsRemovedByTheNext() throws Exception {
        Path file = library("lib", "ddi");
        Path copies = Files.createDirectories(tmp.resolve("data"));
        Path leftover = Files.createFile(copies.resolve("vsd-copy-123-" + file.getFileName()));
        Path unrelated = Files.createFile(copies.resolve("notes.txt"));

        new LibraryCopy(Optional.of(copies), copy -> 1).load(file, "'ddi'");

        assertFalse(Files.exists(leftover));
        assertTrue(Files.exists(unrelated), "only copies are removed");
    }

    @Test
    void withoutStorageACopyIsMadeInATemporaryDirectoryThatGoesToo() throws Exception {
        Path file = library("lib", "ddi");
        List<Path> loaded = new ArrayList<>();

        new LibraryCopy(Optional.empty(), copy -> {
            loaded.add(copy);
            return 1;
        }).load(file, "'ddi'");

        assertFalse(Files.exists(loaded.get(0).getParent()), "the temporary directory was left behind");
    }

    @Test
    void theLinkersRefusalNamesTheOperatorsFileNotTheCopy() throws Exception {
        Path file = library("lib", "ddi");
        LibraryCopy loader = new LibraryCopy(Optional.of(tmp.resolve("data")), copy -> {
            throw new UnsatisfiedLinkError(copy + ": " + copy + ": invalid ELF header");
        });

        DdiException e = assertThrows(DdiException.class, () -> loader.load(file, "'ddi' (" + file + ")"));

        assertEquals("cannot load the ddi library 'ddi' (" + file + "): " + file + ": invalid ELF header",
                e.getMessage());
        assertEquals("dlopen", e.call());
    }

    @Test
    void aStorageThatCannotTakeTheCopyIsReported() throws Exception {
        Path file = library("lib", "ddi");
        Path notADirectory = Files.createFile(tmp.resolve("data"));

        DdiException e = assertThrows(DdiException.class,
                () -> new LibraryCopy(Optional.of(notADirectory), copy -> 1).load(file, "'ddi'"));

        assertTrue(e.getMessage().startsWith("cannot load the ddi library 'ddi': copying it to " + notADirectory
                + " failed: "), e.getMessage());
    }

    @Test
    void aLinkerReasonThatDoesNotRepeatTheFileIsKeptWhole() {
        Path copy = Path.of("/data/vsd-copy-1-libddi.so");
        Path file = Path.of("/usr/lib/libddi.so");
        assertEquals("Can't load library: /usr/lib/libddi.so",
                LibraryCopy.linkerReason("Can't load library: " + copy, copy, file));
        assertEquals("/usr/lib/libddi.so: cannot open shared object file: libfoo.so",
                LibraryCopy.linkerReason(copy + ": cannot open shared object file: libfoo.so", copy, file));
    }
}
