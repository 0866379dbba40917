package io.regioncache.signals.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.regioncache.signals.Signal;
import io.regioncache.signals.SignalEvent;
import io.regioncache.signals.SignalListener;
import io.regioncache.signals.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Signal} adapter promises, as a JUnit 5 suite. An adapter's tests
 * extend it in one small class that says how to create, feed and close its transport:
 *
 * <pre>{@code
 * class KafkaSignalContractIT extends SignalContract {
 *     private KafkaSignals signals;
 *     private String topic;
 *
 *     protected Signal createSignal() {
 *         topic = "orders-" + UUID.randomUUID();            // a fresh topic for every test
 *         broker.createTopic(topic);
 *         signals = KafkaSignals.create(broker.bootstrapServers());
 *         return signals.topic(topic);
 *     }
 *     protected void publish(String key, String payload) throws Exception {
 *         producer.send(new ProducerRecord<>(topic, key, payload)).get();   // the real transport
 *     }
 *     protected void closeTransport() { signals.close(); }
 *     protected boolean isTransportThread(Thread t) { return t.getName().startsWith("region-cache-kafka"); }
 *     protected boolean startsThreads() { return true; }
 *     protected boolean supportsSharedGroups() { return true; }
 * }
 * }</pre>
 *
 * <h2>Lifecycle</h2>
 * Before each test the suite calls {@link #createSignal()}; after it, it closes every
 * subscription it opened and then calls {@link #closeTransport()} (once, even if the test already
 * did). Each test therefore gets its own transport and its own signal, so that events never leak
 * from one test into another.
 *
 * <h2>Asynchronous transports</h2>
 * After each {@code subscribe} the suite waits until the subscription is live, that is, until it
 * receives events published from then on. It first calls {@link #awaitSubscribed(Subscription)}
 * (nothing by default; override it to wait on something the transport exposes, such as a Kafka
 * partition assignment or a Redis SUBSCRIBE confirmation), then publishes probe events through
 * {@link #publish(String, String)} until one of them arrives. Probes carry the key
 * {@value #PROBE_KEY} and a payload starting with {@code "signals-tck-probe-"}; the suite leaves
 * them out of every assertion. A Kafka consumer that starts at the end of its topic and a Redis
 * subscription that is confirmed asynchronously both need nothing more than that. Every wait ends
 * after {@link #deliveryTimeout()}; that something does not happen is checked for
 * {@link #quietPeriod()} after a still-open subscription has received later events.
 *
 * <h2>What a transport cannot do</h2>
 * A transport declares its limits by overriding {@link #supportsSharedGroups()},
 * {@link #carriesKeys()} and {@link #carriesNullPayload()}; every test still runs and checks
 * what the transport does instead: group subscriptions broadcast, keys and null payloads are
 * left out of the assertions.
 */
public abstract class SignalContract {

    /** The key of the probe events the suite publishes while it waits for a subscription to be live. */
    public static final String PROBE_KEY = "signals-tck-probe";

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicInteger sequence = new AtomicInteger();
    final List<Subscription> opened = new CopyOnWriteArrayList<>();
    private Set<Thread> threadsBefore;
    private Signal signal;
    private boolean transportClosed;

    /** For subclasses. */
    protected SignalContract() {
    }

    /**
     * Creates a transport and returns a signal on it that no other test uses (a fresh topic,
     * channel or event bus). Called before each test.
     *
     * @throws Exception if the transport cannot be created; the test then fails
     */
    protected abstract Signal createSignal() throws Exception;

    /**
     * Publishes one event through the real transport to the signal {@link #createSignal()} returned
     * last, as an application would (a Kafka producer, a Redis PUBLISH, {@code EventBus.post}).
     * It may return before the event is delivered.
     *
     * @param key     the event key; null where the test checks events without a key. A transport
     *                that does not {@link #carriesKeys() carry keys} ignores it.
     * @param payload the event payload; null only if {@link #carriesNullPayload()}
     * @throws Exception if publishing fails; the test then fails
     */
    protected abstract void publish(String key, String payload) throws Exception;

    /**
     * Closes what {@link #createSignal()} created (the adapter's transport object, the executor of
     * an asynchronous bus); nothing borrowed from elsewhere. Called once per test.
     *
     * @throws Exception if closing fails; the test then fails
     */
    protected abstract void closeTransport() throws Exception;

    /**
     * Whether {@code thread} was started by the transport under test, for example by its name. The
     * suite only looks at threads that started after {@link #createSignal()} was called, but the
     * predicate must not match the threads of the test's own publishing client.
     */
    protected abstract boolean isTransportThread(Thread thread);

    /**
     * Whether the transport starts threads while it has subscriptions. If so, the suite checks that
     * {@link #isTransportThread(Thread)} recognizes at least one, so that the check that none
     * outlives {@link #closeTransport()} is not vacuous. False by default.
     */
    protected boolean startsThreads() {
        return false;
    }

    /**
     * Whether {@link Signal#subscribe(String, SignalListener)} shares events among the
     * subscriptions of a group (each event reaches at least one of them), as Kafka consumer groups
     * do. False by default: every subscription then gets every event.
     */
    protected boolean supportsSharedGroups() {
        return false;
    }

    /**
     * Whether {@link SignalEvent#key()} is the key given to {@link #publish(String, String)}. False
     * for transports whose key means something else, such as the channel for Redis pub/sub or
     * nothing at all for Guava. True by default.
     */
    protected boolean carriesKeys() {
        return true;
    }

    /** Whether the transport can carry an event whose payload is null. True by default. */
    protected boolean carriesNullPayload() {
        return true;
    }

    /**
     * Returns once {@code subscription} is set up in the transport, if the transport exposes that.
     * The suite then still publishes probes until one arrives. Does nothing by default.
     *
     * @throws Exception if waiting fails; the test then fails
     */
    protected void awaitSubscribed(Subscription subscription) throws Exception {
    }

    /** How long the suite waits for an event to arrive, or for a subscription to become live. 30 s by default. */
    protected Duration deliveryTimeout() {
        return Duration.ofSeconds(30);
    }

    /** How long a closed subscription must stay silent once an open one has moved on. 300 ms by default. */
    protected Duration quietPeriod() {
        return Duration.ofMillis(300);
    }

    /** The signal under test, as {@link #createSignal()} returned it for the current test. */
    protected final Signal signal() {
        return signal;
    }

    @BeforeEach
    final void createSignalUnderTest() throws Exception {
        threadsBefore = Set.copyOf(Thread.getAllStackTraces().keySet());
        signal = createSignal();
        assertThat(signal).as("createSignal()").isNotNull();
    }

    @AfterEach
    final void closeSignalUnderTest() throws Exception {
        for (Subscription subscription : opened) {
            subscription.close();
        }
        closeTransportOnce();
    }

    @Test
    void deliversEachEventWithItsKeyPayloadAndSignalName() throws Exception {
        Recorder recorder = new Recorder("subscriber");
        subscribeLive(null, recorder);

        List<Published> events = publishEvents(3);

        awaitPayloads(recorder, events);
        assertThat(signal.name()).isNotBlank();
        assertThat(recorder.events()).allSatisfy(event -> {
            assertThat(event.signal()).isEqualTo(signal.name());
            assertThat(event.timestamp()).isNotNull();
        });
        if (carriesKeys()) {
            Map<Object, String> keyByPayload = events.stream().collect(Collectors.toMap(Published::payload, Published::key));
            assertThat(recorder.events()).allSatisfy(event -> assertThat(event.key()).isEqualTo(keyByPayload.get(event.payload())));
        }
    }

    @Test
    void deliversEveryEventToEverySubscription() throws Exception {
        List<Recorder> recorders = List.of(new Recorder("first"), new Recorder("second"), new Recorder("third"));
        for (Recorder recorder : recorders) {
            subscribeLive(null, recorder);
        }

        List<Published> events = publishEvents(5);

        awaitEach(events, recorders.toArray(Recorder[]::new));
    }

    @Test
    void groupSubscriptionsShareWhereTheTransportCanAndBroadcastWhereItCannot() throws Exception {
        if (supportsSharedGroups()) {
            assertSharedGroupGivesEachEventToAtLeastOneMemberAndEveryGroupGetsAll();
        } else {
            assertGroupSubscriptionsEachGetEveryEvent();
        }
    }

    private void assertSharedGroupGivesEachEventToAtLeastOneMemberAndEveryGroupGetsAll() throws Exception {
        String groupA = "signals-tck-a-" + UUID.randomUUID();
        String groupB = "signals-tck-b-" + UUID.randomUUID();
        Recorder a1 = new Recorder("group A, member 1");
        Recorder a2 = new Recorder("group A, member 2");
        Recorder b1 = new Recorder("group B, member 1");
        Recorder plain = new Recorder("no group");
        subscribeLive(groupA, a1, a1);
        subscribeLive(groupA, a2, a1, a2);
        subscribeLive(groupB, b1, b1);
        subscribeLive(null, plain);

        List<Published> events = publishEvents(10);

        awaitPayloads(List.of(a1, a2), events);
        awaitEach(events, b1, plain);
    }

    private void assertGroupSubscriptionsEachGetEveryEvent() throws Exception {
        String group = "signals-tck-" + UUID.randomUUID();
        Recorder first = new Recorder("group member 1");
        Recorder second = new Recorder("group member 2");
        subscribeLive(group, first);
        subscribeLive(group, second);

        List<Published> events = publishEvents(5);

        awaitEach(events, first, second);
    }

    @Test
    void closedSubscriptionReceivesNothingMoreWhileOthersDo() throws Exception {
        Recorder closed = new Recorder("closed");
        Recorder open = new Recorder("open");
        Subscription toClose = subscribeLive(null, closed);
        subscribeLive(null, open);
        List<Published> before = publishEvents(1);
        awaitPayloads(closed, before);

        toClose.close();
        List<Published> after = publishEvents(3);

        awaitPayloads(open, concat(before, after));
        assertStaysExactly(closed, before);
    }

    @Test
    void closingTheOnlySubscriptionStopsDeliveryAndALaterOneStillWorks() throws Exception {
        Recorder first = new Recorder("first");
        Subscription only = subscribeLive(null, first);
        List<Published> before = publishEvents(1);
        awaitPayloads(first, before);

        only.close();
        publishEvents(1);
        Recorder later = new Recorder("later");
        subscribeLive(null, later);
        List<Published> after = publishEvents(1);

        awaitPayloads(later, after);
        assertStaysExactly(first, before);
    }

    @Test
    void closeIsIdempotentAndClosingTwiceLeavesOtherSubscriptionsAlone() throws Exception {
        Recorder closed = new Recorder("closed twice");
        Recorder open = new Recorder("open");
        Subscription twice = subscribeLive(null, closed);
        subscribeLive(null, open);

        twice.close();
        twice.close();
        List<Published> events = publishEvents(2);

        awaitPayloads(open, events);
        assertStaysExactly(closed, List.of());
    }

    @Test
    void listenerMayCloseItsOwnSubscriptionWhileHandlingAnEvent() throws Exception {
        AtomicReference<Subscription> own = new AtomicReference<>();
        AtomicBoolean closeReturned = new AtomicBoolean();
        Recorder oneShot = new Recorder("closes itself", event -> {
            own.get().close();
            closeReturned.set(true);
        });
        Recorder open = new Recorder("open");
        own.set(subscribeLive(null, oneShot));
        subscribeLive(null, open);

        List<Published> first = publishEvents(1);
        awaitPayloads(oneShot, first);
        await("close() called by the listener to return").untilTrue(closeReturned);
        List<Published> later = publishEvents(2);

        awaitPayloads(open, concat(first, later));
        assertStaysExactly(oneShot, first);
    }

    @Test
    void throwingListenerStopsNeitherOtherListenersNorLaterEvents() throws Exception {
        Recorder throwing = Recorder.throwing("throwing");
        Recorder healthy = new Recorder("healthy");
        subscribeLive(null, throwing);
        subscribeLive(null, healthy);

        List<Published> events = publishEvents(3);

        awaitEach(events, healthy, throwing);
    }

    @Test
    void deliversEventsWithoutKeyOrPayloadAndGoesOn() throws Exception {
        Recorder recorder = new Recorder("subscriber");
        subscribeLive(null, recorder);
        Published keyless = new Published(null, nextPayload());
        // Where the transport cannot carry a null payload (a Guava event is an object, a Redis
        // message a string), only the keyless event is sent.
        List<Published> unusual = carriesNullPayload()
                ? List.of(keyless, new Published("key-without-payload", null))
                : List.of(keyless);

        for (Published event : unusual) {
            publish(event.key(), event.payload());
        }
        List<Published> later = publishEvents(1);

        awaitPayloads(recorder, concat(unusual, later));
        if (carriesKeys()) {
            assertThat(recorder.events()).filteredOn(event -> keyless.payload().equals(event.payload()))
                    .singleElement().extracting(SignalEvent::key).isNull();
            if (carriesNullPayload()) {
                assertThat(recorder.events()).filteredOn(event -> event.payload() == null)
                        .singleElement().extracting(SignalEvent::key).isEqualTo("key-without-payload");
            }
        }
    }

    @Test
    void rejectsNullListenerAndNullGroup() {
        SignalListener listener = event -> { };
        assertThatNullPointerException().isThrownBy(() -> opened.add(signal.subscribe(null)));
        assertThatNullPointerException().isThrownBy(() -> opened.add(signal.subscribe(null, listener)));
        assertThatNullPointerException().isThrownBy(() -> opened.add(signal.subscribe("signals-tck-group", null)));
    }

    @Test
    void noThreadOutlivesTheTransportAndLateClosesAreHarmless() throws Exception {
        Recorder plain = new Recorder("no group");
        Recorder grouped = new Recorder("grouped");
        subscribeLive(null, plain);
        subscribeLive("signals-tck-" + UUID.randomUUID(), grouped);
        List<Published> events = publishEvents(1);
        awaitEach(events, plain, grouped);
        if (startsThreads()) {
            assertThat(newTransportThreads()).as("threads that isTransportThread() recognizes while subscribed").isNotEmpty();
        }

        closeTransportOnce();

        await("every transport thread to end after closeTransport()")
                .untilAsserted(() -> assertThat(newTransportThreads()).isEmpty());
        for (Subscription subscription : opened) {
            subscription.close();
        }
    }

    Subscription subscribeLive(String group, Recorder recorder, Recorder... anyOf) throws Exception {
        Subscription subscription = group == null ? signal.subscribe(recorder) : signal.subscribe(group, recorder);
        assertThat(subscription).as("subscription returned by subscribe").isNotNull();
        opened.add(subscription);
        awaitSubscribed(subscription);
        List<Recorder> receivers = anyOf.length == 0 ? List.of(recorder) : Arrays.asList(anyOf);
        String probe = Recorder.PROBE_PREFIX + run + "-" + sequence.incrementAndGet();
        await("a probe published after subscribing to reach " + receivers)
                .pollInterval(Duration.ofMillis(100))
                .pollDelay(Duration.ZERO)
                .until(() -> {
                    if (receivers.stream().anyMatch(r -> r.sawProbe(probe))) {
                        return true;
                    }
                    publish(PROBE_KEY, probe);
                    return receivers.stream().anyMatch(r -> r.sawProbe(probe));
                });
        return subscription;
    }

    List<Published> publishEvents(int count) throws Exception {
        List<Published> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Published event = new Published("key-" + sequence.incrementAndGet(), nextPayload());
            publish(event.key(), event.payload());
            events.add(event);
        }
        return events;
    }

    private String nextPayload() {
        return "event-" + run + "-" + sequence.incrementAndGet();
    }

    /** Waits until the recorders, between them, have received every one of {@code events}. */
    private void awaitPayloads(List<Recorder> recorders, List<Published> events) {
        List<Object> expected = events.stream().<Object>map(Published::payload).toList();
        await("events to reach " + recorders).untilAsserted(() -> assertThat(
                recorders.stream().flatMap(r -> r.payloads().stream()).toList()).containsAll(expected));
    }

    void awaitPayloads(Recorder recorder, List<Published> events) {
        awaitPayloads(List.of(recorder), events);
    }

    private void awaitEach(List<Published> events, Recorder... recorders) {
        for (Recorder recorder : recorders) {
            awaitPayloads(recorder, events);
        }
    }

    /** Checks that {@code recorder} has exactly {@code events}, and nothing more for a quiet period. */
    void assertStaysExactly(Recorder recorder, List<Published> events) {
        Object[] expected = events.stream().map(Published::payload).toArray();
        Awaitility.await("only the events before closing at " + recorder)
                .during(quietPeriod())
                .atMost(quietPeriod().plus(deliveryTimeout()))
                .untilAsserted(() -> assertThat(recorder.payloads()).containsExactlyInAnyOrder(expected));
    }

    private Set<String> newTransportThreads() {
        Set<String> names = new HashSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isAlive() && !threadsBefore.contains(thread) && isTransportThread(thread)) {
                names.add(thread.getName());
            }
        }
        return names;
    }

    private void closeTransportOnce() throws Exception {
        if (!transportClosed) {
            transportClosed = true;
            closeTransport();
        }
    }

    ConditionFactory await(String what) {
        return Awaitility.await(what).atMost(deliveryTimeout()).pollInterval(Duration.ofMillis(10)).pollInSameThread();
    }

    static List<Published> concat(List<Published> first, List<Published> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    record Published(String key, String payload) {
    }
}
