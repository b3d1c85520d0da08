package com.example.vshutdown.lines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {

    @Test
    void plainArgumentsPassUnchanged() {
        assertEquals("vshutdown -t 100 2", CommandLine.join(List.of("vshutdown", "-t", "100", "2")));
        assertEquals("vshutdown -r -f", CommandLine.join(List.of("vshutdown", "-r", "-f")));
        assertEquals("lb", CommandLine.join(List.of("lb")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--reboot", "1.5", "a,b", "host:8080", "/tmp/x", "user@host", "50%", "+1",
        "CamelCase_09"})
    void wordsGogoGivesNoMeaningToAreNotQuoted(String word) {
        assertEquals(word, CommandLine.quote(word));
    }

    @Test
    void firstArgumentIsGogoTextSoThatAWholeLineRuns() {
        assertEquals("lb | grep gogo", CommandLine.join(List.of("lb | grep gogo")));
        assertEquals("vshutdown -t 100 2", CommandLine.join(List.of("vshutdown -t 100 2")));
        assertEquals("lb | grep 'a b'", CommandLine.join(List.of("lb | grep", "a b")));
    }

    @Test
    void pipelineCommandsAreTheFirstNamesOfItsParts() {
        assertEquals(List.of("vshutdown"), CommandLine.pipelineCommands("vshutdown 1"));
        assertEquals(List.of("lb", "grep"), CommandLine.pipelineCommands("lb | grep 'a|b'"));
        assertEquals(List.of("echo", "felix:grep"), CommandLine.pipelineCommands("echo \"x|y\" | felix:grep x"));
        assertEquals(List.of("each"), CommandLine.pipelineCommands("each [1 2] { echo $it | tac }"));
    }

    @Test
    void commandNameIsTheFirstNameOfTheText() {
        assertEquals("vshutdown", CommandLine.commandName("vshutdown -t 100"));
        assertEquals("lb", CommandLine.commandName("  lb | grep gogo"));
        assertEquals("felix:lb", CommandLine.commandName("felix:lb"));
        assertEquals("new", CommandLine.commandName("(new java.lang.Object) wait"));
        assertEquals("", CommandLine.commandName(""));
    }

    @Test
    void argumentWithSpacesStaysOneWord() {
        assertEquals("echo 'a b'", CommandLine.join(List.of("echo", "a b")));
        assertEquals("echo 'tab\there'", CommandLine.join(List.of("echo", "tab\there")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a;b", "a|b", "a&b", "a>b", "a<b", "(a)", "[a]", "{a}", "$a", "a\"b", "a\\b",
        "#a", "~a", "a*", "a?", "a=b", "//a", "a\nb"})
    void gogoSpecialCharactersAreQuoted(String word) {
        assertEquals("'" + word + "'", CommandLine.quote(word));
    }

    @Test
    void singleQuoteIsEscapedBetweenQuotedParts() {
        assertEquals("'it'\\''s'", CommandLine.quote("it's"));
        assertEquals("''\\'''", CommandLine.quote("'"));
    }

    @Test
    void everyArgumentAfterTheFirstIsQuotedOnItsOwn() {
        assertEquals("echo 'a  b' 'x;y' '$HOME' 'it'\\''s'",
                CommandLine.join(List.of("echo", "a  b", "x;y", "$HOME", "it's")));
    }

    @Test
    void emptyArgumentIsAnEmptyWord() {
        assertEquals("echo '' x", CommandLine.join(List.of("echo", "", "x")));
    }

    @Test
    void noArgumentsIsAnEmptyLine() {
        assertEquals("", CommandLine.join(List.of()));
    }
}
