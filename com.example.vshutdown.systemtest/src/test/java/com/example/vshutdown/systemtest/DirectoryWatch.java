package com.example.vshutdown.systemtest;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Tells, on a thread of its own, which file of a watched directory was created or written: the
 * kernel's inotify through the JDK's watch service, which is how the test-side hypervisor, like the
 * vproperty driver, notices the writes of the master and the agents without polling.
 */
final class DirectoryWatch implements AutoCloseable {
    private final WatchService watcher;
    private final Map<Path, Consumer<String>> handlers;
    private final Consumer<String> journal;
    private final Thread thread;
    private volatile boolean closed;

    /**
     * @param handlers per directory, what to do with the name of a file created or written in it
     * @param journal where to say that events were lost
     */
    DirectoryWatch(Map<Path, Consumer<String>> handlers, Consumer<String> journal) throws IOException {
        this.handlers = Map.copyOf(handlers);
        this.journal = journal;
        watcher = FileSystems.getDefault().newWatchService();
        for (Path directory : handlers.keySet()) {
            directory.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        }
        thread = new Thread(this::watch, "hypervisor-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        try {
            while (!closed) {
                WatchKey key = watcher.take();
                Consumer<String> handler = handlers.get((Path) key.watchable());
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        journal.accept("watch overflow: some writes were not seen");
                    } else if (handler != null) {
                        handler.accept(((Path) event.context()).getFileName().toString());
                    }
                }
                key.reset();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        closed = true;
        watcher.close();
        thread.join(5000);
    }
}
