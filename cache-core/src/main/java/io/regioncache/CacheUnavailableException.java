package io.regioncache;

/**
 * The store could not be reached or did not answer in time (connection refused or lost, command
 * timeout). Reads and writes throw it under {@link FailurePolicy#RAISE}; {@link
 * Region#invalidate()} throws it under every policy.
 */
public class CacheUnavailableException extends RegionCacheException {

    private static final long serialVersionUID = 1L;

    /** Without a message; prefer the constructors that say what failed. */
    public CacheUnavailableException() {
    }

    /**
     * @param message what failed; never contains credentials
     */
    public CacheUnavailableException(String message) {
        super(message);
    }

    /**
     * @param message what failed; never contains credentials
     * @param cause   the client's exception
     */
    public CacheUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
