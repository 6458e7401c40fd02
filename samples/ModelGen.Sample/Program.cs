using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Microsoft.Data.Sqlite;
using ModelGen;
using ModelGen.Internal;
using ModelGen.Sample;
using ModelGen.Sample.Legacy;

// Usage:
//   dotnet run --project samples/ModelGen.Sample                      train, store, reload, migrate; exit 1 on any mismatch
//   dotnet run --project samples/ModelGen.Sample -- epochs=500 l2=0.001   the same with other hyperparameters
//   dotnet run --project samples/ModelGen.Sample -- write-v1 FILE     (re)write the version-1 model file shipped in data/

Dataset train = Dataset.Generate(600, seed: 1);
Dataset test = Dataset.Generate(200, seed: 2);

if (args.Length == 2 && args[0] == "write-v1")
{
    LogisticModel trained = Trainer.Train(train, new TrainingOptions());
    var v1 = new LogisticModelV1
    {
        Hyperparameters = new TrainingOptionsV1(trained.Hyperparameters.LearningRate, trained.Hyperparameters.Epochs, trained.Hyperparameters.Seed),
        Weights = [.. trained.Coefficients, trained.Bias],
        FeatureMeans = trained.FeatureMeans,
        FeatureStds = trained.FeatureScales,
        Metrics = Trainer.Evaluate(trained, test),
    };
    ModelFile.Save(args[1], v1);
    Console.WriteLine($"wrote {args[1]} with the version-1 model classes");
    return 0;
}

var failures = new List<string>();
void Check(bool ok, string what)
{
    if (!ok) failures.Add(what);
}

// 1. Hyperparameters from key=value arguments, bound and validated by generated code, then a real training run.
TrainingOptions options;
try
{
    var overrides = new Dictionary<string, object?>();
    foreach (string arg in args)
    {
        string[] pair = arg.Split('=', 2);
        if (pair.Length != 2) throw new ArgumentException($"expected key=value, got '{arg}'");
        overrides[pair[0]] = pair[1];
    }
    options = ModelDictionary.FromDictionary<TrainingOptions>(overrides);
}
catch (Exception e) when (e is ModelFormatException or ArgumentException)
{
    Console.Error.WriteLine($"bad hyperparameters: {e.Message}");
    return 2;
}

LogisticModel model = Trainer.Train(train, options);
model.Metrics = Trainer.Evaluate(model, test);
Console.WriteLine($"1. trained logistic regression on {train.Count} generated samples ({options.Epochs} epochs, learning rate {F(options.LearningRate)}, l2 {F(options.L2)}): " +
                  $"test accuracy {F(model.Metrics["accuracy"])}, log loss {F(model.Metrics["logLoss"])}");
Check(model.Metrics["accuracy"] >= 0.85, $"test accuracy {model.Metrics["accuracy"]} is below 0.85: training did not work");

// 2. Store it twice in SQLite: JSON in a TEXT column, the binary format in a BLOB column.
string databasePath = Path.Combine(Path.GetTempPath(), $"modelgen-sample-{Environment.ProcessId}.db");
string connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString();
try
{
    var store = new ModelStore(connectionString);
    store.CreateTables();
    store.SaveJson("churn", model);
    store.SaveBinary("churn", model);
    long jsonLength = Convert.ToInt64(store.QueryScalar("SELECT length(model) FROM models_json WHERE name = $name", "churn"), CultureInfo.InvariantCulture);
    long blobLength = Convert.ToInt64(store.QueryScalar("SELECT length(model) FROM models_binary WHERE name = $name", "churn"), CultureInfo.InvariantCulture);
    Console.WriteLine($"2. stored in SQLite ({Path.GetFileName(databasePath)}): JSON of {jsonLength} characters in a TEXT column, binary of {blobLength} bytes in a BLOB column");

    // 3. The JSON column is plain JSON that SQL can query.
    object? learningRate = store.QueryScalar("SELECT json_extract(model, '$.hyperparameters.learningRate') FROM models_json WHERE name = $name", "churn");
    object? accuracy = store.QueryScalar("SELECT json_extract(model, '$.metrics.accuracy') FROM models_json WHERE name = $name", "churn");
    Console.WriteLine($"3. SQL: json_extract(model, '$.hyperparameters.learningRate') = {learningRate}, json_extract(model, '$.metrics.accuracy') = {accuracy}");
    Check(learningRate is double lr && lr == options.LearningRate, $"json_extract of the learning rate gave {learningRate ?? "NULL"}, expected {options.LearningRate}");
    Check(accuracy is double acc && acc == model.Metrics["accuracy"], $"json_extract of the accuracy gave {accuracy ?? "NULL"}");

    // 4. Reload both through new connections (pooling is off) and compare every prediction bit for bit.
    LogisticModel fromJson = store.LoadJson("churn");
    LogisticModel fromBinary = store.LoadBinary("churn");
    int identical = 0;
    for (int n = 0; n < test.Count; n++)
    {
        long expected = BitConverter.DoubleToInt64Bits(model.PredictProbability(test.Features[n]));
        bool same = BitConverter.DoubleToInt64Bits(fromJson.PredictProbability(test.Features[n])) == expected
                    && BitConverter.DoubleToInt64Bits(fromBinary.PredictProbability(test.Features[n])) == expected;
        if (same) identical++;
    }
    Console.WriteLine($"4. reloaded both in fresh connections: {identical} of {test.Count} predictions bit-identical (JSON and binary)");
    Check(identical == test.Count, $"{test.Count - identical} predictions differ after reloading from SQLite");
    Check(fromJson.Hyperparameters == options && fromBinary.Hyperparameters == options, "the hyperparameters differ after reloading");
}
finally
{
    SqliteConnection.ClearAllPools();
    File.Delete(databasePath);
}

