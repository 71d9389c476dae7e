package io.obkc.verifier.core;

/** A failure the user can act on; its message is complete and is printed without a stack trace. */
public class VerifyException extends RuntimeException {
    public VerifyException(String message) {
        super(message);
    }

    public VerifyException(String message, Throwable cause) {
        super(message, cause);
    }
}
