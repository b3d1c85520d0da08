package com.example.vshutdown.logging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LogLevelsTest {
    private final List<String> complaints = new ArrayList<>();

    @Test
    void readsTheRootAndEachLoggerWhateverTheCase() {
        LogLevels levels = LogLevels.parse(" DEBUG ", LogLevels.split("com.example=trace, org.apache.felix.scr=Info"),
                "warn", complaints::add);

        assertEquals("debug", levels.root());
        assertEquals(Map.of("com.example", "trace", "org.apache.felix.scr", "info"), levels.loggers());
        assertEquals(List.of(), complaints);
    }

    @Test
    void aMalformedEntryIsToldInOneLineAndLeftOutNotGuessed() {
        LogLevels levels = LogLevels.parse("loud", List.of("com.example=chatty", "no-equals", "bad name!=debug",
                "ok.logger=error"), "warn", complaints::add);

        assertEquals("warn", levels.root());
        assertEquals(Map.of("ok.logger", "error"), levels.loggers());
        assertEquals(List.of(
                "'loud' is not a log level (trace, debug, info, warn, error, off); the root logger stays at warn",
                "'chatty' is not a log level (trace, debug, info, warn, error, off); ignored",
                "'no-equals' is not logger=level; ignored",
                "'bad name!' is not a logger name; ignored"), complaints);
    }

    @Test
    void aLoggerChangesOrFollowsItsParentAgain() {
        LogLevels levels = new LogLevels("warn", Map.of("a.b", "debug"));

        assertEquals(Map.of("a.b", "error"), levels.with("a.b", "error").loggers());
        assertEquals(Map.of(), levels.with("a.b", null).loggers());
        assertEquals("info", levels.with("ROOT", "info").root());
    }

    @Test
    void writesTheConfigurationItIsReadFrom() {
        Dictionary<String, Object> properties = new LogLevels("info", Map.of("a.b", "debug")).toConfiguration();

        LogLevels read = LogLevels.parse((String) properties.get("level"),
                Arrays.asList((String[]) properties.get("levels")), "warn", complaints::add);

        assertEquals(new LogLevels("info", Map.of("a.b", "debug")), read);
    }

    @Test
    void aLevelOutsideTheListIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> LogLevels.level("verbose"));

        assertEquals("'verbose' is not a log level (trace, debug, info, warn, error, off)", refused.getMessage());
    }
}
