package com.example.vshutdown.health.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.example.vshutdown.health.internal.HealthReport.Check;
import com.example.vshutdown.health.internal.HealthReport.Message;

class HealthReportTest {
    private final Check master = new Check("vshutdown master", "CRITICAL", List.of(
            new Message("CRITICAL", "the master has no vproperty provider bound"),
            new Message("OK", "the master has its native shutdown")));
    private final Check faults = new Check("vshutdown configuration", "OK", List.of(
            new Message("OK", "no configuration fault")));

    @Test
    void oneLinePerCheckAndPerMessageWithTheStatusWhereItDiffers() {
        HealthReport report = new HealthReport(List.of(faults, master));

        assertFalse(report.ok());
        assertEquals("vshutdown master CRITICAL", report.failing());
        assertEquals(String.join(System.lineSeparator(),
                "OK       vshutdown configuration",
                "         no configuration fault",
                "CRITICAL vshutdown master",
                "         the master has no vproperty provider bound",
                "         OK: the master has its native shutdown"), report.text());
    }

    @Test
    void theJsonDocumentCarriesTheWorstStatusAndEscapesWhatCouldBreakIt() {
        HealthReport report = new HealthReport(List.of(new Check("c", "OK", List.of(
                new Message("OK", "a \"quoted\" path\\ and\nline é")))));

        assertTrue(report.ok());
        assertEquals("{\"status\": \"OK\", \"checks\": [{\"name\": \"c\", \"status\": \"OK\", \"messages\": "
                + "[{\"status\": \"OK\", \"text\": \"a \\\"quoted\\\" path\\\\ and\\u000aline \\u00e9\"}]}]}", report.json());
    }

    @Test
    void noCheckIsSaidPlainly() {
        assertEquals("no health check found", new HealthReport(List.of()).text());
    }
}
