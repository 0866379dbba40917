package io.regioncache.history;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A read the model forbids, with the operations that show why (the offending sub-history).
 *
 * @param rule     which rule it breaks, in words
 * @param read     the offending operation
 * @param evidence the operations that forbid its result, in start order
 */
public record Violation(String rule, Op read, List<Op> evidence) {

    @Override
    public String toString() {
        return rule + "\n  read:     " + read + evidence.stream().map(op -> "\n  evidence: " + op).collect(Collectors.joining());
    }
}
