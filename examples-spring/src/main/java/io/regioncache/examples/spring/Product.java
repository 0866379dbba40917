package io.regioncache.examples.spring;

import java.io.Serializable;

/**
 * A product as the catalog's database returns it. Serializable for the default codec, and
 * allowed by the {@code serial-filter} of region {@code catalog} in {@code application.properties}.
 */
public record Product(long id, String name) implements Serializable {
}
