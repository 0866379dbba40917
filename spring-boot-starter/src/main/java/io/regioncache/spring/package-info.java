/**
 * Spring Boot integration: {@link io.regioncache.spring.RegionCacheManager} puts Spring's
 * {@code @Cacheable} on regions, and the auto-configuration builds the cache, the manager, the
 * signal bindings and a health indicator from {@code region-cache.*} properties.
 */
package io.regioncache.spring;
