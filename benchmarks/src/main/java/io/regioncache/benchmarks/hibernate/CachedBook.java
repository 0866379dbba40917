package io.regioncache.benchmarks.hibernate;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;

/**
 * The entity {@code HibernateSecondLevelBenchmark} finds: cacheable in the second level when the
 * session factory has it on, a plain row read otherwise. It has no association, so that the read
 * it is measured against is one single-table select.
 */
@Entity
@Cacheable
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
public class CachedBook {

    @Id
    private Long id;

    private String title;

    /** For Hibernate. */
    protected CachedBook() {
    }

    /**
     * A book to persist.
     *
     * @param id its key
     * @param title its title
     */
    public CachedBook(Long id, String title) {
        this.id = id;
        this.title = title;
    }

    /**
     * The title, what the benchmark reads.
     *
     * @return the title
     */
    public String getTitle() {
        return title;
    }
}
