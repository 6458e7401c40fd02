using System;
using System.Collections.Generic;
using System.IO;
using ModelGen;
using ModelGen.Interop.Tests;

// PyTorch -> .NET: loads the MLP that interop/python/torch_interop.py trained with torch and saved with
// modelgen.save (format 1, no pickle) into the .NET Mlp class, and compares .NET's logits on the test set with the
// ones Python saved beside it: bit for bit with Python's elementwise path (the same float32 operations in the same
// order as Mlp.Forward), and within rtol = atol = 1e-5 with torch.nn.Module's (an sgemm that sums in another order).
// Usage: dotnet run --project tests/ModelGen.Interop.Check -- [FOLDER]   (default artifacts/interop-fixtures/from-python)
// Prints "interop check: N passed, N failed"; exit code 1 when a check fails or a file is missing.

string folder = args.Length > 0 ? args[0] : Path.Combine(FindRoot(), "artifacts", "interop-fixtures", "from-python");
var results = new List<(string Name, string? Problem)>();
void Check(string name, Func<string?> check)
{
    string? problem;
    try { problem = check(); }
    catch (Exception e) when (e is ModelFormatException or IOException or ArgumentException) { problem = $"{e.GetType().Name}: {e.Message}"; }
    results.Add((name, problem));
    Console.WriteLine(problem is null ? $"  ok   {name}" : $"  FAIL {name}: {problem}");
}

Console.WriteLine($"PyTorch -> .NET: {folder}");
Mlp? model = null;
MlpTestSet? test = null;
Check("torch-mlp.mgen loads into the .NET Mlp class", () =>
{
    model = ModelFile.Load<Mlp>(Path.Combine(folder, "torch-mlp.mgen"));
    return model.TrainedBy.StartsWith("PyTorch ", StringComparison.Ordinal) ? null : $"trainedBy is '{model.TrainedBy}'";
});
Check("torch-mlp-test.mgen loads into MlpTestSet", () =>
{
    test = ModelFile.Load<MlpTestSet>(Path.Combine(folder, "torch-mlp-test.mgen"));
    return test.Labels.Length > 0 && test.Inputs.GetLength(0) == test.Labels.Length ? null : "the test set is empty or ragged";
});
if (model is not null && test is not null)
{
    float[,] logits = MlpTrainer.Logits(model, test.Inputs);
    Check(".NET's logits equal Python's elementwise logits bit for bit", () =>
    {
        int differ = 0;
        for (int s = 0; s < logits.GetLength(0); s++)
            for (int k = 0; k < logits.GetLength(1); k++)
                if (BitConverter.SingleToInt32Bits(logits[s, k]) != BitConverter.SingleToInt32Bits(test.Logits[s, k])) differ++;
        return differ == 0 ? null : $"{differ} of {logits.Length} logits differ";
    });
    Check(".NET's logits are within rtol = atol = 1e-5 of torch.nn.Module's, same classes", () =>
    {
        double worst = 0;
        for (int s = 0; s < logits.GetLength(0); s++)
        {
            for (int k = 0; k < logits.GetLength(1); k++)
            {
                double a = logits[s, k], b = test.ModuleLogits[s, k];
                worst = Math.Max(worst, Math.Abs(a - b));
                if (Math.Abs(a - b) > 1e-5 + 1e-5 * Math.Abs(b)) return $"input {s}, logit {k}: .NET {a}, torch {b}";
            }
            if ((logits[s, 1] > logits[s, 0]) != (test.ModuleLogits[s, 1] > test.ModuleLogits[s, 0])) return $"input {s}: the predicted class differs";
        }
        Console.WriteLine($"       max |difference| {worst:E2}; test accuracy in .NET {MlpTrainer.Accuracy(logits, test.Labels):0.000}");
        return null;
    });
    Check("the PyTorch-trained model classifies the test set (accuracy >= 0.85)", () =>
        MlpTrainer.Accuracy(logits, test.Labels) is double accuracy && accuracy >= 0.85 ? null : $"accuracy {MlpTrainer.Accuracy(logits, test.Labels)}");
}

int failed = results.FindAll(r => r.Problem is not null).Count;
Console.WriteLine($"interop check: {results.Count - failed} passed, {failed} failed");
return failed == 0 && results.Count == 5 ? 0 : 1;

static string FindRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ModelGen.sln"))) dir = dir.Parent;
    return dir?.FullName ?? throw new InvalidOperationException("the repository root (ModelGen.sln) was not found above " + AppContext.BaseDirectory);
}
