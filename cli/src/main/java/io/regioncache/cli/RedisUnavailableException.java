package io.regioncache.cli;

/** Redis cannot be reached or refuses the credentials: exit code 2. */
final class RedisUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    RedisUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
