package io.regioncache.signals.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.regioncache.signals.SignalEvent;
import io.regioncache.signals.SignalListener;
import io.regioncache.signals.Subscription;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The signal contract plus what a transport that acknowledges events promises (Kafka commits
 * offsets, Redis Streams acknowledges entries): it delivers through
 * {@link SignalListener#onSignalAsync(SignalEvent)} and acknowledges an event only once the stage
 * the listener returned has completed normally, however late; a stage that completes
 * exceptionally gets its event delivered again. Extend it instead of {@link SignalContract} in
 * the same one small class:
 *
 * <pre>{@code
 * class KafkaSignalContractIT extends AcknowledgingSignalContract { ... as for SignalContract ... }
 * }</pre>
 *
 * <p>What was acknowledged is observed as an application would: through a group subscription,
 * closed and then followed by another one in the same group, which must receive again exactly the
 * events that were not acknowledged. The transport must keep a group's position across its
 * subscriptions (as Kafka consumer groups and Redis Streams consumer groups do), deliver an event
 * whose listener failed again within {@link #deliveryTimeout()} (configure its backoff short), and
 * may take a little while on close to let pending stages finish.
 */
public abstract class AcknowledgingSignalContract extends SignalContract {

    /** For subclasses. */
    protected AcknowledgingSignalContract() {
    }

    @Test
    void eventWhoseStageNeverCompletedIsDeliveredAgainToTheGroupsNextSubscription() throws Exception {
        String group = "signals-tck-ack-" + UUID.randomUUID();
        Recorder pending = Recorder.staged("stage never completes", event -> new CompletableFuture<>());
        Subscription first = subscribeLive(group, pending);
        List<Published> unacknowledged = publishEvents(2);
        awaitPayloads(pending, unacknowledged);

        first.close();
        Recorder next = new Recorder("the group's next subscription");
        subscribeLive(group, next);

        awaitPayloads(next, unacknowledged);
    }

    @Test
    void eventIsAcknowledgedOnceItsStageCompletesEvenLate() throws Exception {
        String group = "signals-tck-ack-" + UUID.randomUUID();
        Map<Object, CompletableFuture<Void>> stages = new ConcurrentHashMap<>();
        Recorder late = Recorder.staged("stage completes later", event -> stages.computeIfAbsent(event.payload(),
                payload -> new CompletableFuture<>()));
        Subscription first = subscribeLive(group, late);
        List<Published> events = publishEvents(2);
        awaitPayloads(late, events);

        // Completed after the listener returned, the later event first: both are acknowledged.
        stages.get(events.get(1).payload()).complete(null);
        stages.get(events.get(0).payload()).complete(null);
        List<Published> afterwards = publishEvents(1);
        awaitPayloads(late, concat(events, afterwards));
        stages.get(afterwards.get(0).payload()).complete(null);
        first.close();

        Recorder next = new Recorder("the group's next subscription");
        subscribeLive(group, next);
        List<Published> later = publishEvents(1);
        awaitPayloads(next, later);
        assertStaysExactly(next, later);
    }

    @Test
    void eventWhoseStageCompletesExceptionallyIsDeliveredAgain() throws Exception {
        Map<Object, Integer> deliveries = new ConcurrentHashMap<>();
        Recorder failingOnce = Recorder.staged("stage fails on the first delivery", event ->
                deliveries.merge(event.payload(), 1, Integer::sum) == 1
                        ? CompletableFuture.failedFuture(new IllegalStateException(
                                "Failed on purpose by the acknowledging contract's listener"))
                        : CompletableFuture.completedFuture(null));
        subscribeLive("signals-tck-ack-" + UUID.randomUUID(), failingOnce);

        List<Published> events = publishEvents(2);

        await("every event to be delivered twice").untilAsserted(() ->
                assertThat(events).allSatisfy(event -> assertThat(deliveries.get(event.payload())).isEqualTo(2)));
        assertThat(failingOnce.payloads()).hasSize(4);
    }
}
