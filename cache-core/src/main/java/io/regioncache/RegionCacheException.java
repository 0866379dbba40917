package io.regioncache;

/**
 * The root of the unchecked exceptions that region-cache throws when an operation fails at run
 * time (as opposed to misuse, which gets {@link NullPointerException}, {@link
 * IllegalArgumentException} or {@link IllegalStateException}). The cause is always kept.
 */
public class RegionCacheException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Without a message; prefer the constructors that say what failed. */
    public RegionCacheException() {
    }

    /**
     * @param message what failed; never contains credentials
     */
    public RegionCacheException(String message) {
        super(message);
    }

    /**
     * @param message what failed; never contains credentials
     * @param cause   the underlying failure, may be null
     */
    public RegionCacheException(String message, Throwable cause) {
        super(message, cause);
    }
}
