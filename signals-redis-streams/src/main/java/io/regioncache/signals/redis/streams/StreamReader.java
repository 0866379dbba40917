package io.regioncache.signals.redis.streams;

import io.lettuce.core.Consumer;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.regioncache.signals.SignalListener;
import io.regioncache.signals.Subscription;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One subscription: a thread with a connection of its own that reads the stream with blocking
 * {@code XREADGROUP} (in a group) or {@code XREAD} (alone), hands each entry to the listener and,
 * in a group, acknowledges it on the shared command connection once the listener's stage completed
 * normally. Nothing but {@link #close()} ends the loop: a failed command drops the connection,
 * which is opened again after Lettuce's reconnect delay; a listener that fails gets the entry
 * again later (see {@link EntryDeliveries}).
 *
 * <p>Where it starts: a group that exists is joined where it stands; a missing one is created at
 * the stream's end after the listener has handled a possible loss (so a process that dies first
 * leaves no group behind, and the next one reports the loss again); a reader without a group
 * starts at the end. After a reconnect it goes on from there, but a changed server run id (Redis
 * restarted or failed over) or a vanished group ({@code NOGROUP}) is reported as a possible loss,
 * and so are entries trimmed before they were read ({@link TrimWatch}).
 */
final class StreamReader implements Subscription {

    /** The longest blocking read: it bounds how late a due redelivery or maintenance can start. */
    static final Duration POLL = Duration.ofSeconds(1);
    private static final System.Logger LOG = System.getLogger(StreamReader.class.getName());
    private static final int BATCH = 100;
    /** How long closing waits for running listeners and their acknowledgements. */
    private static final Duration GRACE = Duration.ofSeconds(1);

    private final RedisStreamSignals owner;
    private final StreamSettings settings;
    private final String streamKey;
    private final String group;
    private final Consumer<String> consumer;
    private final String signalName;
    private final String description;
    private final SignalListener listener;
    private final Thread thread;
    private final CountDownLatch closeRequested = new CountDownLatch(1);
    private final CountDownLatch positionedLatch = new CountDownLatch(1);
    private final TrimWatch trimWatch = new TrimWatch();
    private final EntryDeliveries deliveries;

    // Reader thread only, except the volatile ones.
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile long clientId;
    private String runId;
    private boolean positioned;
    private boolean everPositioned;
    private String pendingLoss;
    private String lastId;          // without a group: the newest entry read
    private long entriesRead;       // without a group: entries read, as Redis would count them
    private String claimCursor = EntryIds.ZERO;
    private long nextMaintenance;
    private int connectFailures;

    StreamReader(RedisStreamSignals owner, String streamKey, String group, SignalListener listener) {
        this.owner = owner;
        this.settings = owner.settings();
        this.streamKey = streamKey;
        this.group = group;
        this.consumer = group == null ? null : Consumer.from(group, ConsumerNames.next());
        this.signalName = "redis-stream:" + streamKey;
        this.description = "stream '" + streamKey + "'" + (group == null ? "" : " (group '" + group
                + "', consumer '" + consumer.getName() + "')") + " at " + owner.redactedUrl();
        this.listener = listener;
        this.thread = owner.threads().reader(streamKey, this::run);
        this.deliveries = new EntryDeliveries(settings, signalName, description, listener, group == null ? null
                : id -> owner.commands().xack(streamKey, group, id).toCompletableFuture(), this::closing);
    }

    void start() {
        thread.start();
    }

