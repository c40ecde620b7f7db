package io.migrate.testkit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LeftoversIT {

    private final PostgresServer server = PostgresServer.shared();
    private final List<String> created = new ArrayList<>();
    private final List<Leftovers> runs = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        runs.forEach(Leftovers::release);
        created.forEach(server::dropDatabase);
    }

    /** What a later run does when it starts. */
    private List<String> laterRunSweeps() {
        Leftovers run = Leftovers.claim(server);
        runs.add(run);
        return run.sweep();
    }

    private String create(String name) {
        server.execute("CREATE DATABASE " + PostgresServer.quote(name));
        created.add(name);
        return name;
    }

    private void comment(String database, String text) {
        server.execute("COMMENT ON DATABASE " + PostgresServer.quote(database) + " IS '" + text + "'");
    }

    private static String freeTag() {
        return Leftovers.tag((int) (Math.random() * Integer.MAX_VALUE));
    }

    @Test
    void theDatabasesOfEndedRunsAreSweptAndThoseOfLiveRunsAndFreshFailuresKept() throws Exception {
        String dead = freeTag();
        String live = freeTag();
        String deadClone = create("mtk_db_" + dead + "_1");
        String deadBuild = create("mtk_build_" + dead + "_0123456789ab");
        String keptRecently = create("mtk_db_" + dead + "_2");
        comment(keptRecently, Leftovers.KEPT_COMMENT + Instant.now().getEpochSecond() + " SomeIT#fails");
        String keptLongAgo = create("mtk_db_" + dead + "_3");
        comment(keptLongAgo, Leftovers.KEPT_COMMENT + Instant.now().minusSeconds(25 * 3600).getEpochSecond() + " OldIT#fails");
        String liveClone = create("mtk_db_" + live + "_1");
        String unrelated = create("mtk_other_" + dead + "_1");

        try (Connection liveRun = server.connect(server.adminDatabase())) {
            // the lock a live run holds on its tag, as Leftovers.claim takes it
            assertThat(PostgresServer.tryLock(liveRun, Leftovers.RUN_LOCKS, live)).isNotNull();

            List<String> swept = laterRunSweeps();

            assertThat(swept).doesNotContain(keptRecently, liveClone, unrelated);
            for (String name : List.of(keptRecently, liveClone, unrelated)) {
                assertThat(TestServers.exists(server, name)).as(name).isTrue();
            }
            for (String name : List.of(deadClone, deadBuild, keptLongAgo)) {
                assertThat(TestServers.exists(server, name)).as(name).isFalse();
            }
        }
        // The live run ended when its session closed: now its database goes too.
        assertThat(laterRunSweeps()).doesNotContain(keptRecently);
        assertThat(TestServers.exists(server, liveClone)).isFalse();
        assertThat(TestServers.exists(server, keptRecently)).isTrue();
    }

    @Test
    void aKilledJvmsDatabaseIsSweptByTheNextRun() throws Exception {
        String name;
        try (ChildJvm child = ChildJvm.start(TestServers.sameServerArguments(), Map.of(), "hold", "classpath:db")) {
            String line = child.awaitLine("HOLDING ", 120);
            assertThat(line).as(child.output()).isNotNull();
            name = line.substring("HOLDING ".length()).strip();
            assertThat(TestServers.exists(server, name)).isTrue();
            child.kill();
        }
        created.add(name);

        // The killed JVM's session may take a moment to end on the server.
        boolean gone = false;
        for (int i = 0; i < 100 && !gone; i++) {
            laterRunSweeps();
            gone = !TestServers.exists(server, name);
            Thread.sleep(gone ? 0 : 100);
        }
        assertThat(gone).as("%s is swept", name).isTrue();
    }
}
