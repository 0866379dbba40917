package io.regioncache.spring;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Import;

/** The application the Spring tests start: auto-configuration, caching and one cached service. */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableCaching
@Import(Directory.class)
public class CachingApplication {
}
