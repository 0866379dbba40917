package io.regioncache.spring;

/**
 * A {@code region-cache.*} setting that cannot be used, found at start-up. The message names the
 * property and what is wrong with its value (never a password); {@link #action()} says what to
 * do, and Boot's failure report shows both.
 */
public class RegionCacheConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String property;
    private final String action;

    /**
     * @param property the property at fault, such as {@code region-cache.regions.users.ttl}
     * @param problem  what is wrong, naming the property
     * @param action   what to do about it
     * @param cause    the exception that revealed it, or null
     */
    public RegionCacheConfigurationException(String property, String problem, String action, Throwable cause) {
        super(problem, cause);
        this.property = property;
        this.action = action;
    }

    /** The property at fault (the first of them when several are involved). */
    public String property() {
        return property;
    }

    /** What to do about it. */
    public String action() {
        return action;
    }
}
