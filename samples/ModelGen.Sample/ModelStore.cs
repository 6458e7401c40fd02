using System;
using Microsoft.Data.Sqlite;
using ModelGen;

namespace ModelGen.Sample;

/// <summary>Stores models in SQLite the two ways a service would: JSON in a TEXT column that SQL can query,
/// and the binary format in a BLOB column.</summary>
public sealed class ModelStore(string connectionString)
{
    public void CreateTables()
    {
        using SqliteConnection connection = Open();
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS models_json (name TEXT PRIMARY KEY, model TEXT NOT NULL CHECK (json_valid(model)));
            CREATE TABLE IF NOT EXISTS models_binary (name TEXT PRIMARY KEY, model BLOB NOT NULL);
            """);
    }

    public void SaveJson(string name, LogisticModel model)
    {
        using SqliteConnection connection = Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO models_json (name, model) VALUES ($name, $model)";
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$model", ModelJson.Serialize(model));
        command.ExecuteNonQuery();
    }

    public void SaveBinary(string name, LogisticModel model)
    {
        using SqliteConnection connection = Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO models_binary (name, model) VALUES ($name, $model)";
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.Add("$model", SqliteType.Blob).Value = ModelSerializer.Serialize(model);
        command.ExecuteNonQuery();
    }

    public LogisticModel LoadJson(string name)
    {
        using SqliteConnection connection = Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT model FROM models_json WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        string json = command.ExecuteScalar() as string ?? throw new InvalidOperationException($"no JSON model named '{name}'");
        return ModelJson.Deserialize<LogisticModel>(json);
    }

    public LogisticModel LoadBinary(string name)
    {
        using SqliteConnection connection = Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT model FROM models_binary WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        byte[] bytes = command.ExecuteScalar() as byte[] ?? throw new InvalidOperationException($"no binary model named '{name}'");
        return ModelSerializer.Deserialize<LogisticModel>(bytes);
    }

    /// <summary>Runs a scalar query, e.g. one that reads inside the stored JSON with <c>json_extract</c>.</summary>
    public object? QueryScalar(string sql, string name)
    {
        using SqliteConnection connection = Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$name", name);
        object? value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
