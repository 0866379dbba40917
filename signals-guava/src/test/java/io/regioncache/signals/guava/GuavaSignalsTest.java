package io.regioncache.signals.guava;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import com.google.common.eventbus.DeadEvent;
import com.google.common.eventbus.EventBus;
import io.regioncache.signals.Signal;
import io.regioncache.signals.SignalEvent;
import io.regioncache.signals.Subscription;
import io.regioncache.signals.guava.Events.Audited;
import io.regioncache.signals.guava.Events.CustomerSaved;
import io.regioncache.signals.guava.Events.OrderEvent;
import io.regioncache.signals.guava.Events.OrderPlaced;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GuavaSignalsTest {

    private final EventBus bus = new EventBus("orders-bus");

    @Test
    void firesForTheTypeAndItsSubtypesWithTheEventAsPayload() {
        Signal signal = GuavaSignals.on(bus, OrderEvent.class);
        List<SignalEvent> received = new CopyOnWriteArrayList<>();
        OrderEvent event = new OrderEvent("1");
        OrderPlaced subtype = new OrderPlaced("2");

        try (Subscription ignored = signal.subscribe(received::add)) {
            bus.post(event);
            bus.post(new CustomerSaved("3"));
            bus.post("not an order");
            bus.post(subtype);
        }

        assertThat(signal.name()).isEqualTo("guava:orders-bus:" + OrderEvent.class.getName());
        assertThat(received).extracting(SignalEvent::payload).containsExactly(event, subtype);
        assertThat(received).allSatisfy(e -> {
            assertThat(e.signal()).isEqualTo(signal.name());
            assertThat(e.key()).isNull();
        });
    }

    @Test
    void bindingOnObjectGetsEachEventOnceAndNotTheDeadEventTheLibraryPostsForIt() {
        List<Object> onObject = new CopyOnWriteArrayList<>();
        List<Object> onDeadEvent = new CopyOnWriteArrayList<>();
        DeadEvent postedByTheApplication = new DeadEvent(this, "posted by hand");

        try (Subscription all = GuavaSignals.on(bus, Object.class).subscribe(e -> onObject.add(e.payload()));
             Subscription dead = GuavaSignals.on(bus, DeadEvent.class).subscribe(e -> onDeadEvent.add(e.payload()))) {
            bus.post("no subscriber of its own");
            bus.post(postedByTheApplication);
        }

        assertThat(onObject).containsExactly("no subscriber of its own", postedByTheApplication);
        assertThat(onDeadEvent).hasSize(2).element(0).isInstanceOfSatisfying(DeadEvent.class,
                d -> assertThat(d.getEvent()).isEqualTo("no subscriber of its own"));
        assertThat(onDeadEvent.get(1)).isSameAs(postedByTheApplication);
    }

    @Test
    void anInterfaceTypeFiresForItsImplementations() {
        List<Object> received = new CopyOnWriteArrayList<>();
        OrderPlaced audited = new OrderPlaced("1");

        try (Subscription ignored = GuavaSignals.on(bus, Audited.class).subscribe(e -> received.add(e.payload()))) {
            bus.post(new OrderEvent("2"));
            bus.post(audited);
        }

        assertThat(received).containsExactly(audited);
    }

    @Test
    void signalsOnDifferentBusesAreIndependent() {
        EventBus other = new EventBus("other-bus");
        List<Object> received = new CopyOnWriteArrayList<>();
        Signal onOther = GuavaSignals.on(other, OrderEvent.class);

        try (Subscription ignored = onOther.subscribe(e -> received.add(e.payload()))) {
            bus.post(new OrderEvent("1"));
        }

        assertThat(received).isEmpty();
        assertThat(onOther.name()).isNotEqualTo(GuavaSignals.on(bus, OrderEvent.class).name());
    }

    @Test
    void registersOneSubscriberPerBusOnlyWhileSubscriptionsAreOpen() {
        Signal orders = GuavaSignals.on(bus, OrderEvent.class);
        Signal customers = GuavaSignals.on(bus, CustomerSaved.class);
        assertThat(BusSubscribers.targetsOf(bus, new Object())).as("after on()").isEmpty();

        Subscription first = orders.subscribe(e -> { });
        Subscription second = customers.subscribe(e -> { });
        Subscription third = orders.subscribe(e -> { });
        assertThat(BusSubscribers.targetsOf(bus, new Object())).as("while subscribed").singleElement()
                .isInstanceOf(BusTap.class);

        first.close();
        second.close();
        assertThat(BusTaps.registeredOn(bus)).as("with one subscription left").isTrue();
        third.close();

        assertThat(BusTaps.registeredOn(bus)).isFalse();
        assertThat(BusSubscribers.targetsOf(bus, new Object())).as("after the last close").isEmpty();
    }

    @Test
    void concurrentSubscribesAndClosesLeaveTheBusAsItWas() throws Exception {
        Signal signal = GuavaSignals.on(bus, OrderEvent.class);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                work.add(threads.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        try (Subscription ignored = signal.subscribe(e -> { })) {
                            bus.post(new OrderEvent(Integer.toString(i)));
                        }
                    }
                }));
            }
            for (Future<?> done : work) {
                done.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdown();
            assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(BusTaps.registeredOn(bus)).isFalse();
        assertThat(BusSubscribers.targetsOf(bus, new OrderEvent("x"))).isEmpty();
    }

    @Test
    void rejectsBadArguments() {
        assertThatNullPointerException().isThrownBy(() -> GuavaSignals.on(null, OrderEvent.class)).withMessage("bus");
        assertThatNullPointerException().isThrownBy(() -> GuavaSignals.on(bus, null)).withMessage("eventType");
        assertThatIllegalArgumentException().isThrownBy(() -> GuavaSignals.on(bus, int.class))
                .withMessageContaining("primitive type int");
    }
}
