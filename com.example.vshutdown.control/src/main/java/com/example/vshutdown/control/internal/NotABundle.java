package com.example.vshutdown.control.internal;

import java.io.File;
import java.io.IOException;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jar files of the deploy directory that are not bundles: a copy cut short, a plain library, a
 * text saved as {@code .jar}. FileInstall passes over such a file in silence (it has no installer
 * for it, so it keeps trying at each poll); this installer takes it and says once, in one line, why
 * it is not installed, and again when it changes and is still no bundle. Once it has become a
 * bundle FileInstall installs it as any other. The test is FileInstall's own: a readable jar whose
 * manifest names a {@code Bundle-SymbolicName}.
 */
@Component(service = ArtifactInstaller.class)
public final class NotABundle implements ArtifactInstaller {
    private static final Logger LOG = LoggerFactory.getLogger(NotABundle.class);

    @Override
    public boolean canHandle(File artifact) {
        return artifact.getName().endsWith(".jar") && why(artifact).isPresent();
    }

    @Override
    public void install(File artifact) {
        why(artifact).ifPresent(why -> LOG.error("Deploy directory: {} is not a bundle ({}); it is not installed",
                artifact, why));
    }

    @Override
    public void update(File artifact) {
        install(artifact);
    }

    @Override
    public void uninstall(File artifact) {
        LOG.info("Deploy directory: {} is gone", artifact);
    }

    /** Why the file is no bundle, if it is not one. */
    static Optional<String> why(File artifact) {
        try (JarFile jar = new JarFile(artifact)) {
            Manifest manifest = jar.getManifest();
            if (manifest == null) {
                return Optional.of("no manifest");
            }
            return manifest.getMainAttributes().getValue("Bundle-SymbolicName") == null
                    ? Optional.of("its manifest has no Bundle-SymbolicName") : Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.of("not a readable jar: " + e.getMessage());
        }
    }
}
