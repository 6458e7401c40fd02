using System.IO;
using Xunit;

namespace ModelGen.Interop.Tests;

/// <summary>Trains the small MLP in .NET and writes it, with a test set and .NET's logits, into the fixtures folder:
/// interop/python/torch_interop.py loads it into a torch.nn.Module and compares its outputs with these.</summary>
public class MlpFixtureTests
{
    [Fact]
    public void Trains_the_mlp_and_writes_it_with_its_test_set_for_pytorch()
    {
        (float[,] trainInputs, int[] trainLabels) = MlpTrainer.Data(1000, seed: 1);
        (float[,] testInputs, int[] testLabels) = MlpTrainer.Data(300, seed: 2);
        Mlp model = MlpTrainer.Train(trainInputs, trainLabels);
        float[,] logits = MlpTrainer.Logits(model, testInputs);
        double accuracy = MlpTrainer.Accuracy(logits, testLabels);
        Assert.True(accuracy >= 0.85, $"test accuracy {accuracy}: training did not work");

        Directory.CreateDirectory(FixtureTests.Directory);
        string modelPath = Path.Combine(FixtureTests.Directory, "mlp.mgen");
        ModelFile.Save(modelPath, model);
        ModelFile.Save(Path.Combine(FixtureTests.Directory, "mlp-test.mgen"),
                       new MlpTestSet { Inputs = testInputs, Labels = testLabels, Logits = logits });
        File.WriteAllText(Path.Combine(FixtureTests.Directory, "mlp.lock.json"), ModelSchema.WriteLockFile([Mlp.Schema, MlpTestSet.Schema]));

        // What Python will load is what .NET loads: the same logits, bit for bit.
        Mlp back = ModelFile.Load<Mlp>(modelPath);
        float[,] again = MlpTrainer.Logits(back, testInputs);
        for (int s = 0; s < testLabels.Length; s++)
            for (int k = 0; k < 2; k++)
                Assert.Equal(System.BitConverter.SingleToInt32Bits(logits[s, k]), System.BitConverter.SingleToInt32Bits(again[s, k]));
    }
}
