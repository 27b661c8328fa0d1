package dev.fairway.cli.rank;

import dev.fairway.cli.OutputFiles;
import dev.fairway.cli.BadInputException;
import dev.fairway.fairness.ranking.FairMode;
import dev.fairway.fairness.ranking.FairTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code fairway fair-table}: an FA*IR m-table, adjusted for multiple tests unless
 * {@code --adjust none}, with the fail probability of the table printed.
 */
@Command(
        name = "fair-table",
        mixinStandardHelpOptions = true,
        description = "Print the FA*IR table m(1)..m(k) and its fail probability.")
public final class FairTableCommand implements Callable<Integer> {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Output formats. */
    enum Format { json, text }

    @Spec
    CommandSpec spec;

    @Option(names = "--k", required = true, paramLabel = "K", description = "Length of the top (>= 1).")
    int k;

    @Option(names = "--p", required = true, paramLabel = "P", description = "Target proportion of protected items, in (0, 1).")
    double p;

    @Option(names = "--alpha", required = true, paramLabel = "A", description = "Significance level, in (0, 1).")
    double alpha;

    @Option(names = "--adjust", paramLabel = "none", description = "none: the unadjusted table (default: adjusted).")
    String adjust;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "correct",
            description = "correct or fairsearch-py (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json", description = "json or text (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of standard output.")
    Path out;

    /** Creates the command (picocli fills the options). */
    public FairTableCommand() {
    }

    @Override
    public Integer call() {
        if (k < 1) {
            throw new BadInputException("--k must be at least 1, got " + k);
        }
        checkUnit("--p", p);
        checkUnit("--alpha", alpha);
        FairMode m = mode(mode, "--mode");
        FairTable t = adjust(adjust, "--adjust") ? FairTable.adjusted(k, p, alpha, m) : FairTable.of(k, p, alpha, m);
        String text;
        if (format == Format.json) {
            ObjectNode root = JSON.createObjectNode();
            root.put("k", t.k());
            root.put("p", t.p());
            root.put("alpha", t.alpha());
            root.put("adjusted_alpha", t.adjustedAlpha());
            root.put("mode", m == FairMode.CORRECT ? "correct" : "fairsearch-py");
            ArrayNode mt = root.putArray("mtable");
            for (int v : t.mtable()) {
                mt.add(v);
            }
            root.put("fail_probability", t.failProbability());
            text = JSON.writeValueAsString(root) + "\n";
        } else {
            StringBuilder sb = new StringBuilder();
            sb.append("FA*IR table k=").append(t.k()).append(" p=").append(t.p()).append(" alpha=").append(t.alpha())
                    .append(" adjusted_alpha=").append(t.adjustedAlpha()).append(" mode=").append(mode).append('\n');
            sb.append("fail probability ").append(t.failProbability()).append('\n');
            sb.append("   i  m(i)\n");
            for (int i = 1; i <= t.k(); i++) {
                sb.append(String.format(Locale.ROOT, "%4d  %4d%n", i, t.m(i)));
            }
            text = sb.toString();
        }
        if (out == null) {
            PrintWriter o = spec.commandLine().getOut();
            o.print(text);
            o.flush();
        } else {
            OutputFiles.write(out, text);
        }
        return 0;
    }

    static void checkUnit(String flag, double v) {
        if (!(v > 0 && v < 1)) {
            throw new BadInputException(flag + " must be in (0, 1), got " + v);
        }
    }

    static FairMode mode(String text, String flag) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "correct" -> FairMode.CORRECT;
            case "fairsearch-py" -> FairMode.FAIRSEARCH_PY;
            default -> throw new BadInputException(flag + " must be correct or fairsearch-py, got '" + text + "'");
        };
    }

    static boolean adjust(String text, String flag) {
        if (text == null) {
            return true;
        }
        if (text.equals("none")) {
            return false;
        }
        throw new BadInputException(flag + " takes only 'none', got '" + text + "'");
    }
}
