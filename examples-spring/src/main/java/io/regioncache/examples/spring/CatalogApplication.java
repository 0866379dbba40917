package io.regioncache.examples.spring;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot application whose catalog service caches with {@code @Cacheable} in the nested
 * regions {@code catalog.products} and {@code catalog.prices}, configured in {@code
 * application.properties}: in memory by default, on Redis with the {@code redis} profile.
 * Run it from the repository root with {@code ./mvnw -q -B -pl examples-spring -am compile exec:java}.
 */
@SpringBootApplication
@EnableCaching
public class CatalogApplication {

    /** Starts the application, which takes the tour and exits. */
    public static void main(String[] args) {
        SpringApplication.exit(SpringApplication.run(CatalogApplication.class, args));
    }

    /** Prints each step of the tour as it runs. */
    @Bean
    CommandLineRunner tour(CatalogTour tour) {
        return args -> tour.run().forEach(System.out::println);
    }
}
