package io.regioncache.signals.redis.streams;

/**
 * Notices entries removed from a stream (trimmed by {@code MAXLEN}, or deleted) before a reader
 * read them, which Redis itself passes over in silence: {@code XREADGROUP} simply returns the next
 * entry that still exists.
 *
 * <p>Redis counts the entries ever added to a stream ({@code entries-added}) and, per group, the
 * entries the group has read ({@code entries-read}); a reader without a group counts its own. As
 * trimming removes the oldest entries first, {@code entries-added - length} entries are gone, and
 * if that is more than the reader has read, some of the gone ones were never read. Once the group
 * reads past the gap, its {@code entries-read} stays behind by the gap's size, so a check made
 * after the fact still sees it. Each such shortfall is reported once: a larger one again. An entry
 * removed by {@code XDEL} behind the reader's position (the stream's {@code max-deleted-entry-id})
 * is reported the same way. A shortfall can also be reported when nothing was lost (a group whose
 * counter another tool reset), which costs one purge too many, never one too few.
 */
final class TrimWatch {

    private long reportedShortfall;
    private String reportedDeletion = EntryIds.ZERO;

    /** Forgets what was reported, when the reader starts over at a new position. */
    void reset() {
        reportedShortfall = 0;
        reportedDeletion = EntryIds.ZERO;
    }

    /**
     * @param entriesRead how many entries the reader has read, as Redis counts them; null if unknown
     * @param position    the newest entry the reader (or its group) has read
     * @return why entries may have been lost since the last report, or null if none were
     */
    String check(StreamInfo.Stream stream, Long entriesRead, String position) {
        if (entriesRead != null) {
            long shortfall = stream.removed() - entriesRead;
            if (shortfall > reportedShortfall) {
                reportedShortfall = shortfall;
                return shortfall + " entries were trimmed from the stream before they were read";
            }
        }
        String deleted = stream.maxDeletedId();
        if (EntryIds.compare(deleted, position) > 0 && EntryIds.compare(deleted, reportedDeletion) > 0) {
            reportedDeletion = deleted;
            return "entry " + deleted + " was deleted from the stream before it was read";
        }
        return null;
    }
}
