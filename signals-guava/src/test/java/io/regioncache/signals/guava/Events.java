package io.regioncache.signals.guava;

/** Event types for the tests: a small hierarchy with an interface, and an unrelated type. */
final class Events {

    private Events() {
    }

    interface Audited {
    }

    static class OrderEvent {
        private final String id;

        OrderEvent(String id) {
            this.id = id;
        }

        @Override
        public String toString() {
            return getClass().getSimpleName() + "(" + id + ")";
        }
    }

    static final class OrderPlaced extends OrderEvent implements Audited {
        OrderPlaced(String id) {
            super(id);
        }
    }

    record CustomerSaved(String id) {
    }
}
