using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using ModelGen.Registry.Legacy;
using Npgsql;

namespace ModelGen.Registry;

/// <summary>The registry's story in one run: version 2 of the service writes, SQL queries the JSON column, version 1
/// (a rollback) reads and re-saves, version 2 reads again with nothing lost, and invalid documents are refused.
/// Each step prints what it saw; <see cref="Failures"/> lists every check that did not hold.</summary>
public sealed class RollingDeployment(NpgsqlDataSource dataSource, Action<string> log)
{
    public const string BuildV2 = "scoring-service 2.0 (ScoringModel v2)";
    public const string BuildV1 = "scoring-service 1.4 (ScoringModel v1, rolled back)";

    public List<string> Failures { get; } = [];

    private void Check(bool ok, string what)
    {
        if (!ok) Failures.Add(what);
    }

    public async Task RunAsync()
    {
        await RegistrySchema.CreateAsync(dataSource);
        var v2 = new ModelRegistry<ScoringModel>(dataSource, BuildV2, ScoringModel.JsonSchema);
        var v1 = new ModelRegistry<ScoringModelV1>(dataSource, BuildV1, ScoringModelV1.JsonSchema);

        // 1. Version 2 writes.
        ScoringModel original = Revisions.V2(42);
        await v2.SaveAsync("churn", original);
        await v1.SaveAsync("fraud", Revisions.V1(7)); // an older row, still written by version 1
        log($"1. {BuildV2} saved 'churn' (JSON in jsonb, {ModelSerializer.Serialize(original).Length} bytes of binary in bytea); {BuildV1} saved 'fraud'");

        // 2. SQL over the JSON column.
        string? learningRate = await ScalarAsync<string>("SELECT model->'hyperparameters'->>'learningRate' FROM models WHERE name = 'churn'");
        Check(learningRate is not null && double.Parse(learningRate, CultureInfo.InvariantCulture) == original.Hyperparameters.LearningRate,
              $"model->'hyperparameters'->>'learningRate' gave {learningRate ?? "NULL"}, expected {original.Hyperparameters.LearningRate}");
        string? adam = await ScalarAsync<string>(
            "SELECT string_agg(name, ',' ORDER BY name) FROM models WHERE model @> '{\"hyperparameters\": {\"optimizer\": \"adam\"}}'");
        Check(adam == "churn", $"the models trained with optimizer adam are '{adam}', expected 'churn'");
        string plan = await ExplainWithoutSeqScanAsync("SELECT name FROM models WHERE model @> '{\"hyperparameters\": {\"optimizer\": \"adam\"}}'");
        Check(plan.Contains("models_model_gin", StringComparison.Ordinal), $"the containment query does not use the GIN index: {plan}");
        log($"2. SQL: model->'hyperparameters'->>'learningRate' = {learningRate}; trained with optimizer adam (model @> ...): {adam}; " +
            $"the planner answers it with {(plan.Contains("models_model_gin", StringComparison.Ordinal) ? "the GIN index models_model_gin" : plan)}");

        // 3. Rollback: version 1 reads version 2's row and re-saves it with an edit of a member both versions have.
        StoredModel<ScoringModelV1> seenByV1 = await v1.LoadAsync("churn");
        int keptBinary = ModelSerializer.GetUnknownMembers(seenByV1.FromBinary).Count;
        int keptJson = ModelSerializer.GetUnknownMembers(seenByV1.FromJson).Count;
        await v1.UpdateAsync("churn", m => m.Metrics["rollbackAudit"] = 1);
        log($"3. {BuildV1} read 'churn' (keeping {keptBinary} members it does not know from bytea, {keptJson} from jsonb) and re-saved it with metrics.rollbackAudit = 1");
        Check(keptBinary == 2 && keptJson == 2, $"version 1 kept {keptBinary} (binary) and {keptJson} (JSON) unknown members, expected threshold and calibration in both");

        // 4. Version 2 reads again: both columns carry every version-2 member and version 1's edit.
        StoredModel<ScoringModel> back = await v2.LoadAsync("churn");
        original.Metrics["rollbackAudit"] = 1;
        string expectedJson = ModelJson.Serialize(original);
        Check(SameJson(ModelJson.Serialize(back.FromBinary), expectedJson), $"the binary column after the rollback reads as {ModelJson.Serialize(back.FromBinary)}, expected {expectedJson}");
        Check(SameJson(ModelJson.Serialize(back.FromJson), expectedJson), $"the JSON column after the rollback reads as {ModelJson.Serialize(back.FromJson)}, expected {expectedJson}");
        // docs/versioning.md, "Rollback": what version 1 re-saves records version 2, so version 2 does not migrate it again.
        string? jsonVersion = await ScalarAsync<string>("SELECT model->>'$version' FROM models WHERE name = 'churn'");
        Check(jsonVersion == "2", $"the re-saved JSON records $version {jsonVersion}, expected 2 (the newest version whose members it carries)");
        Check(back.SchemaVersion == 2, $"the re-saved row records schema version {back.SchemaVersion}, expected 2");
        log($"4. {BuildV2} read 'churn' again: threshold {back.FromBinary.Threshold}, calibration [{string.Join(", ", back.FromBinary.Calibration)}], " +
            $"hyperparameters.l2 {back.FromBinary.Hyperparameters.L2} kept in both columns; version 1's edit present: {back.FromJson.Metrics.ContainsKey("rollbackAudit")}; " +
            $"row at schema version {back.SchemaVersion}, written by {back.WrittenBy}");

        await using (NpgsqlCommand history = dataSource.CreateCommand(
            "SELECT schema_version, fingerprint, written_by, written_at FROM model_history WHERE name = 'churn' ORDER BY id"))
        await using (NpgsqlDataReader reader = await history.ExecuteReaderAsync())
        {
            var rows = new List<string>();
            while (await reader.ReadAsync())
                rows.Add($"v{reader.GetInt32(0)} {reader.GetString(1)} by {reader.GetString(2)} at {reader.GetDateTime(3):HH:mm:ss.fff}");
            log("   history of 'churn': " + string.Join(" | ", rows));
            Check(rows.Count == 2, $"'churn' has {rows.Count} history rows, expected 2");
        }

        // 5. Documents that must not get in: another model's, and an invalid one. Nothing is written.
        long before = await ScalarAsync<long>("SELECT (SELECT count(*) FROM models) * 1000000 + (SELECT count(*) FROM model_history)");
        string otherModel = """{"$version":2,"hyperparameters":{"learningRate":0.5,"epochs":300,"seed":7,"l2":0},"coefficients":[1,2],"bias":0.5,"featureMeans":[0,0],"featureScales":[1,1],"threshold":0.5,"metrics":{}}""";
        string invalid = ModelJson.Serialize(Revisions.V2(43)).Replace("\"optimizer\":\"sgd\"", "\"optimizer\":17", StringComparison.Ordinal);
        foreach ((string what, string document) in new[] { ("another model's document (ModelGen.Sample.LogisticModel)", otherModel), ("a document with optimizer = 17", invalid) })
        {
            try
            {
                await v2.SaveJsonAsync("churn", document);
                Failures.Add($"{what} was accepted");
            }
            catch (ModelValidationException e)
            {
                log($"5. refused {what}: {e.Message}");
            }
        }
        long after = await ScalarAsync<long>("SELECT (SELECT count(*) FROM models) * 1000000 + (SELECT count(*) FROM model_history)");
        StoredModel<ScoringModel> unchanged = await v2.LoadAsync("churn");
        Check(before == after && SameJson(ModelJson.Serialize(unchanged.FromJson), expectedJson), "a refused document changed the tables");
    }

