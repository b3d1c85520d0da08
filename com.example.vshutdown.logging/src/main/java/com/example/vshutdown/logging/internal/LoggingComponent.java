package com.example.vshutdown.logging.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Writes the levels of the configuration {@value #PID} (or, where it says nothing, of the framework
 * properties {@value #LEVEL_PROPERTY} and {@value #LEVELS_PROPERTY}) as Pax Logging's own
 * configuration, which reconfigures Log4j 2 at once: the levels change at runtime without a
 * restart, from a file in the master's configuration directory, from ConfigAdmin, or through
 * {@code log:level}. Operators write levels; the appender and the format stay this bundle's.
 *
 * <p>At start the configuration must be in place before Pax Logging's backend logs anything: it
 * starts after this bundle (start levels) and reads its first configuration synchronously, before it
 * registers its service, only from the file that {@value #PAX_PROPERTY_FILE} names. ConfigAdmin
 * would hand the configuration over on its own thread, after a moment in which the backend's
 * built-in default writes to stdout. So this component writes the file in its data area and names
 * it, once, in that system property (unless an operator set it); later changes go through
 * ConfigAdmin alone.
 */
@Component(configurationPid = LoggingComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {}, immediate = true)
@Designate(ocd = LoggingComponent.Config.class)
public final class LoggingComponent {
    static final String PID = "com.example.vshutdown.logging";
    /** Framework property: the root level where the configuration sets none. */
    static final String LEVEL_PROPERTY = "vshutdown.log.level";
    /** Framework property: {@code logger=level} items, comma or blank separated. */
    static final String LEVELS_PROPERTY = "vshutdown.log.levels";
    /** The root level where neither the configuration nor the framework properties set one. */
    static final String DEFAULT_LEVEL = "warn";
    /** Pax Logging's system or framework property: the file of its first configuration. */
    static final String PAX_PROPERTY_FILE = "org.ops4j.pax.logging.property.file";


    @ObjectClassDefinition(id = PID, name = "vshutdown logging",
            description = "The levels of the app's log (stderr). Changes apply at once.")
    public @interface Config {
        @AttributeDefinition(name = "Root level", required = false,
                description = "trace, debug, info, warn, error or off. Default: the framework property "
                        + LEVEL_PROPERTY + ", else " + DEFAULT_LEVEL + ".")
        String level();

        @AttributeDefinition(name = "Logger levels", required = false,
                description = "logger=level items: a class, a package, or the symbolic name of a bundle that "
                        + "logs through the OSGi log service (org.apache.felix.scr). Default: the framework "
                        + "property " + LEVELS_PROPERTY + ".")
        String[] levels();
    }

    private final BundleContext context;
    private final ConfigurationAdmin configurationAdmin;

    @Activate
    public LoggingComponent(BundleContext context, @Reference ConfigurationAdmin configurationAdmin, Config config)
            throws IOException {
        this.context = context;
        this.configurationAdmin = configurationAdmin;
        apply(config);
    }

    @Modified
    void apply(Config config) throws IOException {
        Dictionary<String, Object> configuration = Log4j2Configuration.of(
                levels(context, config.level(), config.levels(), this::complain), Journal.isStderr());
        startFile(configuration);
        // "?": Pax Logging's backend bundle may be updated; the configuration is not bound to one location
        configurationAdmin.getConfiguration(Log4j2Configuration.PID, "?").updateIfDifferent(configuration);
    }

    /**
     * Tells what is wrong with the levels, on stderr, in the log's format. Not through SLF4J: this
     * bundle configures the pipeline and starts before its backend, and Pax Logging's API leaves the
     * loggers of a bundle that logged then on its fallback, which prints on stdout, for good.
     */
    private void complain(String complaint) {
        String line = "ERROR [" + context.getBundle().getSymbolicName() + "] " + LoggingComponent.class.getName()
                + " - " + complaint;
        System.err.println(Journal.isStderr() ? "<3>" + line : line);
    }

    /** Keeps the file of the backend's first configuration current, and names it once. */
    private void startFile(Dictionary<String, Object> configuration) throws IOException {
        String named = context.getProperty(PAX_PROPERTY_FILE);
        Path file = context.getDataFile("pax-logging.properties").toPath();
        if (named != null && !Path.of(named).equals(file)) {
            return; // the operator's own
        }
        Properties properties = new Properties();
        for (Enumeration<String> keys = configuration.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            properties.setProperty(key, configuration.get(key).toString());
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, "written by " + PID + ": the levels at start");
        }
        if (named == null) {
            System.setProperty(PAX_PROPERTY_FILE, file.toString());
        }
    }

    /** The levels a configuration sets, completed by the framework properties. */
    static LogLevels levels(BundleContext context, String level, String[] levels,
            java.util.function.Consumer<String> complaints) {
        LogLevels defaults = LogLevels.parse(context.getProperty(LEVEL_PROPERTY),
                LogLevels.split(context.getProperty(LEVELS_PROPERTY)), DEFAULT_LEVEL,
                complaint -> complaints.accept(LEVEL_PROPERTY + "/" + LEVELS_PROPERTY + ": " + complaint));
        // each item may itself be a list: a .cfg file gives one string
        List<String> entries = new ArrayList<>();
        for (String item : levels == null ? new String[0] : levels) {
            LogLevels.split(item).forEach(entries::add);
        }
        LogLevels configured = LogLevels.parse(level, entries, defaults.root(),
                complaint -> complaints.accept(PID + ": " + complaint));
        LogLevels merged = defaults.with(LogLevels.ROOT, configured.root());
        for (var logger : configured.loggers().entrySet()) {
            merged = merged.with(logger.getKey(), logger.getValue());
        }
        return merged;
    }

}
