package com.example.vshutdown.master.internal.commands;

import java.io.PrintStream;

import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.master.internal.TextFormat;

/** Prints the closing report of a shutdown, as {@link TextFormat#summary} words it. */
final class Summary {
    private Summary() {
    }

    static void print(ShutdownResult result, PrintStream out) {
        TextFormat.summary(result).forEach(out::println);
        out.flush();
    }
}
