package io.migrate.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The results table: one row per scenario and tool, printed as Markdown. */
final class Report {

    enum Unit {
        MS("ms"), MIB("MiB"), MB_PER_S("MB/s");

        private final String symbol;

        Unit(String symbol) {
            this.symbol = symbol;
        }
    }

    /** One row: the measurements, or why there are none; targets are appended after measuring. */
    private static final class Row {
        final String scenario;
        final String label;
        final Tool tool;
        final Unit unit;
        final Stats stats;
        final String problem;
        final List<String> targets = new ArrayList<>();
        final int failures;

        Row(String scenario, String label, Tool tool, Unit unit, Stats stats, String problem, int failures) {
            this.failures = failures;
            this.scenario = scenario;
            this.label = label;
            this.tool = tool;
            this.unit = unit;
            this.stats = stats;
            this.problem = problem;
        }
    }

    /** What a verdict says: a target met or missed, or a figure reported without a target. */
    enum Result {
        PASS("pass"), MISS("**MISS**"), REPORTED("reported");

        private final String text;

        Result(String text) {
            this.text = text;
        }
    }

    /** A target and whether the run met it. */
    record Verdict(String target, String measured, Result result) {
    }

    private final Map<String, List<Row>> scenarios = new LinkedHashMap<>();
    private final List<Verdict> verdicts = new ArrayList<>();

    /**
     * Records the measured runs of {@code tool} in a scenario. {@code failures} counts runs that did
     * not succeed; they are reported, never silently dropped.
     */
    void add(String scenario, String label, Tool tool, Unit unit, List<Double> values, int failures, String lastError) {
        String problem = failures == 0 ? null
                : failures + " of " + (failures + values.size()) + " runs failed: " + shorten(lastError);
        Stats stats = values.isEmpty() ? null : Stats.of(values);
        scenarios.computeIfAbsent(scenario, k -> new ArrayList<>()).add(new Row(scenario, label, tool, unit, stats, problem, failures));
    }

    Optional<Stats> stats(String scenario, Tool tool) {
        return row(scenario, tool).map(r -> r.stats);
    }

    /** Records whether {@code tool} met a target in a scenario; shown in that row and in the summary. */
    void target(String scenario, Tool tool, String target, String measured, boolean met) {
        row(scenario, tool).ifPresent(r -> r.targets.add(target + ": " + measured + (met ? " — **pass**" : " — **MISS**")));
        verdicts.add(new Verdict(target, measured, met ? Result.PASS : Result.MISS));
    }

    /** A figure derived from several rows, listed with the targets but judged by the reader. */
    void note(String what, String measured) {
        verdicts.add(new Verdict(what, measured, Result.REPORTED));
    }

    /** How many runs of {@code tool} in a scenario failed; 0 when the scenario did not run. */
    int failures(String scenario, Tool tool) {
        return row(scenario, tool).map(r -> r.failures).orElse(0);
    }

    List<Verdict> verdicts() {
        return List.copyOf(verdicts);
    }

    private Optional<Row> row(String scenario, Tool tool) {
        return scenarios.getOrDefault(scenario, List.of()).stream().filter(r -> r.tool == tool).findFirst();
    }

    String render() {
        StringBuilder out = new StringBuilder()
                .append("| scenario | tool | runs | median | min | max | vs Flyway | target |\n")
                .append("|---|---|--:|--:|--:|--:|--:|---|\n");
        for (List<Row> rows : scenarios.values()) {
            Row flyway = rows.stream().filter(r -> r.tool == Tool.FLYWAY && r.stats != null).findFirst().orElse(null);
            boolean first = true;
            for (Row r : rows) {
                out.append("| ").append(first ? r.label : "").append(" | ").append(r.tool.label()).append(" | ");
                first = false;
                if (r.stats == null) {
                    out.append("0 | — | — | — | — | ");
                } else {
                    out.append(r.stats.runs()).append(" | ").append(format(r.stats.median(), r.unit)).append(" | ")
                            .append(format(r.stats.min(), r.unit)).append(" | ").append(format(r.stats.max(), r.unit))
                            .append(" | ").append(ratio(r, flyway)).append(" | ");
                }
                List<String> notes = new ArrayList<>(r.targets);
                if (r.problem != null) {
                    notes.add(r.problem);
                }
                out.append(String.join("; ", notes).replace("|", "\\|")).append(" |\n");
            }
        }
        return out.toString();
    }

    String renderVerdicts() {
        StringBuilder out = new StringBuilder("| target | measured | result |\n|---|---|---|\n");
        for (Verdict v : verdicts) {
            out.append("| ").append(v.target()).append(" | ").append(v.measured()).append(" | ")
                    .append(v.result().text).append(" |\n");
        }
        return out.toString();
    }

    /**
     * How the cost grows with the number of migrations: for each size, the apply and no-op medians
     * of this library and Flyway, from the rows already recorded under the given keys.
     */
    String renderCurve(List<CurvePoint> points) {
        StringBuilder out = new StringBuilder("| migrations | apply: migrate | apply: Flyway | no-op: migrate | no-op: Flyway |\n")
                .append("|--:|--:|--:|--:|--:|\n");
        boolean any = false;
        for (CurvePoint p : points) {
            List<String> cells = new ArrayList<>();
            for (String key : List.of(p.applyKey(), p.noopKey())) {
                for (Tool tool : Tool.MIGRATE_AND_FLYWAY) {
                    cells.add(stats(key, tool).map(s -> format(s.median(), Unit.MS)).orElse("—"));
                }
            }
            if (cells.stream().allMatch("—"::equals)) {
                continue;
            }
            any = true;
            out.append("| ").append(String.format(Locale.ROOT, "%,d", p.migrations())).append(" | ")
                    .append(String.join(" | ", cells)).append(" |\n");
        }
        return any ? out.toString() : "";
    }

    /** One size of the cost curve and the keys of its apply and no-op rows. */
    record CurvePoint(int migrations, String applyKey, String noopKey) {
    }

    /** The row's median over Flyway's: below 1 is less time (or memory) than Flyway needs. */
    private static String ratio(Row r, Row flyway) {
        if (flyway == null || r.unit == Unit.MB_PER_S || flyway.stats.median() == 0) {
            return "—";
        }
        return String.format(Locale.ROOT, "%.2fx", r.stats.median() / flyway.stats.median());
    }

    static String format(double value, Unit unit) {
        String number;
        if (value >= 1000) {
            number = String.format(Locale.ROOT, "%,.0f", value);
        } else if (value >= 10) {
            number = String.format(Locale.ROOT, "%.1f", value);
        } else {
            number = String.format(Locale.ROOT, "%.2f", value);
        }
        return number + " " + unit.symbol;
    }

    private static String shorten(String text) {
        String t = String.valueOf(text);
        return t.length() > 200 ? t.substring(0, 199) + "…" : t;
    }
}
