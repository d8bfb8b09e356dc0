package dev.unideploy.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The benchmark's results as Markdown: one table per scenario, direct vs gateway, with the ratio and target. */
final class Report {

    /** One measured quantity; {@code met} is null where the row has no target. */
    record Row(
            String metric,
            String direct,
            String gateway,
            String ratio,
            String target,
            @Nullable Boolean met) {

        static Row info(String metric, String direct, String gateway, String ratio) {
            return new Row(metric, direct, gateway, ratio, "", null);
        }

        static Row sample(String metric, Sample direct, Sample gateway) {
            return switch (metric) {
                case "throughput" ->
                    info(
                            "throughput (req/s)",
                            number(direct.throughput()),
                            number(gateway.throughput()),
                            Report.ratio(gateway.throughput() / direct.throughput()));
                case "p50" ->
                    info(
                            "p50 latency (ms)",
                            millis(direct.p50Millis()),
                            millis(gateway.p50Millis()),
                            Report.ratio(gateway.p50Millis() / direct.p50Millis()));
                case "p99" ->
                    info(
                            "p99 latency (ms)",
                            millis(direct.p99Millis()),
                            millis(gateway.p99Millis()),
                            Report.ratio(gateway.p99Millis() / direct.p99Millis()));
                default -> throw new IllegalArgumentException(metric);
            };
        }

        Row withTarget(String target, boolean met) {
            return new Row(metric, direct, gateway, ratio, target, met);
        }
    }

    /** One scenario: what was run and what it measured, against what ({@code directHeading}). */
    record Table(String title, String setup, List<Row> rows, List<String> notes, String directHeading) {

        Table(String title, String setup, List<Row> rows, List<String> notes) {
            this(title, setup, rows, notes, "direct (simulator)");
        }

        boolean met() {
            return rows.stream().allMatch(row -> row.met() == null || row.met());
        }
    }

    private Report() {}

    static String markdown(String heading, List<String> environment, List<Table> tables) {
        StringBuilder out = new StringBuilder("# ").append(heading).append("\n\n");
        environment.forEach(line -> out.append("- ").append(line).append('\n'));
        out.append("\n| scenario | target | met? |\n|---|---|---|\n");
        for (Table table : tables) {
            List<String> targets = new ArrayList<>();
            table.rows().stream()
                    .filter(row -> row.met() != null)
                    .forEach(row -> targets.add(row.metric() + " " + row.target()));
            out.append("| ")
                    .append(table.title())
                    .append(" | ")
                    .append(String.join("; ", targets))
                    .append(" | ")
                    .append(table.met() ? "yes" : "**no**")
                    .append(" |\n");
        }
        for (Table table : tables) {
            out.append("\n## ")
                    .append(table.title())
                    .append("\n\n")
                    .append(table.setup())
                    .append("\n\n");
            out.append("| | ")
                    .append(table.directHeading())
                    .append(" | through the gateway | gateway / direct | target | met? |\n");
            out.append("|---|---:|---:|---:|---|---|\n");
            for (Row row : table.rows()) {
                out.append("| ")
                        .append(row.metric())
                        .append(" | ")
                        .append(row.direct())
                        .append(" | ")
                        .append(row.gateway())
                        .append(" | ")
                        .append(row.ratio())
                        .append(" | ")
                        .append(row.target())
                        .append(" | ")
                        .append(row.met() == null ? "" : row.met() ? "yes" : "**no**")
                        .append(" |\n");
            }
            if (!table.notes().isEmpty()) {
                out.append('\n');
                table.notes().forEach(note -> out.append("- ").append(note).append('\n'));
            }
        }
        return out.toString();
    }

    static String number(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    static String millis(double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.2f" : "%.1f", value);
    }

    static String ratio(double value) {
        if (!Double.isFinite(value)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, value != 0 && Math.abs(value) < 0.01 ? "%.4f×" : "%.2f×", value);
    }

    /** A duration as the tables say it: {@code 8 s}, or {@code 500 ms}. */
    static String seconds(java.time.Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    static String percent(double value) {
        return String.format(Locale.ROOT, "%.2f %%", value * 100);
    }
}
