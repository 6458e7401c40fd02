using System;
using System.Globalization;
using System.Linq;
using ModelGen.Registry;
using Npgsql;

// Usage (a real PostgreSQL server; scripts/postgres.sh starts a throwaway one, runs the sample and removes it):
//   bash scripts/postgres.sh run dotnet run --project samples/ModelGen.Registry
//   dotnet run --project samples/ModelGen.Registry -- [seconds=10] [writers=4] [readers=4]   with MODELGEN_POSTGRES set
// Exit code 1 when any check fails, 2 when no server is configured.

string? connectionString = Environment.GetEnvironmentVariable("MODELGEN_POSTGRES");
if (string.IsNullOrEmpty(connectionString))
{
    Console.Error.WriteLine("MODELGEN_POSTGRES is not set: run the sample against a server with `bash scripts/postgres.sh run dotnet run --project samples/ModelGen.Registry`");
    return 2;
}
double seconds = Argument("seconds", 10);
int writers = (int)Argument("writers", 4), readers = (int)Argument("readers", 4);

await using NpgsqlDataSource dataSource = NpgsqlDataSource.Create(connectionString);
var story = new RollingDeployment(dataSource, Console.WriteLine);
await story.RunAsync();

Console.WriteLine($"6. load: {writers} writers and {readers} readers of both builds for {seconds} s against {new NpgsqlConnectionStringBuilder(connectionString).Host} ...");
LoadResult load = await LoadTest.RunAsync(dataSource, writers, readers, TimeSpan.FromSeconds(seconds));
Console.WriteLine($"   {load}");
foreach (string problem in load.Corrupted.Take(5)) Console.WriteLine($"   corrupted: {problem}");
if (load.Lost > 0 || load.Corrupted.Count > 0) story.Failures.Add($"the load run lost {load.Lost} and corrupted {load.Corrupted.Count} models");
if (load.Writes == 0 || load.Reads == 0) story.Failures.Add("the load run wrote or read nothing");

foreach (string failure in story.Failures) Console.WriteLine($"FAILED: {failure}");
if (story.Failures.Count > 0) return 1;
Console.WriteLine("all checks passed");
return 0;

double Argument(string name, double fallback)
{
    foreach (string arg in args)
        if (arg.StartsWith(name + "=", StringComparison.Ordinal)) return double.Parse(arg[(name.Length + 1)..], CultureInfo.InvariantCulture);
    return fallback;
}
