package io.regioncache.benchmarks;

import java.util.Random;

/** Values the benchmarks store: random bytes, so that no layer can compress or intern them. */
final class Payloads {

    private Payloads() {
    }

    static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
