package io.regioncache.signals.redis;

/**
 * A failure of Redis pub/sub signals at run time: Redis cannot be reached, refuses the credentials,
 * refuses a subscription (such as {@code NOPERM} for an ACL user), or a wait for it was
 * interrupted. The cause is Lettuce's exception (or the {@link InterruptedException}), kept for
 * diagnosis; the message never holds a password. Unchecked.
 */
public final class RedisSignalException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    RedisSignalException(String message, Throwable cause) {
        super(message, cause);
    }
}
