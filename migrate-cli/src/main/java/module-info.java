/** The {@code migrate} command line; it exports nothing, since none of it is API. */
module io.migrate.cli {
    requires io.migrate.core;
    requires info.picocli;

    opens io.migrate.cli to info.picocli;
}
