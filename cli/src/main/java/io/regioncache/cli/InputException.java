package io.regioncache.cli;

/** The user asked for something that is not there or cannot be read as asked (a missing key, a wrong codec): exit code 1. */
final class InputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InputException(String message) {
        super(message);
    }

    InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
