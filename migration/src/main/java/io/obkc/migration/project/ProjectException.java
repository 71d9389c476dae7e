package io.obkc.migration.project;

/** Bad input or a failed step, with a message that names the object and what to do; the CLI prints it and exits 2. */
public final class ProjectException extends RuntimeException {
    public ProjectException(String message) {
        super(message);
    }

    public ProjectException(String message, Throwable cause) {
        super(message, cause);
    }
}
