package io.regioncache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.StaticCredentialsProvider;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import java.nio.CharBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Asks Redis again, with plain commands, whether it refuses the URL's credentials or database, for
 * a connect whose handshake Lettuce reports as cut off without saying why.
 *
 * <p>Lettuce loses the server's answer to a refused handshake now and then (from about one in a
 * thousand refused handshakes to two in a hundred on a two-core machine, depending on how fast the
 * handshake goes): its {@code AbstractRedisClient} looks the handshake up only once the
 * caller's {@code connect} has returned and the connect has completed, and a handshake that was
 * refused (WRONGPASS) and closed its channel in that time has left the pipeline already, which
 * Lettuce reports as "RedisHandshakeHandler not registered". Its {@code RedisHandshakeHandler}
 * also records the refusal only once its close of the channel completes, so the channel's inactive
 * event, when it comes first, fails the handshake as "Connection closed prematurely" instead.
 * Both read as a dropped connection, and a second connect can lose its answer the same way, so
 * instead the question is asked on a connection that sends nothing at connect: without
 * credentials, in RESP2 and without a PING. {@code AUTH} (or {@code PING}, if the URL has no
 * password) and {@code SELECT} are then ordinary commands, whose errors always come back.
 */
final class HandshakeProbe {

    private static final List<String> LOST_ANSWERS = List.of("RedisHandshakeHandler not registered",
            "Connection closed prematurely");

    private HandshakeProbe() {
    }

    /** Whether {@code failure} is a handshake Lettuce saw cut off, whose server may have refused it. */
    static boolean lostTheAnswer(Throwable failure) {
        return ConnectFailures.causes(failure).anyMatch(cause -> LOST_ANSWERS.contains(cause.getMessage()));
    }

    /**
     * The first refusal of the URL's credentials or database by one of {@code seeds}, asked in
     * turn; empty if none refuses (a seed that does not answer is skipped: an outage is not a
     * refusal). Each question waits at most the seed's timeout, as a command would.
     */
    static Optional<RedisCommandExecutionException> refusal(ClientResources resources, List<RedisURI> seeds) {
        RedisClient client = RedisClient.create(resources);
        try {
            for (RedisURI seed : seeds) {
                client.setOptions(ClientOptions.builder()
                        .protocolVersion(ProtocolVersion.RESP2)
                        .pingBeforeActivateConnection(false)
                        .autoReconnect(false)
                        .timeoutOptions(TimeoutOptions.enabled(seed.getTimeout()))
                        .socketOptions(SocketOptions.builder().connectTimeout(seed.getTimeout()).build())
                        .build());
                Optional<RedisCommandExecutionException> refused = ask(client, seed);
                if (refused.isPresent()) {
                    return refused;
                }
            }
            return Optional.empty();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    private static Optional<RedisCommandExecutionException> ask(RedisClient client, RedisURI seed) {
        RedisURI anonymous = RedisURI.builder(seed).withDatabase(0).build();
        anonymous.setCredentialsProvider(new StaticCredentialsProvider(null, (char[]) null));
        // The URL's, there already: LazyRedisConnection gave the seeds credentials read at once.
        RedisCredentials credentials = seed.getCredentialsProvider().resolveCredentials().toFuture().getNow(null);
        try (StatefulRedisConnection<String, String> connection = client.connect(anonymous)) {
            RedisCommands<String, String> redis = connection.sync();
            if (credentials == null || !credentials.hasPassword()) {
                redis.ping();
            } else if (credentials.hasUsername()) {
                redis.auth(credentials.getUsername(), CharBuffer.wrap(credentials.getPassword()));
            } else {
                redis.auth(CharBuffer.wrap(credentials.getPassword()));
            }
            if (seed.getDatabase() > 0) {
                redis.select(seed.getDatabase());
            }
            return Optional.empty();
        } catch (RedisCommandExecutionException refused) {
            return Optional.of(refused);
        } catch (RedisException silent) {
            return Optional.empty();
        }
    }
}
