package io.regioncache.signals.redis.streams;

import io.regioncache.signals.Signal;
import io.regioncache.signals.redis.internal.RedisUrl;
import io.regioncache.signals.redis.internal.SharedInstances;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code redis-stream://[[user]:password@]host[:port]/STREAM[?db=N]} (and
 * {@code rediss-stream://} for TLS) for {@link io.regioncache.signals.Signals#of(String)}. Other
 * query options (such as {@code timeout} or {@code clientName}) go to Lettuce with the connection URL.
 */
final class StreamUris {

    private static final SharedInstances<RedisStreamSignals> SHARED =
            new SharedInstances<>(RedisStreamSignals::create, RedisStreamSignals::close);

    static final String FORM = "redis-stream://[[user]:password@]host[:port]/STREAM[?db=N] (rediss-stream:// for TLS)";

    private StreamUris() {
    }

    /**
     * The signal {@code uri} names. Only checks the URI: no connection is made until a subscription.
     *
     * @throws IllegalArgumentException if the URI is malformed; the message never shows its password
     */
    static Signal signal(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.endsWith("-stream") || uri.isOpaque() || uri.getRawAuthority() == null) {
            // Not echoed: without "//" the redaction cannot tell where credentials would be.
            throw new IllegalArgumentException("Expected " + FORM + ", got a '" + scheme + ":' URI without it");
        }
        String shown = RedisUrl.redact(uri.toString());
        String path = uri.getRawPath();
        if (path == null || path.length() < 2) {
            throw new IllegalArgumentException("A Redis stream URI names its stream as its path: expected " + FORM
                    + ", got '" + shown + "'");
        }
        String streamKey = decode(path.substring(1));
        String database = "";
        List<String> lettuceOptions = new ArrayList<>();
        String query = uri.getRawQuery();
        for (String parameter : query == null ? new String[0] : query.split("&")) {
            if (parameter.startsWith("db=")) {
                database = parameter.substring(3);
                if (!database.matches("\\d{1,5}")) {
                    throw new IllegalArgumentException("A Redis stream URI takes a database number, got db='" + database
                            + "' in '" + shown + "'");
                }
            } else if (!parameter.isEmpty()) {
                lettuceOptions.add(parameter);
            }
        }
        String connectionUrl = scheme.substring(0, scheme.length() - "-stream".length()) + "://" + uri.getRawAuthority()
                + (database.isEmpty() ? "" : "/" + database)
                + (lettuceOptions.isEmpty() ? "" : "?" + String.join("&", lettuceOptions));
        try {
            RedisUrl.parse(connectionUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Malformed Redis stream URI '" + shown + "'; expected " + FORM);
        }
        return new StreamSignal(streamKey, RedisUrl.redact(connectionUrl), (key, group, listener) ->
                SHARED.subscribe(connectionUrl, signals -> signals.subscribe(key, group, listener)));
    }

    // Percent-decoding only: a '+' in a key is a '+', not a space as in HTML forms.
    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
