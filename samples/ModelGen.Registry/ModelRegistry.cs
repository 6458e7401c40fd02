using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Json.Schema;
using ModelGen;
using ModelGen.Internal;
using Npgsql;
using NpgsqlTypes;

namespace ModelGen.Registry;

/// <summary>A JSON document was refused before anything was written: it is not a document of the registry's model, or
/// it breaks the model's JSON Schema. <see cref="Errors"/> lists each failed rule with its location in the document.</summary>
public sealed class ModelValidationException(string message, IReadOnlyList<string> errors) : Exception(message)
{
    public IReadOnlyList<string> Errors { get; } = errors;
}

/// <summary>What one row holds: the model read from each column, and the history of the envelope.</summary>
public sealed record StoredModel<T>(T FromBinary, T FromJson, int SchemaVersion, string Fingerprint, string WrittenBy);

/// <summary>The tables every build shares. Created once, by whichever build deploys first.</summary>
public static class RegistrySchema
{
    public const string CreateTables = """
        CREATE TABLE IF NOT EXISTS models (
            name           text PRIMARY KEY,
            model_name     text NOT NULL,
            schema_version integer NOT NULL,
            fingerprint    text NOT NULL,
            model          jsonb NOT NULL CHECK (jsonb_typeof(model) = 'object'),
            model_binary   bytea NOT NULL CHECK (substring(model_binary from 1 for 4) = 'MGEN'::bytea),
            written_by     text NOT NULL,
            written_at     timestamptz NOT NULL DEFAULT clock_timestamp());
        -- jsonb_path_ops: a smaller GIN index that serves containment (@>) queries such as "every model trained with
        -- optimizer adam": model @> '{"hyperparameters": {"optimizer": "adam"}}'.
        CREATE INDEX IF NOT EXISTS models_model_gin ON models USING GIN (model jsonb_path_ops);
        CREATE TABLE IF NOT EXISTS model_history (
            id             bigserial PRIMARY KEY,
            name           text NOT NULL,
            model_name     text NOT NULL,
            schema_version integer NOT NULL,
            fingerprint    text NOT NULL,
            written_by     text NOT NULL,
            written_at     timestamptz NOT NULL DEFAULT clock_timestamp());
        CREATE INDEX IF NOT EXISTS model_history_name ON model_history (name, id);
        """;

    public static async Task CreateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await using NpgsqlCommand command = dataSource.CreateCommand(CreateTables);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>One build of a service, using the registry with its own version of the model class <typeparamref name="T"/>.
/// Each row holds the model twice: the JSON form in a <c>jsonb</c> column (queried in SQL, validated against the
/// model's generated JSON Schema before it is written) and the binary form in a <c>bytea</c> column (checksummed);
/// every write adds a history row, in the same transaction.</summary>
public sealed class ModelRegistry<T> where T : IModelSerializable<T>
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly JsonSchema _jsonSchema;

