package com.example.vshutdown.master.internal.machine;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * What went wrong with a file of the run or state directory, in words an operator reads on one
 * line: the JDK's file exceptions carry only the path as their message.
 */
final class Problems {
    private Problems() {
    }

    static String describe(Exception e) {
        if (e instanceof FileSystemException fs) {
            String what = fs.getReason() != null ? fs.getReason()
                    : e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof NoSuchFileException ? "no such file or directory"
                    : e instanceof NotDirectoryException ? "not a directory"
                    : e instanceof FileAlreadyExistsException ? "exists and is not a directory"
                    : e.getClass().getSimpleName();
            return (fs.getFile() == null ? "" : fs.getFile() + ": ") + what;
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.strip().replace('\n', ' ');
    }
}
