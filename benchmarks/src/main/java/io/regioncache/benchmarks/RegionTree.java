package io.regioncache.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of the tree that case 4 purges: a top region, its children and their children, every
 * region holding the same number of entries. Names are fully qualified, as Redis sees them.
 *
 * @param top the fully qualified name of the region that is purged
 * @param children how many children the top region has
 * @param grandchildren how many children each child has
 * @param entriesPerRegion how many entries every region holds
 */
record RegionTree(String top, int children, int grandchildren, int entriesPerRegion) {

    /** 1 + 9 + 9 x 110 = 1,000 regions of 100 entries: the 100k entries of the purge case (case 4). */
    static RegionTree issueShape(String top) {
        return new RegionTree(top, 9, 110, 100);
    }

    int regionCount() {
        return 1 + children + children * grandchildren;
    }

    int entryCount() {
        return regionCount() * entriesPerRegion;
    }

    /** Every region, parents before their children. */
    List<String> regions() {
        List<String> names = new ArrayList<>(regionCount());
        names.add(top);
        for (int c = 0; c < children; c++) {
            names.add(child(c));
        }
        for (int c = 0; c < children; c++) {
            for (int g = 0; g < grandchildren; g++) {
                names.add(child(c) + ".g" + g);
            }
        }
        return names;
    }

    /** The entries each region holds: keys {@code k0, k1, ...}, all with {@code value}. */
    Map<String, byte[]> entries(byte[] value) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < entriesPerRegion; i++) {
            entries.put("k" + i, value);
        }
        return entries;
    }

    private String child(int c) {
        return top + ".c" + c;
    }
}
