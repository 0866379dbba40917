package io.regioncache;

/**
 * A value could not be encoded, or bytes read from the store could not be decoded (corrupt,
 * written by a foreign codec, or a class outside the deserialization allow-list).
 */
public class CodecException extends RegionCacheException {

    private static final long serialVersionUID = 1L;

    /** Without a message; prefer the constructors that say what failed. */
    public CodecException() {
    }

    /**
     * @param message what failed
     */
    public CodecException(String message) {
        super(message);
    }

    /**
     * @param message what failed
     * @param cause   the codec's exception
     */
    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
