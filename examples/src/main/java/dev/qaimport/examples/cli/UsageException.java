package dev.qaimport.examples.cli;

/** A problem with what the user asked for (exit status 2): one clear line, no stack trace. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
