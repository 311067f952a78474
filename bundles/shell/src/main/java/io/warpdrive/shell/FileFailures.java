package io.warpdrive.shell;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** A failed file operation in one line of the user's words, without exception class names. */
final class FileFailures {
    private FileFailures() {
    }

    static String describe(IOException e) {
        if (e instanceof FileSystemException) {
            FileSystemException f = (FileSystemException) e;
            String file = f.getFile() == null ? "" : f.getFile();
            if (f instanceof NoSuchFileException) {
                return "no such file or directory: " + file;
            }
            if (f instanceof AccessDeniedException) {
                return "permission denied: " + file;
            }
            if (f instanceof FileAlreadyExistsException) {
                return file + " already exists (--force replaces it)";
            }
            String reason = f.getReason() == null ? "cannot be used" : lowerFirst(f.getReason());
            return file.isEmpty() ? reason : file + ": " + reason;
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? "input/output error" : lowerFirst(message);
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
