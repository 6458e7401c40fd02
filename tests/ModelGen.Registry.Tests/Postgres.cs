using System;
using System.Threading.Tasks;
using Npgsql;

namespace ModelGen.Registry.Tests;

/// <summary>The real server the tests run against: MODELGEN_POSTGRES holds its connection string
/// (`bash scripts/postgres.sh run dotnet test tests/ModelGen.Registry.Tests` starts one; .ci/run does the same).
/// Shared by the tests that need the server (linked into tests/ModelGen.EntityFrameworkCore.Tests): one policy.
/// Without it the tests fail, naming the command; MODELGEN_POSTGRES_OPTOUT=1 turns them into no-ops for machines
/// without PostgreSQL (.ci/run never sets it).</summary>
public static class Postgres
{
    public const string Variable = "MODELGEN_POSTGRES";
    public const string OptOut = "MODELGEN_POSTGRES_OPTOUT";

    /// <summary>A data source on a schema of its own (dropped by <see cref="IsolatedDatabase.DisposeAsync"/>), or null
    /// when the tests were opted out.</summary>
    public static async Task<IsolatedDatabase?> OpenAsync()
    {
        string? connectionString = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(connectionString))
        {
            if (Environment.GetEnvironmentVariable(OptOut) == "1") return null;
            throw new InvalidOperationException(
                $"{Variable} is not set: these tests need a real PostgreSQL server. Run them with " +
                $"`bash scripts/postgres.sh run dotnet test tests/{typeof(Postgres).Assembly.GetName().Name}` (it starts a throwaway server on 127.0.0.1 " +
                $"and removes it afterwards), or set {Variable} to a connection string; {OptOut}=1 skips them knowingly.");
        }
        string schema = "t_" + Guid.NewGuid().ToString("N")[..12];
        await using (NpgsqlDataSource admin = NpgsqlDataSource.Create(connectionString))
        await using (NpgsqlCommand create = admin.CreateCommand($"CREATE SCHEMA {schema}"))
            await create.ExecuteNonQueryAsync();
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema };
        return new IsolatedDatabase(connectionString, schema, NpgsqlDataSource.Create(builder.ConnectionString));
    }
}

public sealed class IsolatedDatabase(string connectionString, string schema, NpgsqlDataSource dataSource) : IAsyncDisposable
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    public async Task<long> CountAsync(string table)
    {
        await using NpgsqlCommand command = DataSource.CreateCommand($"SELECT count(*) FROM {table}");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await using NpgsqlDataSource admin = NpgsqlDataSource.Create(connectionString);
        await using NpgsqlCommand drop = admin.CreateCommand($"DROP SCHEMA {schema} CASCADE");
        await drop.ExecuteNonQueryAsync();
    }
}
