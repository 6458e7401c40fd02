using System;
using System.Collections.Generic;

namespace ModelGen.Sample;

/// <summary>Full-batch gradient descent on the log loss, with an optional L2 penalty, over standardized features.</summary>
public static class Trainer
{
    public static LogisticModel Train(Dataset train, TrainingOptions options)
    {
        int d = train.Features[0].Length;
        var means = new double[d];
        var scales = new double[d];
        foreach (double[] x in train.Features)
            for (int i = 0; i < d; i++) means[i] += x[i] / train.Count;
        foreach (double[] x in train.Features)
            for (int i = 0; i < d; i++) scales[i] += (x[i] - means[i]) * (x[i] - means[i]) / train.Count;
        for (int i = 0; i < d; i++) scales[i] = Math.Sqrt(scales[i]);

        var model = new LogisticModel
        {
            Hyperparameters = options,
            Coefficients = new double[d],
            FeatureMeans = means,
            FeatureScales = scales,
        };
        var gradient = new double[d];
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            Array.Clear(gradient);
            double biasGradient = 0;
            for (int n = 0; n < train.Count; n++)
            {
                double error = model.PredictProbability(train.Features[n]) - train.Labels[n];
                for (int i = 0; i < d; i++) gradient[i] += error * (train.Features[n][i] - means[i]) / scales[i];
                biasGradient += error;
            }
            for (int i = 0; i < d; i++)
                model.Coefficients[i] -= options.LearningRate * (gradient[i] / train.Count + options.L2 * model.Coefficients[i]);
            model.Bias -= options.LearningRate * biasGradient / train.Count;
        }
        return model;
    }

    public static Dictionary<string, double> Evaluate(LogisticModel model, Dataset data)
    {
        int correct = 0;
        double loss = 0;
        for (int n = 0; n < data.Count; n++)
        {
            double p = model.PredictProbability(data.Features[n]);
            if ((p >= model.Threshold ? 1 : 0) == data.Labels[n]) correct++;
            loss -= data.Labels[n] == 1 ? Math.Log(p) : Math.Log(1 - p);
        }
        return new Dictionary<string, double> { ["accuracy"] = (double)correct / data.Count, ["logLoss"] = loss / data.Count };
    }
}
