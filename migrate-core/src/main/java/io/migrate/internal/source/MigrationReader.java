package io.migrate.internal.source;

import io.migrate.api.Checksum;
import io.migrate.api.ErrorCode;
import io.migrate.api.InvalidMigrationException;
import io.migrate.api.JavaMigration;
import io.migrate.api.MigrationException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.ref.SoftReference;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the migrations of all locations into one sorted list, rejecting anything malformed before
 * a connection is opened.
 */
public final class MigrationReader {

    private static final Logger log = LoggerFactory.getLogger(MigrationReader.class);
    static final String SCRIPT = "migration.sql";
    static final String LOCK_FILE = "migration_lock.toml";
    static final String SEED_FILE = "seed.sql";
    private static final Pattern PROVIDER = Pattern.compile("^\\s*provider\\s*=\\s*\"([^\"]*)\"\\s*(#.*)?$", Pattern.MULTILINE);

    /**
     * Everything found in the locations.
     *
     * @param seed the {@code seed.sql} at the top of the first location, if there is one
     */
    public record Contents(List<Migration> migrations, Optional<Provider> provider, Optional<Seed> seed) {
    }

    /** A seed script and where it was read from. */
    public record Seed(String source, String script) {
    }

    /** The provider a {@code migration_lock.toml} declares, and where. */
    public record Provider(String name, String source) {
    }

    private MigrationReader() {
    }

    /**
     * The SQL migrations of the locations merged with the Java ones: those given, and those listed in
     * {@code META-INF/services/io.migrate.api.JavaMigration} on the class loader.
     */
    public static Contents read(List<Location> locations, ClassLoader classLoader, List<JavaMigration> registered) {
        Contents files = read(locations, classLoader);
        List<JavaMigration> code = new ArrayList<>(registered);
        Set<Class<?>> types = new HashSet<>();
        for (JavaMigration m : registered) {
            types.add(m.getClass());
        }
        try {
            for (ServiceLoader.Provider<JavaMigration> found : javaProviders(classLoader)) {
                if (types.add(found.type())) {
                    code.add(found.get());
                }
            }
        } catch (ServiceConfigurationError e) {
            throw new MigrationException(ErrorCode.INVALID_CONFIGURATION, "A Java migration listed in"
                    + " META-INF/services/io.migrate.api.JavaMigration cannot be loaded: " + e.getMessage()
                    + ". It must be a public class with a public no-argument constructor", e);
        }
        if (code.isEmpty()) {
            return files;
        }
        Map<String, Migration> byName = new TreeMap<>(MigrationNames.ORDER);
        files.migrations().forEach(m -> byName.put(m.name(), m));
        for (JavaMigration m : code) {
            Migration migration = Migration.of(m);
            MigrationNames.check(migration.name(), migration.source());
            Migration earlier = byName.putIfAbsent(migration.name(), migration);
            if (earlier != null) {
                throw new InvalidMigrationException(ErrorCode.DUPLICATE_MIGRATION, migration.source(), 0,
                        "Migration " + migration.name() + " exists twice: " + earlier.source() + " and "
                                + migration.source() + ". A name must be unique across all locations and Java migrations");
            }
        }
        return new Contents(List.copyOf(byName.values()), files.provider(), files.seed());
    }

    /**
     * The Java migrations registered on the class loader, looked up once per class loader rather
     * than on every deploy; each deploy still gets new instances. Soft, so that the class loader
     * can be collected when it is done with.
     */
    private static List<ServiceLoader.Provider<JavaMigration>> javaProviders(ClassLoader classLoader) {
        JavaProviders known = javaProviders == null ? null : javaProviders.get();
        if (known != null && known.classLoader() == classLoader) {
            return known.providers();
        }
        List<ServiceLoader.Provider<JavaMigration>> providers =
                ServiceLoader.load(JavaMigration.class, classLoader).stream().toList();
        javaProviders = new SoftReference<>(new JavaProviders(classLoader, providers));
        return providers;
    }

    private record JavaProviders(ClassLoader classLoader, List<ServiceLoader.Provider<JavaMigration>> providers) {
    }

    private static volatile SoftReference<JavaProviders> javaProviders;

    public static Contents read(List<Location> locations, ClassLoader classLoader) {
        Snapshot unchanged = Snapshot.unchanged(locations, classLoader);
        if (unchanged != null) {
            unchanged.warnings().forEach(log::warn);
            return unchanged.contents();
        }
        Snapshot.Recorder recorder = new Snapshot.Recorder();
        List<String> warnings = new ArrayList<>();
        Map<String, Migration> byName = new TreeMap<>(MigrationNames.ORDER);
        Map<String, String> folders = new HashMap<>();
        Provider provider = null;
        Seed seed = null;
        // One digest for every file: looking one up through the security providers costs more than a small file's hash.
        MessageDigest digest = Checksum.digest();
        for (Location location : locations) {
            List<LocationScanner.Found> found = LocationScanner.scan(location, classLoader, recorder);
            Map<String, LocationScanner.Found> scripts = new HashMap<>();
            for (LocationScanner.Found f : found) {
                if (f.folder() != null && SCRIPT.equals(f.file())) {
                    scripts.put(f.folder(), f);
                } else if (f.folder() == null && LOCK_FILE.equals(f.file()) && provider == null) {
                    provider = readProvider(f);
                } else if (f.folder() == null && SEED_FILE.equals(f.file()) && location.equals(locations.get(0))) {
                    seed = new Seed(f.source(), decode(readBytes(f), f.source()));
                }
            }
            String loose = looseScripts(location, found);
            if (loose != null) {
                log.warn(loose);
                warnings.add(loose);
            }
            for (LocationScanner.Found f : found) {
                if (f.file() != null) {
                    continue;
                }
                // macOS file systems hand out decomposed (NFD) names; the history holds what Prisma wrote, NFC.
                String name = nfc(f.folder());
                LocationScanner.Found script = scripts.get(f.folder());
                if (script == null) {
                    throw new InvalidMigrationException(ErrorCode.MALFORMED_MIGRATION_NAME, f.source(), 0,
                            "Migration folder " + f.source() + " has no " + SCRIPT + ": delete it or restore the file."
                                    + " Every folder in a location is a migration, so other folders belong elsewhere");
                }
                MigrationNames.check(name, f.source());
                String earlier = folders.putIfAbsent(name, script.source());
                if (earlier != null && !earlier.equals(script.source())) {
                    throw new InvalidMigrationException(ErrorCode.DUPLICATE_MIGRATION, script.source(), 0,
                            "Migration " + name + " exists twice: " + earlier + " and " + script.source()
                                    + ". A name must be unique across all locations; delete or rename one");
                }
                if (earlier == null) {
                    Migration migration = load(name, script, digest);
                    if (migration.large() != null) {
                        // Held as a path and read again whenever needed, so a repeat read checks it again too.
                        recorder.unusable();
                    }
                    byName.put(name, migration);
                }
            }
        }
        Contents contents = new Contents(List.copyOf(byName.values()), Optional.ofNullable(provider), Optional.ofNullable(seed));
        Snapshot.remember(locations, classLoader, recorder, contents, warnings);
        return contents;
    }

