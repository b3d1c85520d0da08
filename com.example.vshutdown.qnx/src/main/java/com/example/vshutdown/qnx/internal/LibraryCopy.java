package com.example.vshutdown.qnx.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the ddi library a setting names and loads a private copy of it.
 *
 * <p>Why a copy: the JVM lets a library file be loaded by one class loader only, and a bundle gets
 * a new class loader each time it is updated in the field, while the old one lives on until it is
 * garbage collected ({@code UnsatisfiedLinkError: ... already loaded in another classloader}). A
 * copy under a name of its own loads in any class loader, and as the glue binds the methods to
 * the library loaded last, a new configuration that names another library (or the same one again)
 * gets exactly that library. The copy is deleted as soon as it is loaded: the process keeps its
 * mapping, and nothing piles up in the bundle's storage. Each mapping stays until the JVM unloads
 * it with the class loader that loaded it, so a new configuration within one bundle revision costs
 * one more mapping of the library; there is no way to unload one earlier.
 */
final class LibraryCopy {
    private static final Logger LOG = LoggerFactory.getLogger(LibraryCopy.class);
    /** Copies start with this; one left by a crash during a load is removed by the next load. */
    private static final String PREFIX = "vsd-copy-";

    private final Optional<Path> directory;
    private final ToIntFunction<Path> loader;

    /**
     * @param directory where copies are made (the bundle's storage), or empty for a temporary directory
     * @param loader loads a file and returns the glue's version ({@link DdiNative#load} outside tests)
     */
    LibraryCopy(Optional<Path> directory, ToIntFunction<Path> loader) {
        this.directory = directory;
        this.loader = loader;
    }

    /**
     * The file a setting names: an absolute path as it is; a name ({@code vshutdown_ddi}) as
     * {@code libvshutdown_ddi.so} in the first directory of the search path, then of
     * {@code java.library.path}, that holds it.
     */
    static Path find(String library, List<String> searchPath, String javaLibraryPath) throws DdiException {
        if (new File(library).isAbsolute()) {
            Path file = Path.of(library);
            if (!Files.isRegularFile(file)) {
                throw DdiException.unusable("cannot load the ddi library '" + library + "': no such file", "dlopen");
            }
            return file;
        }
        String fileName = System.mapLibraryName(library);
        List<String> javaPath = javaLibraryPath == null || javaLibraryPath.isBlank() ? List.of()
                : List.of(javaLibraryPath.split(File.pathSeparator));
        List<String> searched = new ArrayList<>(searchPath);
        searched.addAll(javaPath);
        for (String dir : searched) {
            Path file = Path.of(dir.isBlank() ? "." : dir).resolve(fileName);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw DdiException.unusable("cannot load the ddi library '" + library + "': no " + fileName
                + " in library.path " + searchPath + " or java.library.path " + javaPath, "dlopen");
    }

    /**
     * Loads a fresh copy of a library file.
     *
     * @param display the library as messages name it
     * @return the version of the glue that registered itself, 0 if none did
     */
    int load(Path file, String display) throws DdiException {
        synchronized (LibraryCopy.class) {
            Path dir = null;
            Path copy = null;
            try {
                dir = directory.isPresent() ? Files.createDirectories(directory.get())
                        : Files.createTempDirectory("vshutdown-qnx-");
                removeLeftovers(dir);
                copy = Files.createTempFile(dir, PREFIX, "-" + file.getFileName());
                Files.copy(file, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                cleanUp(copy, directory.isPresent() ? null : dir);
                throw DdiException.unusable("cannot load the ddi library " + display + ": copying it to "
                        + (dir == null ? directory.map(Path::toString).orElse("a temporary directory") : dir)
                        + " failed: " + DdiException.oneLine(String.valueOf(e)), "dlopen");
            }
            try {
                return loader.applyAsInt(copy);
            } catch (UnsatisfiedLinkError e) {
                throw DdiException.unusable("cannot load the ddi library " + display + ": "
                        + linkerReason(e.getMessage(), copy, file), "dlopen");
            } finally {
                cleanUp(copy, directory.isPresent() ? null : dir);
            }
        }
    }

    /**
     * The dynamic linker's reason, as the JVM passes it on ("copy: copy: invalid ELF header"),
     * about the operator's file instead of the copy they never saw, and said once.
     */
    static String linkerReason(String message, Path copy, Path file) {
        String reason = String.valueOf(message).replace(copy.toString(), file.toString());
        String prefix = file + ": ";
        if (reason.startsWith(prefix) && reason.indexOf(file.toString(), prefix.length()) >= 0) {
            reason = reason.substring(prefix.length());
        }
        return DdiException.oneLine(reason);
    }

    private static void removeLeftovers(Path dir) throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, PREFIX + "*")) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    private static void cleanUp(Path copy, Path temporaryDir) {
        try {
            if (copy != null) {
                Files.deleteIfExists(copy);
            }
            if (temporaryDir != null) {
                Files.deleteIfExists(temporaryDir);
            }
        } catch (IOException e) {
            LOG.warn("The copy {} of the ddi library could not be removed: {}", copy, e.toString());
        }
    }
}
