using System.Collections.Generic;
using System.Data.Common;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace ModelGen.EntityFrameworkCore.Tests;

/// <summary>The mapping under test: HasModelJsonConversion and HasModelBinaryConversion.</summary>
public class ModelContext(SqliteConnection connection) : DbContext
{
    public DbSet<Run> Runs => Set<Run>();

    protected override void OnConfiguring(DbContextOptionsBuilder options) => options.UseSqlite(connection);

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<Run>().Property(r => r.Model).HasModelJsonConversion();
        b.Entity<Run>().Property(r => r.Packed!).HasModelBinaryConversion(); // a nullable property: '!' selects it as non-nullable
    }
}

/// <summary>What users wrote by hand before: a value converter alone, no value comparer.</summary>
public class ConverterOnlyContext(SqliteConnection connection) : DbContext
{
    public DbSet<Run> Runs => Set<Run>();

    protected override void OnConfiguring(DbContextOptionsBuilder options) => options.UseSqlite(connection);

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<Run>().Property(r => r.Model).HasConversion(v => ModelJson.Serialize(v, null), s => ModelJson.Deserialize<Classifier>(s, null));
        b.Entity<Run>().Property(r => r.Packed).HasConversion(v => ModelSerializer.Serialize<Classifier>(v!, null), s => ModelSerializer.Deserialize<Classifier>(s, null));
    }
}

/// <summary>The documented PostgreSQL mapping: JSON in jsonb (<c>HasModelJsonConversion().HasColumnType("jsonb")</c>),
/// binary in bytea (what <c>byte[]</c> maps to), and json (text kept as written) for the lossless comparison.</summary>
public class PostgresContext(DbConnection connection, List<string>? commands = null) : DbContext
{
    public DbSet<Run> Runs => Set<Run>();
    public DbSet<ModelRow> Rows => Set<ModelRow>();

    protected override void OnConfiguring(DbContextOptionsBuilder options) => Configure(options, connection, commands);

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<Run>().Property(r => r.Model).HasModelJsonConversion().HasColumnType("jsonb");
        b.Entity<Run>().Property(r => r.Packed!).HasModelBinaryConversion();
        b.Entity<Run>().HasIndex(r => r.Model).HasMethod("gin").HasOperators("jsonb_path_ops"); // serves @> (JsonContains)
        b.Entity<ModelRow>().Property(r => r.Edges).HasModelJsonConversion().HasColumnType("jsonb");
        b.Entity<ModelRow>().Property(r => r.EdgesPacked!).HasModelBinaryConversion();
        b.Entity<ModelRow>().Property(r => r.EdgesVerbatim!).HasModelJsonConversion().HasColumnType("json");
        b.Entity<ModelRow>().Property(r => r.Pipeline!).HasModelJsonConversion().HasColumnType("jsonb");
        b.Entity<ModelRow>().Property(r => r.Options).HasModelJsonConversion().HasColumnType("jsonb");
        b.Entity<ModelRow>().Property(r => r.Legacy!).HasModelJsonConversion().HasColumnType("jsonb");
    }

    /// <summary>Npgsql on the test's own connection (its schema first on the search path); each executed command's SQL
    /// into <paramref name="commands"/> when given.</summary>
    internal static void Configure(DbContextOptionsBuilder options, DbConnection connection, List<string>? commands)
    {
        options.UseNpgsql(connection);
        if (commands is not null)
            options.LogTo(message => { lock (commands) commands.Add(message); }, [RelationalEventId.CommandExecuted]);
    }

    /// <summary>Creates this context's tables in the connection's schema (EnsureCreated would see another test's tables
    /// in the same database and create nothing).</summary>
    public Task CreateTablesAsync() => this.GetService<IRelationalDatabaseCreator>().CreateTablesAsync();
}

/// <summary>A newer build's context on the same table: <see cref="RunV3"/>, the same mapping.</summary>
public class NewerPostgresContext(DbConnection connection) : DbContext
{
    public DbSet<RunV3> Runs => Set<RunV3>();

    protected override void OnConfiguring(DbContextOptionsBuilder options) => PostgresContext.Configure(options, connection, null);

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<RunV3>().ToTable("Runs");
        b.Entity<RunV3>().Property(r => r.Model).HasModelJsonConversion().HasColumnType("jsonb");
        b.Entity<RunV3>().Property(r => r.Packed!).HasModelBinaryConversion();
    }
}