    // jsonb keeps objects with their keys sorted (and numbers as numeric): compare the documents, not the text.
    private static bool SameJson(string a, string b) => JsonNode.DeepEquals(JsonNode.Parse(a), JsonNode.Parse(b));

    private async Task<T?> ScalarAsync<T>(string sql)
    {
        await using NpgsqlCommand command = dataSource.CreateCommand(sql);
        object? value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }

    /// <summary>The plan of a query with sequential scans discouraged: a table of a few rows is scanned, not indexed,
    /// by choice; this shows that the index can serve the query (as it will once the table is large).</summary>
    private async Task<string> ExplainWithoutSeqScanAsync(string sql)
    {
        await using NpgsqlConnection connection = await dataSource.OpenConnectionAsync();
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync();
        await using (var off = new NpgsqlCommand("SET LOCAL enable_seqscan = off", connection, transaction)) await off.ExecuteNonQueryAsync();
        await using var explain = new NpgsqlCommand("EXPLAIN " + sql, connection, transaction);
        var lines = new List<string>();
        await using (NpgsqlDataReader reader = await explain.ExecuteReaderAsync())
            while (await reader.ReadAsync()) lines.Add(reader.GetString(0).Trim());
        await transaction.RollbackAsync();
        return string.Join(" / ", lines);
    }
}
