package com.example.vshutdown.shell.internal;

/** What runs for the launcher's main thread: the interactive shell or one command line. */
interface Program {

    /** Runs to the end on the calling thread and returns the process exit status. */
    int run();

    /** The framework is stopping: run no further line, and end once the current one has. */
    void stop();
}
