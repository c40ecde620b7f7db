package io.migrate.tck;

import io.migrate.api.LockTimeoutException;
import io.migrate.spi.DatabaseLock;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;

import static io.migrate.tck.Kit.spi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@link io.migrate.spi.Dialect#lock}: exclusive across connections, bounded wait, tied to the session. */
public interface LockContract extends DialectKit {

    @Test
    default void isExclusiveAndWaitsNoLongerThanTheTimeout() throws Exception {
        try (Kit kit = Kit.open(this); Connection holder = kit.db.connect(); Connection other = kit.db.connect()) {
            String schema = dialect().currentSchema(holder);
            try (DatabaseLock lock = dialect().lock(holder, schema, "_migrations", Duration.ofSeconds(5))) {
                assertThat(holder.getAutoCommit()).as(spi("lock", "the connection left in auto-commit")).isTrue();
                long start = System.nanoTime();
                LockTimeoutException e = catchThrowableOfType(LockTimeoutException.class,
                        () -> dialect().lock(other, schema, "_migrations", Duration.ofMillis(400)).close());
                long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
                assertThat(e).as(spi("lock", "a LockTimeoutException while another connection holds the lock")).isNotNull();
                assertThat(waited).as(spi("lock", "a wait of about the timeout (400 ms)")).isBetween(350L, 5_000L);
                if (sql().sessionId() != null && sql().holderNamed()) {
                    assertThat(e.getMessage()).as(spi("lock", "a message that names the holder's session "
                            + kit.sessionId(holder))).contains(Long.toString(kit.sessionId(holder)));
                }
                try (DatabaseLock elsewhere = dialect().lock(other, schema, "_other_history", Duration.ofMillis(400))) {
                    assertThat(elsewhere).as(spi("lock", "an independent lock for another history table")).isNotNull();
                }
            }
            try (DatabaseLock lock = dialect().lock(other, schema, "_migrations", Duration.ofMillis(400))) {
                assertThat(lock).as(spi("lock", "a lock that closing its handle released")).isNotNull();
            }
        }
    }

    @Test
    default void isReleasedWhenTheHoldingSessionDies() throws Exception {
        if (sql().sessionId() == null || sql().kill() == null) {
            return;
        }
        try (Kit kit = Kit.open(this); Connection holder = kit.db.connect(); Connection other = kit.db.connect()) {
            String schema = dialect().currentSchema(holder);
            dialect().lock(holder, schema, "_migrations", Duration.ofSeconds(5));
            kit.execute(sql().kill().apply(kit.sessionId(holder)));
            try (DatabaseLock lock = dialect().lock(other, schema, "_migrations", Duration.ofSeconds(10))) {
                assertThat(lock).as(spi("lock", "a lock tied to the session, released by the server when it ends"))
                        .isNotNull();
            }
        }
    }
}
