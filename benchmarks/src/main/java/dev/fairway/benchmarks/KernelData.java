package dev.fairway.benchmarks;

import java.util.SplittableRandom;

/**
 * Random benchmark rows, generated from a fixed seed: binary labels and predictions, a group
 * code per row drawn from {@code groups} groups, and weights in [0.5, 2).
 */
final class KernelData {
    final int[] labels;
    final int[] predictions;
    final int[] groupValues;
    final double[] weights;

    KernelData(int rows, int groups, boolean weighted) {
        SplittableRandom r = new SplittableRandom(42);
        labels = new int[rows];
        predictions = new int[rows];
        groupValues = new int[rows];
        weights = weighted ? new double[rows] : null;
        for (int i = 0; i < rows; i++) {
            labels[i] = r.nextInt(2);
            predictions[i] = r.nextInt(2);
            groupValues[i] = i < groups ? i : r.nextInt(groups);
            if (weighted) {
                weights[i] = 0.5 + 1.5 * r.nextDouble();
            }
        }
    }
}
