package com.example.vshutdown.logging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Log4j2ConfigurationTest {
    @Test
    void oneAppenderOnStandardErrorWithTheLevels() {
        Dictionary<String, Object> properties = Log4j2Configuration.of(
                new LogLevels("warn", Map.of("com.example.vshutdown.lines", "debug")), false);

        assertEquals("SYSTEM_ERR", properties.get("log4j2.appender.stderr.target"));
        assertEquals("true", properties.get("log4j2.appender.stderr.direct"));
        assertEquals("WARN", properties.get("log4j2.rootLogger.level"));
        assertEquals("stderr", properties.get("log4j2.rootLogger.appenderRef.stderr.ref"));
        assertEquals("com.example.vshutdown.lines", properties.get("log4j2.logger.l0.name"));
        assertEquals("DEBUG", properties.get("log4j2.logger.l0.level"));
        assertEquals(Log4j2Configuration.PATTERN, properties.get("log4j2.appender.stderr.layout.pattern"));
    }

    @Test
    void underTheJournalEachLineStartsWithItsPriority() {
        String pattern = (String) Log4j2Configuration.of(new LogLevels("info", Map.of()), true)
                .get("log4j2.appender.stderr.layout.pattern");

        assertTrue(pattern.startsWith("%level{FATAL=<2>, ERROR=<3>, WARN=<4>, INFO=<6>, DEBUG=<7>, TRACE=<7>}"), pattern);
    }

    @Test
    void atDebugStackTracesAreWhole() {
        assertEquals(Log4j2Configuration.DEBUG_PATTERN, Log4j2Configuration.of(new LogLevels("debug", Map.of()), false)
                .get("log4j2.appender.stderr.layout.pattern"));
    }

    @Test
    void theJournalIsStderrOnlyWhenItsDeviceAndInodeAreStderrs(@TempDir Path dir) throws IOException {
        Path stderr = Files.createFile(dir.resolve("stderr"));
        Map<String, Object> attributes = Files.readAttributes(stderr, "unix:dev,ino");
        String own = attributes.get("dev") + ":" + attributes.get("ino");

        assertTrue(Journal.isStderr(own, stderr));
        assertFalse(Journal.isStderr("1:2", stderr), "a redirected stderr that inherited the variable");
        assertFalse(Journal.isStderr(null, stderr));
        assertFalse(Journal.isStderr("journal", stderr));
    }
}
