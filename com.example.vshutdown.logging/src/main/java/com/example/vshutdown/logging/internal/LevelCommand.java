package com.example.vshutdown.logging.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code log:level}: shows and changes the levels at runtime by updating the configuration
 * {@value LoggingComponent#PID}, so the change is the same as an operator's edit of that
 * configuration and lasts until the next one (or, in the master service, until its file changes or
 * the service restarts).
 */
@Component(service = LevelCommand.class, property = {
        "osgi.command.scope=log",
        "osgi.command.function=level"})
public final class LevelCommand {
    /** The level that removes a logger's own level, so it follows its parent's again. */
    static final String INHERIT = "inherit";

    private final BundleContext context;
    private final ConfigurationAdmin configurationAdmin;

    @Activate
    public LevelCommand(BundleContext context, @Reference ConfigurationAdmin configurationAdmin) {
        this.context = context;
        this.configurationAdmin = configurationAdmin;
    }

    @Descriptor("show the log levels: the root logger's and each logger's own")
    public String level() throws IOException {
        LogLevels levels = current(configuration());
        StringBuilder text = new StringBuilder(LogLevels.ROOT).append(' ').append(levels.root());
        for (Map.Entry<String, String> logger : levels.loggers().entrySet()) {
            text.append('\n').append(logger.getKey()).append(' ').append(logger.getValue());
        }
        return text.toString();
    }

    @Descriptor("set the level of a logger (a class, a package, a bundle's symbolic name, or root) at once")
    public String level(
            @Descriptor("the logger: a class, a package, a bundle's symbolic name (org.apache.felix.scr), or root")
            String logger,
            @Descriptor("trace, debug, info, warn, error, off, or inherit (the parent's level)") String level)
            throws IOException {
        String name = LogLevels.ROOT.equalsIgnoreCase(logger) ? LogLevels.ROOT : LogLevels.logger(logger);
        boolean inherit = INHERIT.equalsIgnoreCase(level.strip());
        if (inherit && name.equals(LogLevels.ROOT)) {
            throw new IllegalArgumentException("the root logger has no parent to inherit a level from");
        }
        String parsed = inherit ? null : LogLevels.level(level);
        Configuration configuration = configuration();
        configuration.updateIfDifferent(current(configuration).with(name, parsed).toConfiguration());
        return name + " " + (inherit ? "inherits its level" : parsed);
    }

    private Configuration configuration() throws IOException {
        return configurationAdmin.getConfiguration(LoggingComponent.PID, "?");
    }

    private LogLevels current(Configuration configuration) {
        Dictionary<String, Object> properties = configuration.getProperties();
        Object level = properties == null ? null : properties.get("level");
        Object levels = properties == null ? null : properties.get("levels");
        // what is wrong in the configuration is the component's to report; a change keeps only what is valid
        return LoggingComponent.levels(context, level == null ? null : level.toString(),
                levels instanceof String[] array ? array : levels == null ? null : new String[] {levels.toString()},
                complaint -> { });
    }
}
