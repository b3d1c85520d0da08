package com.example.vshutdown.master.internal.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.lines.manual.Page;
import com.example.vshutdown.lines.manual.Render;

/**
 * The manual is the one source: the man page, the README's exit-status table, the commands'
 * options and Gogo's descriptors must all say what the pages say.
 */
class ManualTest {
    /** The module's base directory is the working directory of its tests. */
    private static final Path MAN_PAGE = Path.of("..", "docs", "vshutdown.1");
    private static final Path README = Path.of("..", "README.md");
    /** {@code -Dvshutdown.manual.write=true} rewrites docs/vshutdown.1 from the pages. */
    private static final boolean WRITE = Boolean.getBoolean("vshutdown.manual.write");

    @Test
    void theManPageIsRenderedFromThePages() throws IOException {
        String rendered = Render.roff(Manual.VSHUTDOWN_PAGE, List.of(Manual.DOMAINS_PAGE, Manual.PROVIDERS_PAGE));
        if (WRITE) {
            Files.writeString(MAN_PAGE, rendered, StandardCharsets.UTF_8);
        }
        assertEquals(rendered, Files.readString(MAN_PAGE, StandardCharsets.UTF_8),
                "docs/vshutdown.1 is stale: mvn -B -ntp -pl com.example.vshutdown.master -am test "
                        + "-Dtest=ManualTest -Dsurefire.failIfNoSpecifiedTests=false -Dvshutdown.manual.write=true");
    }

    @Test
    void groffReadsTheManPageWithoutAWarning() throws Exception {
        Process groff;
        try {
            groff = new ProcessBuilder("groff", "-man", "-Tutf8", "-ww", "-z", MAN_PAGE.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("groff is not installed: " + e.getMessage());
            return;
        }
        String said = new String(groff.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, groff.waitFor(), said);
        assertEquals("", said);
    }

    @Test
    void theReadmeExitStatusTableIsThePages() throws IOException {
        List<String> readme = Files.readAllLines(README, StandardCharsets.UTF_8);
        int heading = readme.indexOf("## Exit status of a one-shot command");
        assertTrue(heading >= 0, "README has no exit-status section");
        List<String> table = new ArrayList<>();
        for (String line : readme.subList(heading + 1, readme.size())) {
            if (line.startsWith("|")) {
                table.add(line);
            } else if (!table.isEmpty()) {
                break;
            }
        }
        assertEquals(Render.markdownTable("status", "meaning", Manual.EXIT_STATUS), table);
    }

    @Test
    void everyExitStatusOfTheCodeIsInTheTableAndItsSummary() {
        List<String> codes = Manual.EXIT_STATUS.stream().map(Page.Item::term).toList();
        for (ExitStatus status : ExitStatus.values()) {
            assertTrue(codes.contains(String.valueOf(status.code())), status + " in " + codes);
        }
        assertTrue(codes.contains("130"), codes::toString);
        String summary = Manual.EXIT_STATUS.stream()
                .map(item -> item.term() + " " + item.text().substring(0, item.text().indexOf(':')))
                .collect(Collectors.joining(", "));
        assertEquals(summary, Manual.EXIT_SUMMARY);
        assertTrue(Manual.VSHUTDOWN.contains(Manual.EXIT_SUMMARY));
    }

    @Test
    void eachCommandTakesExactlyTheOptionsOfItsPageWithTheirTexts() {
        for (Page page : List.of(Manual.VSHUTDOWN_PAGE, Manual.DOMAINS_PAGE, Manual.PROVIDERS_PAGE)) {
            Method command = Arrays.stream(VShutdownCommands.class.getMethods())
                    .filter(m -> m.getName().equals(page.name())).findFirst().orElseThrow();
            Map<List<String>, String> declared = new LinkedHashMap<>();
            for (Parameter parameter : command.getParameters()) {
                org.apache.felix.service.command.Parameter option =
                        parameter.getAnnotation(org.apache.felix.service.command.Parameter.class);
                if (option != null) {
                    declared.put(List.of(option.names()), parameter.getAnnotation(Descriptor.class).value());
                }
            }
            Map<List<String>, String> documented = new LinkedHashMap<>();
            for (int i = 0; i < page.options().size(); i++) {
                documented.put(page.optionNames().get(i), page.options().get(i).text());
            }
            assertEquals(documented, declared, page.name());
            assertTrue(command.getAnnotation(Descriptor.class).value().toLowerCase().startsWith(
                    page.summary().substring(0, 12).toLowerCase()), page.name());
        }
    }

    @Test
    void theVmidOperandIsNamedAndDescribedByThePage() {
        Method vshutdown = Arrays.stream(VShutdownCommands.class.getMethods())
                .filter(m -> m.getName().equals("vshutdown")).findFirst().orElseThrow();
        Parameter last = vshutdown.getParameters()[vshutdown.getParameterCount() - 1];
        // Gogo's help shows a positional parameter by its type's simple name
        assertEquals("vmid[]", last.getType().getSimpleName());
        assertEquals(Manual.VMID, last.getAnnotation(Descriptor.class).value());
        assertEquals(List.of(new Page.Item("vmid", Manual.VMID)), Manual.VSHUTDOWN_PAGE.operands());
    }

    @Test
    void theLongestTimeOutIsStatedAsTheRefusalStatesIt() {
        assertTrue(Manual.TIMEOUT.contains(CommandLine.MAX_TIMEOUT_TEXT), Manual.TIMEOUT);
    }

    @Test
    void helpReadsLikeAManPage() {
        String help = Render.text(Manual.VSHUTDOWN_PAGE);

        for (String expected : List.of("NAME\n       vshutdown - shut down", "SYNOPSIS\n", "DESCRIPTION\n",
                "OPTIONS\n", "       -t, --timeout ms\n", "       --slaves-only\n", "OPERANDS\n       vmid\n",
                "EXIT STATUS\n", "       130\n", "EXAMPLES\n", "       vshutdown -t 30000 2\n")) {
            assertTrue(help.contains(expected), expected + " in:\n" + help);
        }
        help.lines().forEach(line -> assertTrue(line.length() <= 80, line));
    }
}
