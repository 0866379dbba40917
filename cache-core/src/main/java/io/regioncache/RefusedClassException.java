package io.regioncache;

/**
 * The deserialization filter refused what the stored bytes name: a class outside the allow-list,
 * or a graph beyond its limits. It says which, so that a region can warn once per refused class
 * rather than once per read.
 */
final class RefusedClassException extends CodecException {

    private static final long serialVersionUID = 1L;

    /** What was refused, such as "class com.acme.Profile"; the same for every refusal of it. */
    private final String refused;

    RefusedClassException(String refused, String message, Throwable cause) {
        super(message, cause);
        this.refused = refused;
    }

    String refused() {
        return refused;
    }
}
