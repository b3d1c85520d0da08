package com.example.vshutdown.control.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master service's two directories, both watched by Apache Felix FileInstall while the service
 * runs:
 * <ul>
 * <li>the <b>configuration directory</b> ({@value #CONFIG_DIR}, default {@value #DEFAULT_CONFIG}):
 * each {@code <pid>.cfg} or {@code <pid>.config} file is the configuration {@code <pid>} in
 * ConfigAdmin, updated when the file changes and deleted with it. FileInstall watches it from the
 * framework properties of the runtime, so that it is read before the components it configures
 * start;</li>
 * <li>the <b>deploy directory</b> ({@value #DEPLOY_DIR}, default {@value #DEFAULT_DEPLOY}): each
 * bundle in it is installed and started, updated when the file changes, uninstalled when it goes.
 * This component has FileInstall watch it, through a factory configuration of FileInstall.</li>
 * </ul>
 * Either directory may be missing (FileInstall says so in one line, and reads it once it appears)
 * or wrong (not a directory, not readable: this component says so in one line); the service runs
 * on either way: nothing is shut down for a directory.
 */
@Component(immediate = true, service = {})
public final class ServiceDirectories {
    static final String CONFIG_DIR = "vshutdown.config.dir";
    static final String DEFAULT_CONFIG = "/etc/vshutdown";
    static final String DEPLOY_DIR = "vshutdown.deploy.dir";
    static final String DEFAULT_DEPLOY = "/var/lib/vshutdown/deploy";
    /** FileInstall's factory pid: one configuration per watched directory. */
    static final String FILEINSTALL = "org.apache.felix.fileinstall";
    /** The name of the deploy directory's FileInstall configuration (ConfigAdmin 1.6 named factory configuration). */
    static final String DEPLOY_WATCHER = "vshutdown.deploy";

    /** FileInstall's settings that its watcher of the deploy directory takes from the framework properties. */
    private static final List<String> SHARED_SETTINGS = List.of("felix.fileinstall.poll",
            "felix.fileinstall.noInitialDelay", "felix.fileinstall.disableNio2", "felix.fileinstall.log.level");

    private static final Logger LOG = LoggerFactory.getLogger(ServiceDirectories.class);

    @Activate
    public ServiceDirectories(BundleContext context, @Reference ConfigurationAdmin configurationAdmin)
            throws IOException {
        Path config = directory(context, CONFIG_DIR, DEFAULT_CONFIG);
        problem(config, CONFIG_DIR, "configuration directory", "no configuration file is read from it; the "
                + "components run on their defaults and framework properties").ifPresent(LOG::error);
        Path deploy = directory(context, DEPLOY_DIR, DEFAULT_DEPLOY);
        Optional<String> deployProblem = problem(deploy, DEPLOY_DIR, "deploy directory",
                "no bundle is deployed from it");
        deployProblem.ifPresent(LOG::error);
        Configuration watcher = configurationAdmin.getFactoryConfiguration(FILEINSTALL, DEPLOY_WATCHER, "?");
        if (deployProblem.isPresent() && !Files.isDirectory(deploy)) {
            // FileInstall refuses a path that is not a directory by failing as a whole
            watcher.delete();
            return;
        }
        Hashtable<String, Object> properties = new Hashtable<>();
        // as the configuration directory is watched (the runtime's framework properties), bundles only
        for (String shared : SHARED_SETTINGS) {
            Optional.ofNullable(context.getProperty(shared)).ifPresent(value -> properties.put(shared, value));
        }
        properties.put("felix.fileinstall.dir", deploy.toString());
        properties.put("felix.fileinstall.filter", ".*\\.jar");
        watcher.updateIfDifferent(properties);
        LOG.info("Deploying the bundles of {} ({})", deploy, DEPLOY_DIR);
    }

    private static Path directory(BundleContext context, String property, String fallback) {
        String value = context.getProperty(property);
        return Path.of(value == null || value.isBlank() ? fallback : value.strip()).toAbsolutePath();
    }

    /**
     * What keeps an existing directory from being read, as one log line, if anything does. A
     * missing one is no problem of this kind: FileInstall says it is missing and reads it once it
     * appears.
     */
    static Optional<String> problem(Path directory, String property, String what, String consequence) {
        String name = what + " " + directory + " (" + property + ")";
        if (!Files.exists(directory)) {
            return Optional.empty();
        }
        if (!Files.isDirectory(directory)) {
            return Optional.of(name + " is not a directory: " + consequence + "; set " + property
                    + " to a directory and restart the service");
        }
        if (!Files.isReadable(directory) || !Files.isExecutable(directory)) {
            return Optional.of(name + " cannot be read by the service's user: " + consequence
                    + " until it can be");
        }
        return Optional.empty();
    }
}
