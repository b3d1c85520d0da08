package com.example.vshutdown.itest;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A directory of vproperty files for the Linux provider, standing in for the driver's
 * /sys/nk/prop: made by the test driver before the framework starts, read and written by the test
 * inside it as the hypervisor would.
 */
final class LinuxPlatformDir {
    static final String ROOT_PROPERTY = "vshutdown.linux.root";
    static final String BUNDLE_PROPERTY = "vshutdown.itest.linux.bundle";

    private LinuxPlatformDir() {
    }

    /** Creates a fresh directory with the given properties; returns its absolute path. */
    static String create(Map<String, String> properties) {
        try {
            Path dir = Files.createDirectories(Paths.get("target", "linux-platforms", UUID.randomUUID().toString()));
            for (Map.Entry<String, String> property : properties.entrySet()) {
                Files.writeString(dir.resolve(property.getKey()), property.getValue() + "\n", StandardCharsets.UTF_8);
            }
            return dir.toAbsolutePath().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Linux provider's bundle file among the build's bundles, as a URI to install from. */
    static String bundleUri() {
        File[] jars = new File(System.getProperty("vshutdown.bundles", "target/bundles"))
                .listFiles((d, name) -> name.startsWith("com.example.vshutdown.linux"));
        if (jars == null || jars.length != 1) {
            throw new IllegalStateException("the Linux provider's bundle is not among the build's bundles");
        }
        return jars[0].toURI().toString();
    }

    static boolean isLinuxBundle(File jar) {
        return jar.getName().startsWith("com.example.vshutdown.linux");
    }

    static Optional<String> read(String root, String name) {
        try {
            Path file = Paths.get(root, name);
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip())
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The hypervisor's side: replaces a property file as a whole, so no reader sees half a value. */
    static void write(String root, String name, String value) {
        try {
            Path tmp = Paths.get(root, "." + name + ".tmp");
            Files.writeString(tmp, value + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, Paths.get(root, name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
