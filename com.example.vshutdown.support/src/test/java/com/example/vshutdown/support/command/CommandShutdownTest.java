package com.example.vshutdown.support.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.vshutdown.spi.ShutdownVetoedException;

class CommandShutdownTest {
    @TempDir
    Path dir;

    private CommandShutdown commands(Path script) {
        return new CommandShutdown("configured", List.of(script.toString(), "shutdown"),
                List.of(script.toString(), "reboot"), Scripts.BOUND, printed -> printed.contains("inhibited"));
    }

    @Test
    void shutdownAndRebootRunTheirOwnCommand() throws IOException {
        Path log = dir.resolve("log");
        Path script = new Scripts(dir).script("native", "echo \"$1\" >> " + log);
        CommandShutdown commands = commands(script);
        commands.shutdown();
        commands.reboot();
        assertEquals(List.of("shutdown", "reboot"), Files.readAllLines(log));
        assertEquals("native shutdown (configured): '" + script + " shutdown', reboot: '" + script
                + " reboot', each stopped after 20000 ms", commands.description());
    }

    @Test
    void aRefusalInTheCommandsOwnWordsIsAVetoAndAnyOtherFailureIsNot() throws IOException {
        Path refusing = new Scripts(dir).script("refusing", "echo 'Operation inhibited by \"updater\"'; exit 1");
        ShutdownVetoedException veto = assertThrows(ShutdownVetoedException.class, () -> commands(refusing).reboot());
        assertTrue(veto.getMessage().endsWith("failed with exit status 1: Operation inhibited by \"updater\""),
                veto.getMessage());

        Path failing = new Scripts(dir).script("failing", "echo 'Access denied'; exit 1");
        IOException failure = assertThrows(IOException.class, () -> commands(failing).shutdown());
        assertTrue(!(failure instanceof ShutdownVetoedException), failure.toString());
    }
}
