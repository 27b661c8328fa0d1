package dev.fairway.explain.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.fairway.explain.Model;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An ONNX model run by ONNX Runtime on the CPU, as an explain-core {@link Model}: its features are
 * named columns (for example a consent catalogue's, in {@code Feature.index()} order), each graph
 * input is a float32 tensor {@code [N, k]} filled from {@code k} named features, and one column
 * of one output tensor ({@code [N, c]} or {@code [N]}) is the model's score. One
 * {@link #predict} call scores all its rows in one ONNX Runtime call, which is what the
 * explainers' coalition blocks and the guard's ranked slates use.
 *
 * <pre>{@code
 * OnnxModel model = OnnxModel.builder(Files.readAllBytes(Path.of("credit.onnx")))
 *         .features(List.of("income", "age", "debt", "tenure"))
 *         .input("x", List.of("income", "age", "debt"))
 *         .output("p", 0)
 *         .build();
 * }</pre>
 *
 * <p>Values are cast to float32 as the graph takes them. A non-finite value is refused with the
 * feature and row named, as the {@link Model} contract asks. Each call allocates its input
 * tensors; ONNX Runtime's own thread pool is limited to {@link Builder#threads(int)} threads.
 *
 * <p>Thread-safety: safe for concurrent {@link #predict} calls (ONNX Runtime sessions are);
 * {@link #close()} must not overlap a call.
 */
public final class OnnxModel implements Model, AutoCloseable {
    private final OrtEnvironment env;
    private final OrtSession session;
    private final List<String> featureNames;
    private final String[] inputNames;
    /** Per input, the feature column of each of its tensor columns. */
    private final int[][] inputColumns;
    private final String outputName;
    private final int outputColumn;

    private OnnxModel(OrtEnvironment env, OrtSession session, List<String> featureNames, String[] inputNames,
            int[][] inputColumns, String outputName, int outputColumn) {
        this.env = env;
        this.session = session;
        this.featureNames = featureNames;
        this.inputNames = inputNames;
        this.inputColumns = inputColumns;
        this.outputName = outputName;
        this.outputColumn = outputColumn;
    }

    /**
     * Starts a builder over a serialised ONNX model.
     *
     * @param onnx the model's bytes (an {@code .onnx} file)
     * @return a builder
     */
    public static Builder builder(byte[] onnx) {
        return new Builder(Objects.requireNonNull(onnx, "onnx").clone());
    }

    /**
     * Starts a builder over an ONNX model file.
     *
     * @param file the {@code .onnx} file
     * @return a builder
     * @throws IOException if the file cannot be read
     */
    public static Builder builder(Path file) throws IOException {
        return new Builder(Files.readAllBytes(Objects.requireNonNull(file, "file")));
    }

    /**
     * Returns the feature names in column order.
     *
     * @return the names, unmodifiable
     */
    public List<String> featureNames() {
        return featureNames;
    }

    @Override
    public int features() {
        return featureNames.size();
    }

    @Override
    public void predict(double[] rowMajor, int rows, double[] out) {
        Objects.requireNonNull(rowMajor, "rowMajor");
        Objects.requireNonNull(out, "out");
        int m = featureNames.size();
        if (rows < 0 || (long) rows * m > rowMajor.length || rows > out.length) {
            throw new IllegalArgumentException("predict needs rows >= 0, " + rows + " * " + m + " inputs and " + rows
                    + " outputs; got rows=" + rows + ", " + rowMajor.length + " inputs and " + out.length + " outputs");
        }
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < m; j++) {
                double v = rowMajor[r * m + j];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("row " + r + ", feature '" + featureNames.get(j) + "' is not finite: " + v);
                }
            }
        }
        if (rows == 0) {
            return;
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            for (int i = 0; i < inputNames.length; i++) {
                int[] cols = inputColumns[i];
                FloatBuffer buf = FloatBuffer.allocate(rows * cols.length);
                for (int r = 0; r < rows; r++) {
                    for (int c : cols) {
                        buf.put((float) rowMajor[r * m + c]);
                    }
                }
                buf.flip();
                inputs.put(inputNames[i], OnnxTensor.createTensor(env, buf, new long[] {rows, cols.length}));
            }
            try (OrtSession.Result result = session.run(inputs, Set.of(outputName))) {
                OnnxTensor t = (OnnxTensor) result.get(0);
                long[] shape = t.getInfo().getShape();
                int width = shape.length == 1 ? 1 : (int) shape[1];
                if (shape[0] != rows || outputColumn >= width) {
                    throw new IllegalStateException("output '" + outputName + "' has shape " + java.util.Arrays.toString(shape)
                            + " for " + rows + " rows; column " + outputColumn + " was asked for");
                }
                FloatBuffer o = t.getFloatBuffer();
                for (int r = 0; r < rows; r++) {
                    out[r] = o.get(r * width + outputColumn);
                }
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed to run the model: " + e.getMessage(), e);
        } finally {
            for (OnnxTensor t : inputs.values()) {
                t.close();
            }
        }
    }

    /** Releases the ONNX Runtime session. */
    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed to close the session: " + e.getMessage(), e);
        }
    }

    /**
     * Configures an {@link OnnxModel}; {@link #build()} opens the session and checks every mapping
     * against the graph.
     *
     * <p>Thread-safety: not thread-safe; build on one thread, then share the model.
     */
    public static final class Builder {
        private final byte[] onnx;
        private List<String> features;
        private final Map<String, List<String>> inputs = new LinkedHashMap<>();
        private String output;
        private int outputColumn;
        private int threads = 1;

        private Builder(byte[] onnx) {
            this.onnx = onnx;
        }

        /**
         * Sets the model's feature names in column order.
         *
         * @param names non-blank, distinct
         * @return this builder
         * @throws IllegalArgumentException if empty, blank or repeated
         */
        public Builder features(List<String> names) {
            Objects.requireNonNull(names, "names");
            if (names.isEmpty()) {
                throw new IllegalArgumentException("features must not be empty");
            }
            if (Set.copyOf(names).size() != names.size()) {
                throw new IllegalArgumentException("features " + names + " repeat a name");
            }
            for (String n : names) {
                if (n.isBlank()) {
                    throw new IllegalArgumentException("a feature name is blank");
                }
            }
            this.features = List.copyOf(names);
            return this;
        }

        /**
         * Maps a graph input to the features that fill its columns, in order.
         *
         * @param name the graph input's name
         * @param columns feature names, one per tensor column
         * @return this builder
         * @throws IllegalArgumentException if the columns are empty or the input is mapped twice
         */
        public Builder input(String name, List<String> columns) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(columns, "columns");
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("input '" + name + "' needs at least one column");
            }
            if (inputs.put(name, List.copyOf(columns)) != null) {
                throw new IllegalArgumentException("input '" + name + "' is mapped twice");
            }
            return this;
        }

        /**
         * Chooses the output tensor and its column that is the score (default: the graph's first
         * output, column 0).
         *
         * @param name the output's name
         * @param column the column, not negative
         * @return this builder
         * @throws IllegalArgumentException if the column is negative
         */
        public Builder output(String name, int column) {
            if (column < 0) {
                throw new IllegalArgumentException("output column must not be negative, was " + column);
            }
            this.output = Objects.requireNonNull(name, "name");
            this.outputColumn = column;
            return this;
        }

        /**
         * Sets ONNX Runtime's intra-op threads per call (default 1, so that concurrent callers
         * scale instead of contending).
         *
         * @param threads at least 1
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, was " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * Opens the session and checks the mapping: every graph input mapped, each a float32
         * tensor of rank 2 whose width (if fixed) is its number of columns, every column a known
         * feature, and the output present.
         *
         * @return the model
         * @throws IllegalStateException if no features are set
         * @throws IllegalArgumentException if the model cannot be loaded or the mapping does not fit it
         */
        public OnnxModel build() {
            if (features == null) {
                throw new IllegalStateException("set the feature names with features(...)");
            }
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession session;
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(threads);
                options.setInterOpNumThreads(1);
                session = env.createSession(onnx, options);
            } catch (OrtException e) {
                throw new IllegalArgumentException("the ONNX model cannot be loaded: " + e.getMessage(), e);
            }
            try {
                return check(env, session);
            } catch (RuntimeException | OrtException e) {
                try {
                    session.close();
                } catch (OrtException suppressed) {
                    e.addSuppressed(suppressed);
                }
                if (e instanceof OrtException) {
                    throw new IllegalArgumentException("the ONNX model's inputs cannot be read: " + e.getMessage(), e);
                }
                throw (RuntimeException) e;
            }
        }

        private OnnxModel check(OrtEnvironment env, OrtSession session) throws OrtException {
            Map<String, NodeInfo> graphInputs = session.getInputInfo();
            for (String name : graphInputs.keySet()) {
                if (!inputs.containsKey(name)) {
                    throw new IllegalArgumentException("graph input '" + name + "' is not mapped to features; map it with "
                            + "input(\"" + name + "\", columns)");
                }
            }
            List<String> names = new ArrayList<>(inputs.keySet());
            int[][] cols = new int[names.size()][];
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                NodeInfo info = graphInputs.get(name);
                if (info == null) {
                    throw new IllegalArgumentException("input '" + name + "' is not an input of the graph " + graphInputs.keySet());
                }
                if (!(info.getInfo() instanceof TensorInfo ti) || ti.type != OnnxJavaType.FLOAT || ti.getShape().length != 2) {
                    throw new IllegalArgumentException("graph input '" + name + "' must be a float32 tensor [N, k], is "
                            + info.getInfo());
                }
                List<String> columns = inputs.get(name);
                long width = ti.getShape()[1];
                if (width >= 0 && width != columns.size()) {
                    throw new IllegalArgumentException("graph input '" + name + "' has " + width + " columns, mapped to "
                            + columns.size() + " features " + columns);
                }
                cols[i] = new int[columns.size()];
                for (int c = 0; c < columns.size(); c++) {
                    int j = features.indexOf(columns.get(c));
                    if (j < 0) {
                        throw new IllegalArgumentException("input '" + name + "' column " + c + " names feature '"
                                + columns.get(c) + "', not one of " + features);
                    }
                    cols[i][c] = j;
                }
            }
            Set<String> outputs = session.getOutputNames();
            String out = output != null ? output : outputs.iterator().next();
            if (!outputs.contains(out)) {
                throw new IllegalArgumentException("output '" + out + "' is not an output of the graph " + outputs);
            }
            return new OnnxModel(env, session, features, names.toArray(new String[0]), cols, out, outputColumn);
        }
    }
}
