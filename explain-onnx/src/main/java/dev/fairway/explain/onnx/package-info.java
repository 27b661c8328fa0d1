/**
 * ONNX models behind explain-core's {@link dev.fairway.explain.Model}. Open
 * {@link dev.fairway.explain.onnx.OnnxModel#builder(byte[])} first: map each graph input to the
 * catalogue features that fill its columns, choose the output, and use the model wherever a
 * {@code Model} goes (explainers, {@code Guard}).
 */
package dev.fairway.explain.onnx;
