using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

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