    /** An ASCII name is already NFC: the normaliser and its tables are loaded only for the others. */
    private static String nfc(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x80) {
                return Normalizer.normalize(name, Normalizer.Form.NFC);
            }
        }
        return name;
    }

    /** A .sql file beside the folders is no migration: the warning that says so rather than report "0 applied", or null. */
    private static String looseScripts(Location location, List<LocationScanner.Found> found) {
        List<String> loose = new ArrayList<>();
        for (LocationScanner.Found f : found) {
            if (f.folder() == null && f.file().toLowerCase(Locale.ROOT).endsWith(".sql") && !SEED_FILE.equals(f.file())) {
                loose.add(f.file());
            }
        }
        return loose.isEmpty() ? null : "Ignored " + String.join(", ", loose) + " in " + location + ": a migration is a"
                + " folder holding " + SCRIPT + " (e.g. 20260101000000_" + loose.get(0).substring(0, loose.get(0).length() - 4)
                + "/" + SCRIPT + "); move each script into a folder of its own";
    }

    private static Migration load(String name, LocationScanner.Found script, MessageDigest digest) {
        Migration known = ReadCache.get(script.identity(), name, script.source());
        if (known != null) {
            return known;
        }
        if (script.path() != null && script.size() > LargeFile.THRESHOLD) {
            LargeFile file = new LargeFile(script.path(), script.source());
            return Migration.large(name, script.source(), file, file.checksum());
        }
        byte[] bytes = readBytes(script);
        Migration read = new Migration(name, script.source(), bytes, Checksum.hex(digest.digest(bytes)),
                decode(bytes, script.source()));
        ReadCache.put(script.identity(), read);
        return read;
    }

    /** A seed script named by its own location: {@code classpath:db/seed.sql} or {@code filesystem:seed.sql}. */
    public static Seed readSeed(Location seed, ClassLoader classLoader) {
        String location = seed.toString();
        byte[] bytes;
        try {
            if (seed.kind() == Location.Kind.FILESYSTEM) {
                Path file = seed.file();
                if (!Files.isRegularFile(file)) {
                    throw new MigrationException(ErrorCode.LOCATION_NOT_FOUND, "The seed script " + location
                            + " does not exist: no file " + file);
                }
                bytes = Files.readAllBytes(file);
            } else {
                String path = seed.resourceName();
                try (InputStream in = classLoader.getResourceAsStream(path)) {
                    if (in == null) {
                        throw new MigrationException(ErrorCode.LOCATION_NOT_FOUND, "The seed script " + location
                                + " does not exist: no resource '" + path + "' on the class path");
                    }
                    bytes = in.readAllBytes();
                }
            }
        } catch (IOException e) {
            throw new InvalidMigrationException(ErrorCode.FILE_UNREADABLE, location, 0, "Cannot read " + location + ": " + e, e);
        }
        return new Seed(location, decode(bytes, location));
    }

    private static byte[] readBytes(LocationScanner.Found file) {
        try {
            return file.content().read();
        } catch (IOException e) {
            throw new InvalidMigrationException(ErrorCode.FILE_UNREADABLE, file.source(), 0,
                    "Cannot read " + file.source() + ": " + e, e);
        }
    }

    /** Strict UTF-8: a malformed byte is an error naming the file and line, never a replacement character. */
    static String decode(byte[] bytes, String source) {
        // The lenient decoder is much faster and turns every malformed sequence into U+FFFD: text without
        // one was valid. Only text holding one (malformed, or written so) goes through the strict decoder.
        String lenient = new String(bytes, StandardCharsets.UTF_8);
        if (lenient.indexOf('\uFFFD') < 0) {
            return lenient.startsWith("\uFEFF") ? lenient.substring(1) : lenient;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new InvalidMigrationException(ErrorCode.FILE_NOT_UTF8, source, line, String.format(
                    "%s is not valid UTF-8: byte 0x%02X at line %d (byte offset %d). Save the file as UTF-8",
                    source, bytes[offset] & 0xff, line, offset));
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static Provider readProvider(LocationScanner.Found file) {
        String text = decode(readBytes(file), file.source());
        Matcher m = PROVIDER.matcher(text);
        return m.find() ? new Provider(m.group(1), file.source()) : null;
    }
}
