package io.migrate.cli;

import io.migrate.api.JdbcUrl;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A connection URL as users have it: a JDBC URL ({@code jdbc:postgresql://host/db?user=…}), or the
 * URL a Prisma or Node project keeps in its {@code .env}
 * ({@code postgresql://user:pass@host:5432/db?schema=public&sslmode=require}, also {@code postgres://}).
 * The latter becomes a pgjdbc URL; its {@code schema} parameter is kept aside, since Prisma uses it
 * as the migrations' schema, and its other parameters are given their pgjdbc names where pgjdbc has
 * the same setting. User and password are taken out of every form so that they travel as connection
 * properties and can be masked.
 */
record DatabaseUrl(String jdbcUrl, String user, String password, String schema, List<String> secrets) {

    /** Prisma parameters that configure its own engine or pool; pgjdbc has nothing to do with them. */
    private static final List<String> PRISMA_ONLY = List.of("schema", "connection_limit", "pool_timeout", "pgbouncer",
            "statement_cache_size", "socket_timeout_ms");

    static DatabaseUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new UsageException("No database URL: pass --url, or set DATABASE_URL, MIGRATE_URL or url in "
                    + "migrate.properties (e.g. postgresql://user:password@localhost:5432/app)");
        }
        String u = url.strip();
        if (u.startsWith("jdbc:")) {
            return jdbc(u);
        }
        if (u.startsWith("postgresql://") || u.startsWith("postgres://")) {
            return node(u);
        }
        throw new UsageException("The database URL " + masked(u) + " is not a JDBC URL (jdbc:postgresql://…) "
                + "nor a postgresql:// or postgres:// URL");
    }

    /**
     * The URL up to the database name, without user information or parameters: safe to show. The
     * user information is cut at its last '@' first, so that a password holding an '@' that was not
     * percent-encoded does not leave its tail behind; the library's redaction does the rest.
     */
    static String masked(String url) {
        int end = url.length();
        for (char c : new char[] {'?', ';'}) {
            int at = url.indexOf(c);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        int authority = url.indexOf("//");
        int userInfoEnd = url.lastIndexOf('@', end - 1);
        return JdbcUrl.redacted(authority >= 0 && userInfoEnd > authority
                ? url.substring(0, authority + 2) + url.substring(userInfoEnd + 1) : url);
    }

    private static DatabaseUrl jdbc(String url) {
        int query = url.indexOf('?');
        String user = null;
        String password = null;
        List<String> secrets = new ArrayList<>();
        StringBuilder kept = new StringBuilder();
        String base = query < 0 ? url : url.substring(0, query);
        if (query >= 0) {
            for (String pair : url.substring(query + 1).split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                if (key.equals("user")) {
                    user = decode(value);
                } else if (key.equals("password")) {
                    password = decode(value);
                    secrets.add(value);
                    secrets.add(password);
                } else if (!pair.isEmpty()) {
                    if (key.equals("sslpassword")) {
                        secrets.add(value);
                        secrets.add(decode(value));
                    }
                    kept.append(kept.length() == 0 ? "?" : "&").append(pair);
                }
            }
        }
        return new DatabaseUrl(base + kept, user, password, null, secrets);
    }

    private static DatabaseUrl node(String url) {
        String rest = url.substring(url.indexOf("://") + 3);
        int query = rest.indexOf('?');
        String params = query < 0 ? "" : rest.substring(query + 1);
        String beforeQuery = query < 0 ? rest : rest.substring(0, query);
        int at = beforeQuery.lastIndexOf('@');
        String userInfo = at < 0 ? null : beforeQuery.substring(0, at);
        String hostAndPath = at < 0 ? beforeQuery : beforeQuery.substring(at + 1);
        int slash = hostAndPath.indexOf('/');
        String hosts = slash < 0 ? hostAndPath : hostAndPath.substring(0, slash);
        String database = slash < 0 ? "" : decode(hostAndPath.substring(slash + 1));
        List<String> secrets = new ArrayList<>();
        String user = null;
        String password = null;
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            if (colon >= 0) {
                secrets.add(userInfo.substring(colon + 1));
                password = decode(userInfo.substring(colon + 1));
            }
        }
        Map<String, String> jdbcParams = new LinkedHashMap<>();
        String schema = null;
        for (String pair : params.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            switch (key) {
                case "schema" -> schema = value;
                case "user" -> user = value;
                case "password" -> {
                    password = value;
                    secrets.add(pair.substring(eq + 1));
                }
                case "host" -> throw new UsageException("The database URL " + masked(url) + " names a Unix socket "
                        + "(host=" + value + "); connect over TCP instead, e.g. postgresql://user@localhost:5432/db");
                case "connect_timeout" -> jdbcParams.put("connectTimeout", value);
                case "socket_timeout" -> jdbcParams.put("socketTimeout", value);
                case "application_name" -> jdbcParams.put("ApplicationName", value);
                case "sslidentity" -> jdbcParams.put("sslkey", value);
                case "sslaccept" -> {
                    if (value.equals("accept_invalid_certs")) {
                        jdbcParams.put("sslfactory", "org.postgresql.ssl.NonValidatingFactory");
                    }
                }
                case "target_session_attrs" -> jdbcParams.put("targetServerType",
                        value.equals("read-write") ? "primary" : value);
                default -> {
                    if (key.equals("sslpassword")) {
                        secrets.add(value);
                        secrets.add(pair.substring(eq + 1));
                    }
                    if (!PRISMA_ONLY.contains(key)) {
                        jdbcParams.put(key, value);
                    }
                }
            }
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(hosts).append('/').append(encode(database));
        char separator = '?';
        for (Map.Entry<String, String> p : jdbcParams.entrySet()) {
            jdbc.append(separator).append(encode(p.getKey())).append('=').append(encode(p.getValue()));
            separator = '&';
        }
        if (password != null) {
            secrets.add(password);
        }
        return new DatabaseUrl(jdbc.toString(), user, password, schema, secrets);
    }

    /** Percent-decoding as in URLs' user information and paths: a '+' stays a '+'. */
    static String decode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (Character.isLetterOrDigit(c) && c < 128 || "-._~/:,".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
