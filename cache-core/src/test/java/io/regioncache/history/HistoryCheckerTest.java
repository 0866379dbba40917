package io.regioncache.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.regioncache.history.Op.Kind;
import io.regioncache.history.Op.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker itself: constructed histories, each breaking one rule or keeping it by a hair. */
class HistoryCheckerTest {

    private static Op put(String region, String key, String value, long start, long end) {
        return new Op(0, Kind.PUT, region, key, value, null, Outcome.OK, start, end, 0, 0);
    }

    private static Op get(String region, String key, String result, long start, long end) {
        return new Op(1, Kind.GET, region, key, null, result, Outcome.OK, start, end, 0, 0);
    }

    private static Op invalidate(String region, long start, long end) {
        return new Op(2, Kind.INVALIDATE, region, null, null, null, Outcome.OK, start, end, 0, 0);
    }

    private static Op load(String region, String key, String value, long start, long loaderStart, long loaderEnd, long end) {
        return new Op(3, Kind.GET_OR_COMPUTE, region, key, value, value, Outcome.OK, start, end, loaderStart, loaderEnd);
    }

    @Test
    void aReadOfAValuePurgedBeforeItBeganIsCaught() {
        List<Violation> violations = HistoryChecker.check(List.of(
                put("h.a", "k", "v1", 0, 10), invalidate("h", 20, 30), get("h.a", "k", "v1", 40, 50)));

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.rule()).contains("made unreachable");
            assertThat(violation.evidence()).extracting(Op::kind).containsExactly(Kind.PUT, Kind.INVALIDATE);
            assertThat(violation.toString()).contains("invalidate()", "get(k) -> v1", "put(k, v1)");
        });
    }

    @Test
    void aPurgeStillRunningWhenTheReadBeganForbidsNothing() {
        assertThat(HistoryChecker.check(List.of(
                put("h.a", "k", "v1", 0, 10), invalidate("h", 20, 45), get("h.a", "k", "v1", 40, 50)))).isEmpty();
    }

    @Test
    void aPurgeOfASiblingForbidsNothing() {
        assertThat(HistoryChecker.check(List.of(
                put("h.a", "k", "v1", 0, 10), invalidate("h.b", 20, 30), invalidate("h.a.x", 20, 30),
                get("h.a", "k", "v1", 40, 50)))).isEmpty();
    }

    @Test
    void aReadOfAnOverwrittenValueIsCaught() {
        assertThat(HistoryChecker.check(List.of(
                put("h", "k", "v1", 0, 10), put("h", "k", "v2", 20, 30), get("h", "k", "v1", 40, 50))))
                .singleElement().extracting(Violation::rule).asString().contains("made unreachable");
    }

    @Test
    void aValueSeenGoneCannotComeBack() {
        assertThat(HistoryChecker.check(List.of(
                put("h", "k", "v1", 0, 10), get("h", "k", null, 20, 30), get("h", "k", "v1", 40, 50))))
                .singleElement().satisfies(violation -> assertThat(violation.evidence()).hasSize(2));
    }

    @Test
    void anUncertainWriteMayLandAfterAPurge() {
        Op timedOut = new Op(0, Kind.PUT, "h", "k", "v1", null, Outcome.UNKNOWN, 0, 10, 0, 0);

        assertThat(HistoryChecker.check(List.of(timedOut, invalidate("h", 20, 30), get("h", "k", "v1", 40, 50)))).isEmpty();
    }

    @Test
    void aLoadWhoseLoaderSpannedAPurgeIsNeverReadAfterwards() {
        List<Violation> violations = HistoryChecker.check(List.of(
                load("h.a", "k", "v1", 0, 10, 50, 60), invalidate("h", 20, 30), get("h.a", "k", "v1", 70, 80)));

        assertThat(violations).singleElement().extracting(Violation::rule).asString().contains("overlapped a purge");
    }

    @Test
    void aLoadWhoseLoaderStartedAfterThePurgeBeganMayBeStored() {
        assertThat(HistoryChecker.check(List.of(
                load("h.a", "k", "v1", 0, 10, 50, 60), invalidate("h", 5, 30), get("h.a", "k", "v1", 70, 80)))).isEmpty();
    }

    @Test
    void aValueNobodyWroteIsCaught() {
        assertThat(HistoryChecker.check(List.of(put("h", "k", "v1", 0, 10), get("h", "k", "v9", 20, 30))))
                .singleElement().extracting(Violation::rule).asString().contains("nobody");
    }

    @Test
    void aValueOfAnotherKeyIsCaught() {
        assertThat(HistoryChecker.check(List.of(put("h", "k", "v1", 0, 10), get("h", "other", "v1", 20, 30))))
                .singleElement().extracting(Violation::rule).asString().contains("another region or key");
    }

    @Test
    void anExceptionOutsideTheContractIsAViolation() {
        Op failed = new Op(0, Kind.GET, "h", "k", null, "java.lang.ClassCastException", Outcome.UNEXPECTED, 0, 10, 0, 0);

        assertThat(HistoryChecker.check(List.of(failed))).singleElement()
                .extracting(Violation::rule).asString().contains("ClassCastException");
    }
}