// 5. A file written by version 1 of the model class loads into version 2: 'featureStds' arrives in 'featureScales'
// through [PreviousName], 'threshold' and 'hyperparameters.l2' take their defaults, and the [ModelMigration] hook
// splits version 1's 'weights' (coefficients, then the bias) into 'coefficients' and 'bias'.
string legacyPath = Path.Combine(AppContext.BaseDirectory, "data", "model-v1.mgen");
byte[] legacyBytes = File.ReadAllBytes(legacyPath);
Envelope envelope = ModelSerializer.ReadEnvelope(legacyBytes);
LogisticModel migrated = ModelFile.Load<LogisticModel>(legacyPath);
LogisticModelV1 asWritten = ModelSerializer.Deserialize<LogisticModelV1>(legacyBytes);
Dictionary<string, double> legacyMetrics = Trainer.Evaluate(migrated, test);
Console.WriteLine($"5. loaded data/model-v1.mgen ({envelope.ModelName}, schema version {envelope.SchemaVersion}; this build writes {LogisticModel.Schema.Version}):");
Console.WriteLine($"   [ModelMigration] weights [{string.Join(", ", Array.ConvertAll(asWritten.Weights, F))}] -> coefficients [{string.Join(", ", Array.ConvertAll(migrated.Coefficients, F))}] + bias {F(migrated.Bias)}");
Console.WriteLine($"   [PreviousName] featureStds -> featureScales; defaults: threshold {F(migrated.Threshold)}, hyperparameters.l2 {F(migrated.Hyperparameters.L2)}; " +
                  $"test accuracy {F(legacyMetrics["accuracy"])} (recorded by version 1: {F(asWritten.Metrics["accuracy"])})");
Check(envelope.SchemaVersion == 1, $"data/model-v1.mgen has schema version {envelope.SchemaVersion}, expected 1");
Check(asWritten.Weights.Length == 5 && migrated.Coefficients.AsSpan().SequenceEqual(asWritten.Weights.AsSpan(0, 4)) && migrated.Bias == asWritten.Weights[4],
      "the migration hook did not split version 1's weights into coefficients and bias");
Check(migrated.FeatureScales.Length == 4 && migrated.FeatureScales.AsSpan().SequenceEqual(asWritten.FeatureStds), "featureStds did not load into FeatureScales through [PreviousName]");
Check(migrated.FeatureMeans.AsSpan().SequenceEqual(asWritten.FeatureMeans) && migrated.Hyperparameters.Epochs == asWritten.Hyperparameters.Epochs, "unchanged members changed on load");
Check(migrated.Threshold == 0.5 && migrated.Hyperparameters.L2 == 0, "members added after version 1 did not take their defaults");
Check(legacyMetrics["accuracy"] == asWritten.Metrics["accuracy"], $"the migrated model scores {legacyMetrics["accuracy"]}, version 1 recorded {asWritten.Metrics["accuracy"]}");

if (failures.Count > 0)
{
    foreach (string failure in failures) Console.WriteLine($"FAILED: {failure}");
    return 1;
}
Console.WriteLine("all checks passed");
return 0;

static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
