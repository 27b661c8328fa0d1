/**
 * Fairway explain-onnx: ONNX models as explain-core {@link dev.fairway.explain.Model}s through ONNX
 * Runtime's Java API on the CPU ({@link dev.fairway.explain.onnx.OnnxModel}), so that the sampling
 * explainers explain them and the guard serves them.
 */
module dev.fairway.explain.onnx {
    requires transitive dev.fairway.explain;
    requires com.microsoft.onnxruntime;

    exports dev.fairway.explain.onnx;
}