    /// <param name="build">Who writes: recorded in the history (e.g. "scoring-service 2.0").</param>
    /// <param name="jsonSchema">The model's generated JSON Schema (<c>ScoringModel.JsonSchema</c>).</param>
    public ModelRegistry(NpgsqlDataSource dataSource, string build, string jsonSchema)
    {
        _dataSource = dataSource;
        Build = build;
        // A registry per schema: two builds hold two schemas with the same $id (the model name).
        _jsonSchema = JsonSchema.FromText(RequireEveryMember(jsonSchema), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }

    public string Build { get; }

    /// <summary>Saves a model. A value read from the registry holds the members this build does not know, and both
    /// forms carry them (JSON by name, or by key under <c>"$fields"</c>); a value holding one that a column could not
    /// carry (a dictionary-only value) is refused, to be re-saved with <see cref="UpdateAsync"/>, which keeps each
    /// column's own.</summary>
    public Task SaveAsync(string name, T model, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<UnknownMember> unknown = ModelSerializer.GetUnknownMembers(model);
        UnknownMember[] wouldLose = unknown.Where(m => (m.WrittenIn & (ModelForms.Binary | ModelForms.Json)) != (ModelForms.Binary | ModelForms.Json)).ToArray();
        if (wouldLose.Length > 0)
            throw new InvalidOperationException($"'{name}': the value holds members this build does not know ({string.Join(", ", wouldLose.Select(m => m.Name))}) " +
                                                "that one of the two columns would lose; re-save values read from the registry with UpdateAsync");
        return WriteAsync(name, ModelSerializer.Serialize(model), ModelJson.Serialize(model), cancellationToken);
    }

    /// <summary>Saves a JSON document that arrives as text (from another service, a notebook, a file): validated against
    /// the model's JSON Schema, then read as <typeparamref name="T"/> to write the binary form. A document of another
    /// model or an invalid one throws <see cref="ModelValidationException"/>, and nothing is written.</summary>
    public Task SaveJsonAsync(string name, string json, CancellationToken cancellationToken = default)
    {
        Validate(name, json);
        T model;
        try
        {
            model = ModelJson.Deserialize<T>(json);
        }
        catch (ModelFormatException e)
        {
            throw new ModelValidationException($"'{name}': the document does not read as {T.Schema.Name}: {e.Message}", [e.Message]);
        }
        // Members of a newer version that this build does not know are kept by name, and the binary column carries them
        // too (as named members). One that binary cannot carry (no JSON form that reads back) would make the two
        // columns disagree: such a document belongs to the build that knows it.
        UnknownMember[] jsonOnly = ModelSerializer.GetUnknownMembers(model).Where(m => (m.WrittenIn & ModelForms.Binary) == 0).ToArray();
        if (jsonOnly.Length > 0)
            throw new InvalidOperationException($"'{name}': the document has members this build ({Build}, {T.Schema.Name} version {T.Schema.Version}) " +
                                                $"does not know ({string.Join(", ", jsonOnly.Select(m => m.Name))}), which the binary column cannot carry; " +
                                                "save it with the build that knows them, nothing was written");
        return WriteAsync(name, ModelSerializer.Serialize(model), json, cancellationToken);
    }

    /// <summary>Reads a row, applies <paramref name="edit"/> and writes it back. Each column is read into its own value,
    /// edited and written back in its own form, so the members this build does not know (kept by each form, see
    /// docs/versioning.md) survive in both columns: this is how an older build re-saves a newer build's model.</summary>
    public async Task UpdateAsync(string name, Action<T> edit, CancellationToken cancellationToken = default)
    {
        StoredModel<T> stored = await LoadAsync(name, cancellationToken);
        edit(stored.FromBinary);
        edit(stored.FromJson);
        await WriteAsync(name, ModelSerializer.Serialize(stored.FromBinary), ModelJson.Serialize(stored.FromJson), cancellationToken);
    }

    /// <summary>Reads both columns of a row (one statement, so both come from the same committed write).</summary>
    public async Task<StoredModel<T>> LoadAsync(string name, CancellationToken cancellationToken = default)
    {
        await using NpgsqlCommand command = _dataSource.CreateCommand(
            "SELECT model_binary, model::text, schema_version, fingerprint, written_by FROM models WHERE name = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) throw new KeyNotFoundException($"no model named '{name}' in the registry");
        byte[] binary = reader.GetFieldValue<byte[]>(0);
        string json = reader.GetString(1);
        return new StoredModel<T>(ModelSerializer.Deserialize<T>(binary), ModelJson.Deserialize<T>(json),
                                  reader.GetInt32(2), reader.GetString(3), reader.GetString(4));
    }

    /// <summary>Checks a JSON document against the model's JSON Schema (throws <see cref="ModelValidationException"/>)
    /// and gives the version of the data it holds (<c>$version</c>).</summary>
    public int Validate(string name, string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ModelValidationException($"'{name}': not a JSON document: {e.Message}", [e.Message]);
        }
        using (document)
        {
            EvaluationResults result = _jsonSchema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
            if (result.IsValid)
                return document.RootElement.TryGetProperty("$version", out JsonElement version) && version.TryGetInt32(out int v) ? v : T.Schema.Version;
            var errors = new List<string>();
            Collect(result, errors);
            throw new ModelValidationException(
                $"'{name}': the document is not a valid {T.Schema.Name} (version {T.Schema.Version}) by its JSON Schema, nothing was written: " +
                string.Join("; ", errors.Take(5)) + (errors.Count > 5 ? $"; and {errors.Count - 5} more" : ""), errors);
        }
    }

    // Descends only into failed nodes: the failed branches of an anyOf that another branch satisfied are not errors.
    private static void Collect(EvaluationResults node, List<string> errors)
    {
        if (node.IsValid) return;
        if (node.Errors is not null)
            foreach (KeyValuePair<string, string> error in node.Errors)
            {
                string at = node.InstanceLocation.ToString();
                string line = $"{(at.Length > 0 ? at : "/")}: {error.Value}";
                if (!errors.Contains(line)) errors.Add(line);
            }
        foreach (EvaluationResults child in node.Details ?? []) Collect(child, errors);
    }

    /// <summary>The generated schema requires only what the model cannot do without (its required members), so that
    /// older and newer documents validate. The registry is stricter at the top level: ModelJson writes every member, so
    /// a document of this model's version (or a newer one) has them all, and a document of another model, which shares
    /// a few names at most, does not. An older version's document is refused too: read it with ModelJson (which
    /// migrates it) and save the value.</summary>
    private static string RequireEveryMember(string jsonSchema)
    {
        JsonObject schema = JsonNode.Parse(jsonSchema)?.AsObject() ?? throw new ArgumentException("the JSON Schema is not an object", nameof(jsonSchema));
        var required = new JsonArray();
        foreach (KeyValuePair<string, JsonNode?> property in schema["properties"]?.AsObject() ?? [])
            if (property.Key != "$version") required.Add(property.Key);
        schema["required"] = required;
        return schema.ToJsonString();
    }

    private async Task WriteAsync(string name, byte[] binary, string json, CancellationToken cancellationToken)
    {
        // The version of the data: a version-1 build re-saving a version-2 model records version 2 ($version in JSON,
        // the version field in binary); the envelope's header names the writing class's version and fingerprint.
        int dataVersion = Validate(name, json);
        Envelope envelope = ModelSerializer.ReadEnvelope(binary);
        if (envelope.ModelName != T.Schema.Name)
            throw new ModelValidationException($"'{name}': the binary form is a {envelope.ModelName}, not a {T.Schema.Name}", []);
        string fingerprint = envelope.Fingerprint.ToString("x16", CultureInfo.InvariantCulture);

        await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var upsert = new NpgsqlCommand("""
            INSERT INTO models (name, model_name, schema_version, fingerprint, model, model_binary, written_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (name) DO UPDATE SET model_name = excluded.model_name, schema_version = excluded.schema_version,
                fingerprint = excluded.fingerprint, model = excluded.model, model_binary = excluded.model_binary,
                written_by = excluded.written_by, written_at = clock_timestamp()
            """, connection, transaction))
        {
            upsert.Parameters.Add(new NpgsqlParameter { Value = name });
            upsert.Parameters.Add(new NpgsqlParameter { Value = envelope.ModelName });
            upsert.Parameters.Add(new NpgsqlParameter { Value = dataVersion });
            upsert.Parameters.Add(new NpgsqlParameter { Value = fingerprint });
            upsert.Parameters.Add(new NpgsqlParameter { Value = json, NpgsqlDbType = NpgsqlDbType.Jsonb });
            upsert.Parameters.Add(new NpgsqlParameter { Value = binary, NpgsqlDbType = NpgsqlDbType.Bytea });
            upsert.Parameters.Add(new NpgsqlParameter { Value = Build });
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var history = new NpgsqlCommand(
            "INSERT INTO model_history (name, model_name, schema_version, fingerprint, written_by) VALUES ($1, $2, $3, $4, $5)",
            connection, transaction))
        {
            history.Parameters.Add(new NpgsqlParameter { Value = name });
            history.Parameters.Add(new NpgsqlParameter { Value = envelope.ModelName });
            history.Parameters.Add(new NpgsqlParameter { Value = dataVersion });
            history.Parameters.Add(new NpgsqlParameter { Value = fingerprint });
            history.Parameters.Add(new NpgsqlParameter { Value = Build });
            await history.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
