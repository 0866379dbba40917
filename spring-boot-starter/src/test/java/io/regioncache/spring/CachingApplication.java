package io.regioncache.spring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The application the Spring tests start: auto-configuration, caching, one cached service, and
 * a meter registry as a monitoring system would bring (Boot's tests export no metrics by default).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableCaching
@Import(Directory.class)
public class CachingApplication {

    @Bean
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }
}
