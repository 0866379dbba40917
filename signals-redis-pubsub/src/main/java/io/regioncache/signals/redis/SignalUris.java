package io.regioncache.signals.redis;

import io.regioncache.signals.Signal;
import io.regioncache.signals.redis.internal.RedisUrl;
import io.regioncache.signals.redis.internal.SharedInstances;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code redis[s]://[[user]:password@]host[:port][,host[:port]...][/db]?channel=NAME} (or
 * {@code ?pattern=GLOB}), and {@code redis-sentinel://...[/db]?channel=NAME#MASTER}, for
 * {@link io.regioncache.signals.Signals#of(String)}. Other query options (such as {@code timeout}
 * or {@code clientName}) go to Lettuce with the connection URL.
 */
final class SignalUris {

    private static final SharedInstances<RedisPubSubSignals> SHARED =
            new SharedInstances<>(RedisPubSubSignals::create, RedisPubSubSignals::close);

    private static final String FORM = "redis[s]://[[user]:password@]host[:port][,host[:port]...][/db]?channel=NAME "
            + "(or ?pattern=GLOB), or redis-sentinel://[[user]:password@]host[:port][,host[:port]...][/db]?channel=NAME#MASTER";

    private SignalUris() {
    }

    /**
     * The signal {@code uri} names. Only checks the URI: no connection is made until a subscription.
     *
     * @throws IllegalArgumentException if the URI is malformed or names no single channel or pattern
     */
    static Signal signal(URI uri) {
        String shown = RedisUrl.redact(uri.toString());
        if (uri.isOpaque() || uri.getRawAuthority() == null) {
            throw new IllegalArgumentException("Expected " + FORM + ", got '" + shown + "'");
        }
        Topic topic = null;
        List<String> lettuceOptions = new ArrayList<>();
        String query = uri.getRawQuery();
        for (String parameter : query == null ? new String[0] : query.split("&")) {
            int eq = parameter.indexOf('=');
            String key = eq < 0 ? parameter : parameter.substring(0, eq);
            if (!key.equals("channel") && !key.equals("pattern")) {
                lettuceOptions.add(parameter);
                continue;
            }
            if (topic != null) {
                throw new IllegalArgumentException("A Redis signal URI names one channel or one pattern, got more in '"
                        + shown + "'");
            }
            String value = eq < 0 ? "" : decode(parameter.substring(eq + 1));
            try {
                topic = key.equals("channel") ? Topic.channel(value) : Topic.pattern(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + " in '" + shown + "'");
            }
        }
        if (topic == null) {
            throw new IllegalArgumentException("A Redis signal URI needs ?channel=NAME or ?pattern=GLOB: '" + shown
                    + "'; expected " + FORM);
        }
        String connectionUrl = uri.getScheme() + "://" + uri.getRawAuthority()
                + (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (lettuceOptions.isEmpty() ? "" : "?" + String.join("&", lettuceOptions))
                + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
        RedisUrl.parseSeeds(connectionUrl);
        return new TopicSignal(topic, RedisUrl.redact(connectionUrl), (signalTopic, listener) ->
                SHARED.subscribe(connectionUrl, signals -> signals.subscribe(signalTopic, listener)));
    }

    // Percent-decoding only: a '+' in a channel name is a '+', not a space as in HTML forms.
    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
