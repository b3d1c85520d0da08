package com.example.vshutdown.linux.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.vshutdown.support.listeners.VPropertyListeners;

class DirectoryScannerTest {
    @TempDir
    Path dir;
    Path root;
    VPropertyListeners listeners = new VPropertyListeners();
    DirectoryScanner scanner;
    Hints hints = new Hints();

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectory(dir.resolve("prop"));
        Files.writeString(root.resolve("nk.1.vm.state.running"), "1\n");
        scanner = new DirectoryScanner(new PropertyFiles(root), listeners);
    }

    @Test
    void aChangeFoundIsToldOnceAndWithoutAName() throws IOException, InterruptedException {
        listeners.subscribe(hints);
        assertFalse(scanner.scan(), "the first look only sets what later ones compare with");
        assertFalse(scanner.scan());
        Files.writeString(root.resolve("nk.1.vm.state.running"), "2\n");
        assertTrue(scanner.scan());
        assertEquals(Optional.empty(), hints.next(Duration.ZERO));
        assertFalse(scanner.scan());
        assertTrue(hints.isEmpty());
    }

    @Test
    void propertiesThatAppearOrVanishAreChanges() throws IOException {
        listeners.subscribe(hints);
        scanner.scan();
        Files.writeString(root.resolve("nk.1.vm.state.requested"), "2\n");
        assertTrue(scanner.scan());
        Files.delete(root.resolve("nk.1.vm.state.requested"));
        assertTrue(scanner.scan());
    }

    @Test
    void theRootVanishingAndComingBackAreChanges() throws IOException {
        listeners.subscribe(hints);
        scanner.scan();
        Path moved = dir.resolve("elsewhere");
        Files.move(root, moved);
        assertTrue(scanner.scan());
        assertFalse(scanner.scan());
        Files.move(moved, root);
        assertTrue(scanner.scan());
    }

    @Test
    void aChangeWhileNobodyListensIsNotToldLaterButCountsAsSeen() throws IOException, InterruptedException {
        assertFalse(scanner.scan());
        Files.writeString(root.resolve("nk.1.vm.state.running"), "2\n");
        assertTrue(scanner.scan(), "found");
        listeners.subscribe(hints);
        assertFalse(scanner.scan(), "a subscriber reads what it needs when it subscribes");
        Files.writeString(root.resolve("nk.1.vm.state.running"), "3\n");
        assertTrue(scanner.scan());
        assertEquals(Optional.empty(), hints.next(Duration.ZERO));
    }
}
