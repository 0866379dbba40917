package io.regioncache.history;

import io.regioncache.history.Op.Kind;
import io.regioncache.history.Op.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Checks a history against the cache's model. Every value written is unique, so a read's result
 * names the operation that wrote it. A read (a {@code get}, or a {@code getOrCompute} that
 * returned a value it did not load) that returned value {@code v} written by {@code w} violates
 * the model if:
 * <ol>
 *   <li>no operation that began before the read ended wrote {@code v}, or {@code w} wrote another
 *       region or key (a phantom);</li>
 *   <li>{@code v} was loaded by a {@code getOrCompute} whose loader ran across the whole of a
 *       certain invalidation of its region or an ancestor, or a certain remove in its region: the
 *       cache read the generation tokens before calling the loader and sends the store after it
 *       returned, so that store must have been refused, whenever it reached Redis;</li>
 *   <li>{@code w} certainly completed, and an operation that began after {@code w} ended and
 *       completed before the read began certainly made {@code v} unreachable: an invalidation of
 *       the region or an ancestor, a put or remove of the key, or a read of the key that saw
 *       something else (a value is never written twice, so once gone it stays gone).</li>
 * </ol>
 * Operations that may or may not have taken effect (timeouts, degraded calls) never serve as
 * evidence, and their own writes may land at any time after they began. An operation that threw
 * an exception its contract does not allow is a violation by itself.
 */
public final class HistoryChecker {

    private static final Comparator<Op> BY_START = Comparator.comparingLong(Op::start);

    private final Map<String, Op> writers = new HashMap<>();
    /** Certain operations on one key of one region, by start. */
    private final Map<String, List<Op>> byRegionAndKey = new HashMap<>();
    /** Certain invalidations of a region or any ancestor, by the region they affect, by start. */
    private final Map<String, List<Op>> invalidationsAffecting = new HashMap<>();
    /** Certain removes in a region, by start. */
    private final Map<String, List<Op>> removesIn = new HashMap<>();

    private HistoryChecker(List<Op> history) {
        List<Op> invalidations = new ArrayList<>();
        for (Op op : history) {
            if (op.written() != null) {
                writers.put(op.written(), op);
            }
            if (op.outcome() != Outcome.OK) {
                continue;
            }
            if (op.kind() == Kind.INVALIDATE) {
                invalidations.add(op);
            } else {
                byRegionAndKey.computeIfAbsent(op.region() + "\n" + op.key(), k -> new ArrayList<>()).add(op);
                if (op.kind() == Kind.REMOVE) {
                    removesIn.computeIfAbsent(op.region(), k -> new ArrayList<>()).add(op);
                }
            }
        }
        history.stream().map(Op::region).distinct().forEach(region -> invalidationsAffecting.put(region,
                invalidations.stream().filter(purge -> purge.isAncestorOrSelfOf(region)).toList()));
        byRegionAndKey.replaceAll((key, ops) -> sorted(ops));
        removesIn.replaceAll((key, ops) -> sorted(ops));
        invalidationsAffecting.replaceAll((key, ops) -> sorted(ops));
    }

    private static List<Op> sorted(List<Op> ops) {
        List<Op> copy = new ArrayList<>(ops);
        copy.sort(BY_START);
        return copy;
    }

    /** The violations of {@code history}, in the order of the offending operations' starts. */
    public static List<Violation> check(List<Op> history) {
        HistoryChecker checker = new HistoryChecker(history);
        List<Violation> violations = new ArrayList<>();
        history.stream().sorted(BY_START).forEach(op -> {
            if (op.outcome() == Outcome.UNEXPECTED) {
                violations.add(new Violation("an exception the contract does not allow: " + op.result(), op, List.of()));
            } else if (op.readFromStore()) {
                checker.checkRead(op).ifPresent(violations::add);
            }
        });
        return violations;
    }

    private Optional<Violation> checkRead(Op read) {
        Op writer = writers.get(read.result());
        if (writer == null || writer.start() > read.end()) {
            return Optional.of(new Violation("a value nobody had started writing", read,
                    writer == null ? List.of() : List.of(writer)));
        }
        if (!writer.region().equals(read.region()) || !writer.key().equals(read.key())) {
            return Optional.of(new Violation("a value written to another region or key", read, List.of(writer)));
        }
        Optional<Op> refusal = refusalOf(writer);
        if (refusal.isPresent()) {
            return Optional.of(new Violation("a getOrCompute load that overlapped a purge of its region, read afterwards",
                    read, List.of(writer, refusal.get())));
        }
        if (writer.outcome() != Outcome.OK) {
            return Optional.empty();
        }
        return unreachableBetween(writer, read).map(wiper -> new Violation(
                "a value made unreachable by an operation that completed before the read began", read, List.of(writer, wiper)));
    }

    /** A certain purge that ran entirely while {@code writer}'s loader ran, if any. */
    private Optional<Op> refusalOf(Op writer) {
        if (writer.kind() != Kind.GET_OR_COMPUTE || !writer.loaded()) {
            return Optional.empty();
        }
        return within(invalidationsAffecting.get(writer.region()), writer.loaderStart(), writer.loaderEnd(), op -> true)
                .or(() -> within(removesIn.get(writer.region()), writer.loaderStart(), writer.loaderEnd(), op -> true));
    }

    private Optional<Op> unreachableBetween(Op writer, Op read) {
        return within(invalidationsAffecting.get(read.region()), writer.end(), read.start(), op -> true)
                .or(() -> within(byRegionAndKey.get(read.region() + "\n" + read.key()), writer.end(), read.start(),
                        op -> switch (op.kind()) {
                            case PUT, REMOVE -> true;
                            case GET, GET_OR_COMPUTE -> !read.result().equals(op.result());
                            case INVALIDATE -> false;
                        }));
    }

    /** The first of {@code ops} (sorted by start) that ran entirely within (after, before) and matches. */
    private static Optional<Op> within(List<Op> ops, long after, long before, Predicate<Op> matches) {
        if (ops == null) {
            return Optional.empty();
        }
        int low = 0;
        int high = ops.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (ops.get(middle).start() > after) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        for (int i = low; i < ops.size() && ops.get(i).start() < before; i++) {
            Op op = ops.get(i);
            if (op.end() < before && matches.test(op)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }
}
