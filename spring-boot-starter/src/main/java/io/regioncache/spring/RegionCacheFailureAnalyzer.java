package io.regioncache.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link RegionCacheConfigurationException} into Boot's "what went wrong / what to do" report. */
final class RegionCacheFailureAnalyzer extends AbstractFailureAnalyzer<RegionCacheConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RegionCacheConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
