package dev.fairway.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The columns of an audited CSV file, as a picocli {@code @Mixin}: {@code --label},
 * {@code --prediction}, {@code --group} (repeatable), {@code --positive-label} and
 * {@code --reference}. A command declares {@code @Mixin AuditColumns columns;}, reads the named
 * columns with {@link CsvInput} and turns {@code --reference} into group values with
 * {@link #reference()}. Not thread-safe: one instance per run.
 */
public final class AuditColumns {
    @Option(names = "--label", required = true, paramLabel = "COLUMN",
            description = "The column of true labels. It holds two values: the positive label and one other.")
    String label;

    @Option(names = "--prediction", paramLabel = "COLUMN",
            description = "The column of the model's predictions, with the same two values as the labels.")
    String prediction;

    @Option(names = "--group", required = true, paramLabel = "COLUMN",
            description = "A column of the protected attribute. Give it once per column; several columns audit their "
                    + "intersection.")
    List<String> groups;

    @Option(names = "--positive-label", paramLabel = "VALUE", defaultValue = "1",
            description = "The value of the positive (favourable) class in the label and prediction columns. The default "
                    + "is ${DEFAULT-VALUE}.")
    String positiveLabel;

    @Option(names = "--reference", paramLabel = "GROUP",
            description = "The reference (privileged) group: a value of the only group column, or column=value pairs "
                    + "joined by commas when there are several group columns.")
    String reference;

    /** Creates the options; picocli fills them. */
    public AuditColumns() {
    }

    /**
     * Returns the label column.
     *
     * @return its name
     */
    public String label() {
        return label;
    }

    /**
     * Returns the prediction column.
     *
     * @return its name, or {@code null} when not given
     */
    public String prediction() {
        return prediction;
    }

    /**
     * Returns the group columns.
     *
     * @return their names, in the order given
     * @throws BadInputException (exit code 2) when a column is named twice
     */
    public List<String> groups() {
        if (groups.size() != groups.stream().distinct().count()) {
            throw new BadInputException("--group lists a column twice: " + Messages.escape(groups.toString()));
        }
        return List.copyOf(groups);
    }

    /**
     * Returns the positive label value.
     *
     * @return the value
     */
    public String positiveLabel() {
        return positiveLabel;
    }

    /**
     * Returns whether {@code --reference} was given.
     *
     * @return true if it was
     */
    public boolean hasReference() {
        return reference != null;
    }

    /**
     * Parses {@code --reference}: {@code value} (with one group column) or
     * {@code column=value[,column=value...]}.
     *
     * @return the reference group, column to value, or {@code null} when not given
     * @throws BadInputException (exit code 2) for a malformed reference or one naming a column that is
     *     not a group column
     */
    public Map<String, String> reference() {
        if (reference == null) {
            return null;
        }
        List<String> columns = groups();
        Map<String, String> values = new LinkedHashMap<>();
        if (!reference.contains("=")) {
            if (columns.size() != 1) {
                throw new BadInputException("--reference " + Messages.quote(reference) + " must name columns "
                        + "(column=value,...) when auditing " + columns.size() + " group columns");
            }
            values.put(columns.get(0), reference);
            return values;
        }
        for (String part : reference.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new BadInputException("--reference part " + Messages.quote(part) + " is not column=value");
            }
            String column = part.substring(0, eq).strip();
            if (!columns.contains(column)) {
                throw new BadInputException("--reference names column " + Messages.quote(column)
                        + ", which is not a --group column " + Messages.escape(columns.toString()));
            }
            if (values.put(column, part.substring(eq + 1)) != null) {
                throw new BadInputException("--reference names column " + Messages.quote(column) + " twice");
            }
        }
        return values;
    }
}
