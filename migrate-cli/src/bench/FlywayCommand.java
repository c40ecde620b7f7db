import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * What `flyway info` and `flyway migrate` do, through Flyway's API in a fresh JVM: the stand-in for
 * Flyway's command line, which is not runnable from Maven Central. It skips the command line's own
 * start-up (configuration files, plugin discovery, argument parsing), so it is faster than the real
 * `flyway` command: a ratio against it understates the lead.
 *
 * java -cp <classes>:<flyway class path> FlywayCommand info|migrate LOCATION   (URL, user, password from FLYWAY_URL, FLYWAY_USER, FLYWAY_PASSWORD)
 */
public final class FlywayCommand {
    public static void main(String[] args) {
        Flyway flyway = Flyway.configure()
                .dataSource(System.getenv("FLYWAY_URL"), System.getenv("FLYWAY_USER"), System.getenv("FLYWAY_PASSWORD"))
                .locations(args[1])
                .load();
        if (args[0].equals("info")) {
            for (MigrationInfo info : flyway.info().all()) {
                System.out.println(info.getVersion() + " " + info.getDescription() + " " + info.getState().getDisplayName());
            }
        } else {
            MigrateResult result = flyway.migrate();
            System.out.println("Applied " + result.migrationsExecuted);
        }
    }
}
