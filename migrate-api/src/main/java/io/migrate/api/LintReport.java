package io.migrate.api;

import java.util.List;

/**
 * What {@code lint()} found in the migrations it checked.
 *
 * @param migrations the migrations checked, in order
 * @param findings   what was found, by migration and line
 * @param sized      whether findings carry the target database's table sizes
 */
public record LintReport(List<String> migrations, List<LintFinding> findings, boolean sized) {

    /** A report on no migrations, as a plan with nothing pending carries. */
    public static final LintReport NONE = new LintReport(List.of(), List.of(), false);

    public LintReport {
        migrations = List.copyOf(migrations);
        findings = List.copyOf(findings);
    }

    /** The findings of severity {@link LintFinding.Severity#ERROR}. */
    public List<LintFinding> errors() {
        return findings.stream().filter(f -> f.severity() == LintFinding.Severity.ERROR).toList();
    }

    /** Whether there is at least one error: {@code lintOnDeploy(true)} refuses to deploy then. */
    public boolean hasErrors() {
        return !errors().isEmpty();
    }

    /** The findings of one rule, by its id. */
    public List<LintFinding> findings(String rule) {
        return findings.stream().filter(f -> f.rule().equals(rule)).toList();
    }

    /**
     * The report as one JSON object, for CI and other tools: {@code errors}, {@code sized}, {@code migrations}
     * and {@code findings}, each finding with the fields of {@link LintFinding} ({@code severity} as its name).
     */
    public String toJson() {
        StringBuilder json = new StringBuilder("{\"errors\":").append(hasErrors()).append(",\"sized\":").append(sized)
                .append(",\"migrations\":[");
        for (int i = 0; i < migrations.size(); i++) {
            json.append(i == 0 ? "" : ",").append(JsonText.quote(migrations.get(i)));
        }
        json.append("],\"findings\":[");
        for (int i = 0; i < findings.size(); i++) {
            LintFinding f = findings.get(i);
            json.append(i == 0 ? "{" : ",{");
            JsonText.field(json, "rule", f.rule()).append(',');
            JsonText.field(json, "severity", f.severity().name()).append(',');
            JsonText.field(json, "message", f.message()).append(',');
            JsonText.field(json, "migration", f.migration()).append(',');
            JsonText.field(json, "source", f.source()).append(',');
            json.append("\"line\":").append(f.line()).append(',');
            JsonText.field(json, "statement", f.statement()).append(',');
            JsonText.field(json, "object", f.object()).append(',');
            JsonText.field(json, "alternative", f.alternative()).append('}');
        }
        return json.append("]}").toString();
    }

    @Override
    public String toString() {
        if (findings.isEmpty()) {
            return "Lint: " + migrations.size() + (migrations.size() == 1 ? " migration" : " migrations") + ", nothing found";
        }
        long errors = errors().size();
        StringBuilder text = new StringBuilder("Lint: ").append(migrations.size())
                .append(migrations.size() == 1 ? " migration, " : " migrations, ").append(errors)
                .append(errors == 1 ? " error, " : " errors, ").append(findings.size() - errors).append(" other findings");
        for (LintFinding f : findings) {
            text.append("\n  ").append(f.toString().replace("\n", "\n  "));
        }
        return text.toString();
    }
}
