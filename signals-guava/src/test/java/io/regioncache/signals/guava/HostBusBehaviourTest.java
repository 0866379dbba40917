package io.regioncache.signals.guava;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.common.eventbus.AsyncEventBus;
import com.google.common.eventbus.DeadEvent;
import com.google.common.eventbus.EventBus;
import com.google.common.eventbus.Subscribe;
import com.google.common.eventbus.SubscriberExceptionContext;
import io.regioncache.signals.Subscription;
import io.regioncache.testsupport.CapturedLog;
import io.regioncache.signals.guava.Events.Audited;
import io.regioncache.signals.guava.Events.CustomerSaved;
import io.regioncache.signals.guava.Events.OrderEvent;
import io.regioncache.signals.guava.Events.OrderPlaced;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Binding signals leaves the application's bus doing what it did: each scenario posts the same
 * events on a bus without and with bindings, and compares what the application's subscribers saw.
 */
class HostBusBehaviourTest {

    /** Every type a binding might plausibly use, including Object and DeadEvent themselves. */
    private static final List<Class<?>> BOUND_TYPES =
            List.of(Object.class, OrderEvent.class, Audited.class, CustomerSaved.class, DeadEvent.class);

    static Stream<Arguments> applications() {
        return Stream.of(
                Arguments.of("orders and dead events", (Function<EventBus, DeadEventsOnly>) OrdersAndDeadEvents::new),
                Arguments.of("dead events only", (Function<EventBus, DeadEventsOnly>) DeadEventsOnly::new),
                Arguments.of("everything and dead events", (Function<EventBus, DeadEventsOnly>) EverythingAndDeadEvents::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("applications")
    void synchronousBusDeliversTheSameEventsInTheSameOrder(String name, Function<EventBus, DeadEventsOnly> application) {
        List<String> without = postScenario(new EventBus(), application, false);
        List<String> with = postScenario(new EventBus(), application, true);

        assertThat(with).containsExactlyElementsOf(without);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("applications")
    void asynchronousBusDeliversTheSameEvents(String name, Function<EventBus, DeadEventsOnly> application) throws Exception {
        List<String> expected = postScenario(new EventBus(), application, false);
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            List<String> with = postScenario(new AsyncEventBus(executor), application, true);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(
                    () -> assertThat(with).containsExactlyInAnyOrderElementsOf(expected));
        } finally {
            executor.shutdown();
            assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void eventsNoApplicationSubscriberHandlesStillBecomeDeadEventsFromTheBus() {
        EventBus bus = new EventBus();
        List<String> seen = postScenario(bus, OrdersAndDeadEvents::new, true);

        assertThat(seen).containsExactly(
                "order OrderPlaced(1)",
                "dead CustomerSaved[id=2] from the bus",
                "dead text from the bus",
                "dead 42 from the bus");
    }

    @Test
    void failingListenersNeverReachTheBusExceptionHandler() {
        List<SubscriberExceptionContext> handled = new CopyOnWriteArrayList<>();
        EventBus bus = new EventBus((exception, context) -> handled.add(context));
        FailsOnCustomers application = new FailsOnCustomers();
        bus.register(application);
        List<Object> healthy = new CopyOnWriteArrayList<>();
        CustomerSaved customer = new CustomerSaved("2");

        try (CapturedLog log = CapturedLog.start();
             Subscription failing = GuavaSignals.on(bus, Object.class).subscribe(e -> {
                    throw new IllegalStateException("invalidation failed (thrown on purpose)");
                });
             Subscription working = GuavaSignals.on(bus, Object.class).subscribe(e -> healthy.add(e.payload()))) {
            bus.post(new OrderPlaced("1"));
            bus.post(customer);
            assertThat(log.linesContaining("WARN io.regioncache")).as("one warning for the run of failures")
                    .singleElement().asString().contains("further failures are logged at DEBUG");
        }

        assertThat(application.seen).hasSize(2);
        assertThat(healthy).hasSize(2);
        assertThat(handled).as("only the application's own failure reaches its handler").singleElement()
                .satisfies(context -> {
                    assertThat(context.getSubscriber()).isSameAs(application);
                    assertThat(context.getEvent()).isSameAs(customer);
                });
    }

    @Test
    void aListenerThatThrowsAnErrorIsLoggedAtErrorAndNeitherTheBusNorLaterEventsSeeIt() {
        List<SubscriberExceptionContext> handled = new CopyOnWriteArrayList<>();
        EventBus bus = new EventBus((exception, context) -> handled.add(context));
        List<Object> seen = new CopyOnWriteArrayList<>();

        try (CapturedLog log = CapturedLog.start();
             Subscription ignored = GuavaSignals.on(bus, OrderPlaced.class).subscribe(e -> {
                    seen.add(e.payload());
                    if (seen.size() == 1) {
                        throw new AssertionError("a listener bug (thrown on purpose)");
                    }
                })) {
            bus.post(new OrderPlaced("1"));
            bus.post(new OrderPlaced("2"));
            assertThat(log.linesContaining("ERROR io.regioncache")).singleElement().asString()
                    .contains("threw an error on an event of type " + OrderPlaced.class.getName());
            assertThat(log.text()).contains("AssertionError: a listener bug");
        }

        assertThat(seen).hasSize(2);
        assertThat(handled).as("the bus's handler never sees the listener's error").isEmpty();
    }

    @Test
    void theBusAndItsExecutorAreBorrowedAndLeftAsTheyWere() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            EventBus bus = new AsyncEventBus(executor);
            List<Object> bound = new CopyOnWriteArrayList<>();
            try (Subscription ignored = GuavaSignals.on(bus, OrderEvent.class).subscribe(e -> bound.add(e.payload()))) {
                bus.post(new OrderEvent("1"));
                await().untilAsserted(() -> assertThat(bound).hasSize(1));
            }
            DeadEventsOnly application = new DeadEventsOnly(bus);
            bus.register(application);

            bus.post(new OrderEvent("2"));

            assertThat(executor.isShutdown()).isFalse();
            assertThat(BusTaps.registeredOn(bus)).isFalse();
            await().untilAsserted(() -> assertThat(application.seen).containsExactly("dead OrderEvent(2) from the bus"));
        } finally {
            executor.shutdown();
            assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    /**
     * Registers the application, optionally binds a signal on each of {@link #BOUND_TYPES}, posts
     * a fixed set of events, and returns the live list of what the application sees.
     */
    private static List<String> postScenario(EventBus bus, Function<EventBus, DeadEventsOnly> application, boolean bind) {
        DeadEventsOnly app = application.apply(bus);
        bus.register(app);
        List<Subscription> bindings = new ArrayList<>();
        if (bind) {
            for (Class<?> type : BOUND_TYPES) {
                bindings.add(GuavaSignals.on(bus, type).subscribe(event -> { }));
            }
        }
        bus.post(new OrderPlaced("1"));
        bus.post(new CustomerSaved("2"));
        bus.post("text");
        bus.post(42);
        bindings.forEach(Subscription::close);
        return app.seen;
    }

    /** An application that only watches for dead events; the others add subscribers to it. */
    static class DeadEventsOnly {
        final List<String> seen = new CopyOnWriteArrayList<>();
        private final EventBus bus;

        DeadEventsOnly(EventBus bus) {
            this.bus = bus;
        }

        @Subscribe
        public void onDead(DeadEvent event) {
            seen.add("dead " + event.getEvent() + (event.getSource() == bus ? " from the bus" : " from elsewhere"));
        }
    }

    static final class OrdersAndDeadEvents extends DeadEventsOnly {
        OrdersAndDeadEvents(EventBus bus) {
            super(bus);
        }

        @Subscribe
        public void onOrder(OrderEvent event) {
            seen.add("order " + event);
        }
    }

    static final class EverythingAndDeadEvents extends DeadEventsOnly {
        EverythingAndDeadEvents(EventBus bus) {
            super(bus);
        }

        @Subscribe
        public void onAnything(Object event) {
            seen.add("object " + event);
        }
    }

    static final class FailsOnCustomers {
        final List<Object> seen = new CopyOnWriteArrayList<>();

        @Subscribe
        public void onAnything(Object event) {
            seen.add(event);
            if (event instanceof CustomerSaved) {
                throw new IllegalStateException("the application's own subscriber failed");
            }
        }
    }
}
