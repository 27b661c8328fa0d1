#!/usr/bin/python3
"""Builds two small ONNX graphs with onnx.helper and records numpy reference outputs for
explain-onnx's tests. Ours (not third-party code); see README.md.

Run from this directory:  /usr/bin/python3 make_models.py
"""
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = [helper.make_opsetid("", 13)]


def save(graph, name):
    model = helper.make_model(graph, opset_imports=OPSET, producer_name="fairway-make_models")
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, name)


def logistic():
    # p = sigmoid(x @ w + b), x: [N, 3] (income, age, debt)
    w = np.array([[0.8], [-0.05], [-1.5]], dtype=np.float32)
    b = np.array([0.25], dtype=np.float32)
    nodes = [helper.make_node("MatMul", ["x", "w"], ["z0"]), helper.make_node("Add", ["z0", "b"], ["z"]),
             helper.make_node("Sigmoid", ["z"], ["p"])]
    graph = helper.make_graph(nodes, "logistic",
                              [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 3])],
                              [helper.make_tensor_value_info("p", TensorProto.FLOAT, ["N", 1])],
                              [numpy_helper.from_array(w, "w"), numpy_helper.from_array(b, "b")])
    save(graph, "logistic.onnx")


def mlp(rng):
    # two named inputs: "person" [N, 2] (age, tenure) and "money" [N, 2] (income, debt);
    # h = relu(concat(person, money) @ W1 + b1), p = sigmoid(h @ W2 + b2)
    w1 = rng.normal(size=(4, 5)).astype(np.float32)
    b1 = rng.normal(size=(5,)).astype(np.float32)
    w2 = rng.normal(size=(5, 1)).astype(np.float32)
    b2 = rng.normal(size=(1,)).astype(np.float32)
    nodes = [helper.make_node("Concat", ["person", "money"], ["x"], axis=1),
             helper.make_node("Gemm", ["x", "w1", "b1"], ["h0"]),
             helper.make_node("Relu", ["h0"], ["h"]),
             helper.make_node("Gemm", ["h", "w2", "b2"], ["z"]),
             helper.make_node("Sigmoid", ["z"], ["p"])]
    graph = helper.make_graph(nodes, "mlp",
                              [helper.make_tensor_value_info("person", TensorProto.FLOAT, ["N", 2]),
                               helper.make_tensor_value_info("money", TensorProto.FLOAT, ["N", 2])],
                              [helper.make_tensor_value_info("p", TensorProto.FLOAT, ["N", 1])],
                              [numpy_helper.from_array(w1, "w1"), numpy_helper.from_array(b1, "b1"),
                               numpy_helper.from_array(w2, "w2"), numpy_helper.from_array(b2, "b2")])
    save(graph, "mlp.onnx")
    # numpy reference, float32 like the graph; columns in catalogue order income, age, tenure, debt
    x = rng.normal(size=(50, 4))
    x[:, 1] = np.round(x[:, 1] * 10 + 40) / 10  # age in decades
    person = x[:, [1, 2]].astype(np.float32)
    money = x[:, [0, 3]].astype(np.float32)
    h = np.maximum(np.concatenate([person, money], axis=1) @ w1 + b1, 0)
    p = 1 / (1 + np.exp(-(h @ w2 + b2)))
    with open("mlp.reference.csv", "w") as f:
        f.write("income,age,tenure,debt,p\n")
        for r in range(len(x)):
            f.write(",".join(repr(float(v)) for v in list(x[r]) + [float(p[r, 0])]) + "\n")


if __name__ == "__main__":
    logistic()
    mlp(np.random.default_rng(20261208))