    /** Waits until the reader knows where it starts; false if {@code timeout} passed first. */
    boolean awaitPositioned(Duration timeout) {
        try {
            return positionedLatch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops delivery and waits for the reader thread to end (not when called by its own listener). */
    @Override
    public void close() {
        requestClose();
        awaitClosed();
    }

    /** Asks the reader to stop, ending its blocking read at once. Idempotent. */
    void requestClose() {
        if (closeRequested.getCount() > 0) {
            closeRequested.countDown();
            long id = clientId;
            if (id > 0) {
                owner.unblock(id);
            }
        }
    }

    /** Waits for the reader thread to end, interrupting a listener that does not return in time. */
    void awaitClosed() {
        if (Thread.currentThread() == thread) {
            return; // a listener closing its own subscription: the loop ends when it returns
        }
        try {
            thread.join(POLL.plus(GRACE).toMillis());
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(settings.timeout().plus(GRACE).toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.log(Level.WARNING, "{0}: reader thread {1} did not stop", description, thread.getName());
        }
    }

    private boolean closing() {
        return closeRequested.getCount() == 0;
    }

    private void run() {
        try {
            while (!closing()) {
                try {
                    if (connection == null) {
                        connect();
                    }
                    if (!positioned) {
                        position();
                    } else {
                        step();
                    }
                    recovered();
                } catch (RedisCommandInterruptedException e) {
                    Thread.interrupted(); // close() cut a wait short: the loop condition ends the loop
                } catch (RedisException e) {
                    if (closing()) {
                        break;
                    }
                    if (isNoGroup(e)) {
                        lostGroup();
                    } else {
                        failed(e);
                    }
                }
            }
        } finally {
            finish();
        }
    }

    private void connect() {
        StatefulRedisConnection<String, String> fresh = owner.connectReader();
        try {
            RedisCommands<String, String> redis = fresh.sync();
            clientId = redis.clientId();
            String server = runIdOf(redis.info("server"));
            if (runId != null && !runId.equals(server)) {
                pendingLoss = "Redis restarted or failed over (its run id changed), so the stream may have lost entries";
                positioned = false;
            }
            runId = server;
        } catch (RuntimeException e) {
            fresh.closeAsync();
            throw e;
        }
        connection = fresh;
        if (closing()) {
            requestCloseAgain();
        }
    }

    /** close() may have sent its unblock before this connection had an id: end a read that starts now at once. */
    private void requestCloseAgain() {
        owner.unblock(clientId);
    }

    private void position() {
        RedisCommands<String, String> redis = connection.sync();
        StreamInfo.Stream stream = StreamInfo.stream(redis, streamKey);
        if (group == null) {
            if (lastId == null) {
                lastId = stream.lastGeneratedId();
                entriesRead = stream.entriesAdded();
            } else if (pendingLoss != null) {
                if (!reportPossibleLoss(pendingLoss)) {
                    return;
                }
                entriesRead = Math.max(entriesRead, stream.removed());
            }
        } else if (StreamInfo.group(redis, streamKey, group).isEmpty()) {
            String why = pendingLoss != null ? pendingLoss : everPositioned
                    ? "consumer group '" + group + "' is gone (the stream was deleted, or Redis lost it)"
                    : "consumer group '" + group + "' is new and starts at the end of the stream";
            // The end is taken before the listener runs, so entries added meanwhile are read.
            if (!reportPossibleLoss(why)) {
                return;
            }
            createGroup(redis, stream);
        } else if (pendingLoss != null && !reportPossibleLoss(pendingLoss)) {
            return;
        }
        if (group != null) {
            // Redis would create the consumer only when it first receives an entry; created now, it
            // shows in XINFO CONSUMERS from the start, and can take over entries a closing one hands over.
            redis.xgroupCreateconsumer(streamKey, consumer);
        }
        pendingLoss = null;
        trimWatch.reset();
        positioned = true;
        everPositioned = true;
        positionedLatch.countDown();
    }

    private void createGroup(RedisCommands<String, String> redis, StreamInfo.Stream end) {
        try {
            // ENTRIESREAD keeps Redis's count of what the group read exact, which TrimWatch relies on.
            redis.xgroupCreate(StreamOffset.from(streamKey, end.lastGeneratedId()), group,
                    new XGroupCreateArgs().mkstream(true).entriesRead(end.entriesAdded()));
        } catch (RedisCommandExecutionException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("BUSYGROUP")) {
                throw e;
            }
            // Another consumer created it meanwhile: join it where it stands.
        }
    }

    @SuppressWarnings("unchecked") // Lettuce's varargs of generic StreamOffsets; one offset each time
    private void step() {
        RedisCommands<String, String> redis = connection.sync();
        deliveries.deliverDue();
        if (System.nanoTime() - nextMaintenance >= 0) {
            maintain(connection);
            nextMaintenance = System.nanoTime() + settings.maintenanceInterval().toNanos();
            if (!positioned || closing()) {
                return;
            }
        }
        XReadArgs args = XReadArgs.Builder.block(blockMillis()).count(BATCH);
        List<StreamMessage<String, String>> entries = group == null
                ? redis.xread(args, StreamOffset.from(streamKey, lastId))
                : redis.xreadgroup(consumer, args, StreamOffset.lastConsumed(streamKey));
        for (StreamMessage<String, String> entry : entries) {
            if (closing()) {
                return; // in a group, the rest stays pending and is handed over by finish()
            }
            if (group == null) {
                lastId = entry.getId();
                entriesRead++;
            }
            deliveries.deliver(entry, 1);
        }
    }

    /** Blocks no longer than until the next redelivery or maintenance is due; never 0, which blocks for ever. */
    private long blockMillis() {
        long untilMaintenance = TimeUnit.NANOSECONDS.toMillis(nextMaintenance - System.nanoTime());
        long untilRedelivery = deliveries.untilNextDue(POLL).toMillis();
        return Math.max(1, Math.min(POLL.toMillis(), Math.min(untilMaintenance, untilRedelivery)));
    }

    /**
     * Checks for entries removed before they were read and, in a group, claims those a dead
     * consumer left. The three commands go out together, so this costs one round trip.
     */
    private void maintain(StatefulRedisConnection<String, String> current) {
        RedisAsyncCommands<String, String> redis = current.async();
        RedisFuture<List<Object>> streamReply = redis.xinfoStream(streamKey);
        RedisFuture<List<Object>> groupsReply = group == null ? null : redis.xinfoGroups(streamKey);
        RedisFuture<ClaimedMessages<String, String>> claimReply = group == null ? null
                : redis.xautoclaim(streamKey, new XAutoClaimArgs<String>().consumer(consumer)
                        .minIdleTime(settings.claimIdle()).startId(claimCursor).count(BATCH));
        StreamInfo.Stream stream = StreamInfo.stream(() -> reply(streamReply));
        String loss;
        if (group == null) {
            loss = trimWatch.check(stream, entriesRead, lastId);
        } else {
            StreamInfo.Group state = StreamInfo.group(() -> reply(groupsReply), group).orElse(null);
            if (state == null) {
                lostGroup(); // the claim then fails with NOGROUP, unread
                return;
            }
            loss = trimWatch.check(stream, state.entriesRead(), state.lastDeliveredId());
        }
        if (loss != null) {
            reportPossibleLoss(loss);
            entriesRead = Math.max(entriesRead, stream.removed());
        }
        if (claimReply != null && !closing()) {
            claim(reply(claimReply));
        }
    }

    /** Delivers entries that stayed pending with any consumer longer than the claim idle time, now this one's. */
    private void claim(ClaimedMessages<String, String> claimed) {
        claimCursor = claimed.getId();
        for (StreamMessage<String, String> entry : claimed.getMessages()) {
            if (entry.getBody() != null && !deliveries.holds(entry.getId()) && !closing()) {
                LOG.log(Level.DEBUG, "{0}: claimed entry {1}, left unacknowledged by another consumer",
                        description, entry.getId());
                deliveries.deliver(entry, 1);
            }
        }
    }

    /** The reply of a command sent on the reader's connection; Redis's error as the exception Lettuce throws. */
    private <T> T reply(RedisFuture<T> future) {
        return LettuceFutures.awaitOrCancel(future, settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void lostGroup() {
        positioned = false;
        pendingLoss = "consumer group '" + group + "' is gone (Redis restarted without persistence, or the stream "
                + "was deleted)";
    }

    /**
     * Tells the listener that entries may have been missed and waits until it has handled that,
     * calling it again after a backoff while it fails, up to the configured attempts.
     *
     * @return true once handled (or the attempts ran out); false if the subscription closed first,
     *         so that the new position must not count as handled
     */
    private boolean reportPossibleLoss(String why) {
        LOG.log(Level.INFO, "{0} may have missed entries ({1}): reporting a possible loss", description, why);
        for (int attempt = 1; ; attempt++) {
            Throwable failure = await(EntryDeliveries.call(() -> listener.onPossibleLossAsync(signalName)));
            if (failure == null) {
                return true;
            }
            if (closing()) {
                return false;
            }
            if (attempt >= settings.attempts()) {
                LOG.log(Level.ERROR, "Listener of " + description + " failed " + attempt + " times on a possible loss; "
                        + "giving up on it", failure);
                return true;
            }
            LOG.log(Level.WARNING, "Listener of {0} failed on a possible loss (attempt {1} of {2}): {3}; calling it "
                    + "again", description, attempt, settings.attempts(), failure.toString());
            if (pause(settings.redeliveryDelay().createDelay(attempt))) {
                return false;
            }
        }
    }

    /** Waits for a stage: null if it completed normally, else its failure (an interrupt by close() is one too). */
    private static Throwable await(CompletionStage<Void> stage) {
        try {
            stage.toCompletableFuture().get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            return e;
        }
    }

    /** Waits {@code duration}; true if the subscription was closed meanwhile. */
    private boolean pause(Duration duration) {
        try {
            return closeRequested.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            return true;
        }
    }

    private void failed(RedisException e) {
        connectFailures++;
        if (connectFailures == 1) {
            LOG.log(Level.WARNING, "{0}: {1}; reconnecting until Redis answers", description, e.toString());
        } else {
            LOG.log(Level.DEBUG, "{0}: still failing: {1}", description, e.toString());
        }
        StatefulRedisConnection<String, String> broken = connection;
        connection = null;
        clientId = 0;
        if (broken != null) {
            broken.closeAsync();
        }
        pause(owner.reconnectDelay().createDelay(connectFailures));
    }

    private void recovered() {
        if (connectFailures > 0) {
            connectFailures = 0;
            LOG.log(Level.INFO, "{0}: reading again", description);
        }
    }

    /** On the reader thread once the loop ended: lets listeners finish, hands over what is left, leaves the group. */
    private void finish() {
        Thread.interrupted(); // an interrupt meant for a listener must not fail the commands below
        deliveries.finish(GRACE);
        StatefulRedisConnection<String, String> last = connection;
        if (last != null) {
            if (group != null) {
                new GroupExit(last.sync(), streamKey, consumer, settings.claimIdle(), description).leave();
            }
            last.close();
        }
        owner.forget(this);
    }

    private static boolean isNoGroup(RedisException e) {
        return e instanceof RedisCommandExecutionException && e.getMessage() != null && e.getMessage().startsWith("NOGROUP");
    }

    private static String runIdOf(String serverInfo) {
        return serverInfo.lines().filter(line -> line.startsWith("run_id:")).map(line -> line.substring(7).trim())
                .findFirst().orElse("");
    }

    @Override
    public String toString() {
        return "RedisStreamSubscription[" + description + "]";
    }
}
