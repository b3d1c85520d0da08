package com.example.vshutdown.dist;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A process's sockets as Linux shows them: the inodes of its open sockets ({@code /proc/<pid>/fd})
 * against the tables of {@code /proc/<pid>/net}. Nothing is asked of the process itself.
 */
final class ProcNet {
    private static final List<String> NETWORK_TABLES = List.of("tcp", "tcp6", "udp", "udp6");

    private ProcNet() {
    }

    /** Every TCP or UDP socket the process has open, as "table: line". */
    static List<String> networkSockets(long pid) throws IOException {
        Set<String> inodes = socketInodes(pid);
        List<String> found = new ArrayList<>();
        for (String table : NETWORK_TABLES) {
            List<String> lines = lines(pid, table);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 9 && inodes.contains(fields[9])) {
                    found.add(table + ": " + line.trim());
                }
            }
        }
        return found;
    }

    /** The paths of the Unix domain sockets the process has open. */
    static List<String> unixSockets(long pid) throws IOException {
        Set<String> inodes = socketInodes(pid);
        List<String> paths = new ArrayList<>();
        List<String> lines = lines(pid, "unix");
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length > 7 && inodes.contains(fields[6])) {
                paths.add(fields[7]);
            }
        }
        return paths;
    }

    private static List<String> lines(long pid, String table) throws IOException {
        try {
            return Files.readAllLines(Paths.get("/proc", Long.toString(pid), "net", table));
        } catch (NoSuchFileException e) {
            return List.of(); // no such protocol in this kernel
        }
    }

    private static Set<String> socketInodes(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Paths.get("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (NoSuchFileException e) {
                    // closed while we looked
                }
            }
        }
        return inodes;
    }
}
