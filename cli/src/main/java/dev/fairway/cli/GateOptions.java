package dev.fairway.cli;

import dev.fairway.fairness.gate.AuditGate;
import dev.fairway.fairness.gate.Operator;
import dev.fairway.fairness.gate.Rule;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The gate of a command, as a picocli {@code @Mixin}: {@code --fail-if RULE} (repeatable) and
 * {@code --allow-undefined}. A command declares {@code @Mixin GateOptions gate;}, calls
 * {@link #rules()} before reading any data (a malformed rule is exit 2 before anything is read),
 * evaluates each rule with {@code gate}'s {@link AuditGate}, writes its report, and returns
 * {@link #exit(List, PrintWriter)}: one line per violated rule on standard error (input text in the
 * line escaped) and {@value #EXIT_GATE} if any rule is violated. Not thread-safe: one instance per run.
 */
public final class GateOptions {
    /** The exit code of a violated {@code --fail-if} rule. */
    public static final int EXIT_GATE = 3;

    @Option(names = "--fail-if", paramLabel = "RULE",
            description = "Exit with code 3, after the report is written, when this rule holds, for example "
                    + "'demographic_parity_ratio < 0.8'. Give it once per rule; the grammar is in docs/cli.md.")
    List<String> failIf = new ArrayList<>();

    @Option(names = "--allow-undefined",
            description = "Let a rule whose value is undefined (for example a ratio over a group with no positives) pass; "
                    + "by default an undefined value violates the rule.")
    boolean allowUndefined;

    /** Creates the options; picocli fills them. */
    public GateOptions() {
    }

    /**
     * Parses and checks every rule.
     *
     * @return the rules, in the order given
     * @throws BadInputException (exit code 2) for a malformed rule, an unknown metric, or a rule that
     *     tests a measured number for equality (it never holds on a float)
     */
    public List<Rule> rules() {
        List<Rule> rules = new ArrayList<>();
        for (String text : failIf) {
            Rule rule;
            try {
                rule = Rule.parse(text);
                AuditGate.check(rule);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--fail-if " + e.getMessage(), e);
            }
            if (rule.operator() == Operator.EQUAL) {
                throw new BadInputException("--fail-if " + Messages.quote(text) + " tests a measured value for equality,"
                        + " which almost never holds for a fraction; use <, <=, > or >=");
            }
            rules.add(rule);
        }
        return List.copyOf(rules);
    }

    /**
     * Returns whether any rule was given.
     *
     * @return true if {@code --fail-if} was given
     */
    public boolean any() {
        return !failIf.isEmpty();
    }

    /**
     * Prints one line per violated rule and returns the exit code.
     *
     * @param evaluations the evaluated rules
     * @param err standard error
     * @return {@value #EXIT_GATE} if a rule is violated (or undefined without {@code --allow-undefined}),
     *     else 0
     */
    public int exit(List<AuditGate.Evaluation> evaluations, PrintWriter err) {
        int code = 0;
        for (AuditGate.Evaluation e : evaluations) {
            if (e.holds() || (!e.defined() && !allowUndefined)) {
                err.println(violation(e));
                code = EXIT_GATE;
            }
        }
        err.flush();
        return code;
    }

    /**
     * One line: the rule, its value (or why it is undefined) and the groups responsible, with every
     * control character escaped so that a group value cannot start a line of its own.
     *
     * @param e the evaluation
     * @return the line, starting {@code fairway: --fail-if}
     */
    public static String violation(AuditGate.Evaluation e) {
        StringBuilder sb = new StringBuilder("fairway: --fail-if '").append(e.rule().text()).append("' violated: ");
        if (e.defined()) {
            sb.append("value ").append(String.format(Locale.ROOT, "%.4f", e.value()));
        } else {
            sb.append("value undefined (").append(e.undefinedReason()).append(')');
        }
        if (!e.groups().isEmpty()) {
            sb.append("; ").append("to_reference".equals(e.rule().method()) ? "reference groups: " : "groups: ");
            for (int i = 0; i < e.groups().size(); i++) {
                sb.append(i == 0 ? "" : " | ").append(e.groups().get(i));
            }
        }
        return Messages.escape(sb.toString());
    }
}
