package org.observatory.ixp.common;

import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.observatory.common.lock.JobLock;

/** The database lock that keeps imports, registry reloads and statistics runs on one replica at a time. */
public class Locks {

    /** One name for every job that writes history: they read and rewrite the same derived tables. */
    public static final String HISTORY = "ixp-history";

    @Produces
    @ApplicationScoped
    JobLock jobLock(Pool pool) {
        return new JobLock(pool);
    }
}
