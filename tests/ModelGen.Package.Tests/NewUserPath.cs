using System.IO;

namespace ModelGen.Package.Tests;

/// <summary>What a new user does after the README's package commands (<see cref="PackedFeed"/>): a new console app
/// (<c>dotnet new console</c>) that adds the package, a model saved to a file, <c>modelgen lock App.csproj</c>, a
/// layout change without a version bump (caught at build by MG2001), and <c>modelgen inspect</c> of the saved file.
/// Each step runs only when the one before it succeeded; the tests assert on each.</summary>
public sealed class NewUserPath
{
    public NewUserPath(PackedFeed feed)
    {
        AppDirectory = Path.Combine(feed.Root, "App");
        if (feed.ModelGenTool is null) return;

        New = DotNet.Run(feed.Root, PackedFeed.StepTimeout, "new", "console", "-n", "App", "-o", AppDirectory);
        if (New.ExitCode != 0) return;
        AddPackage = DotNet.Run(AppDirectory, PackedFeed.StepTimeout, "add", "package", "ModelGen", "--version", feed.Version);
        if (AddPackage.ExitCode != 0) return;
        File.WriteAllText(Path.Combine(AppDirectory, "Program.cs"), ProgramSource);
        File.WriteAllText(Path.Combine(AppDirectory, "Scorer.cs"), ScorerSource);
        Run = DotNet.Run(AppDirectory, PackedFeed.StepTimeout, "run", "--disable-build-servers");
        if (Run.ExitCode != 0) return;

        Lock = DotNet.RunProgram(feed.ModelGenTool, AppDirectory, PackedFeed.StepTimeout, "lock", "App.csproj");
        if (Lock.ExitCode != 0) return;
        // No AdditionalFiles item: the package's build targets check ModelSchemas.lock.json beside the project.
        LockedBuild = DotNet.Run(AppDirectory, PackedFeed.StepTimeout, "build", "--no-restore", "--disable-build-servers", "-nodeReuse:false");
        if (LockedBuild.ExitCode != 0) return;

        // The usual mistake: a member added, Version left at 1.
        File.WriteAllText(Path.Combine(AppDirectory, "Scorer.cs"), ScorerSource.Replace(
            "public float Bias { get; set; }", "public float Bias { get; set; }\n    public int Classes { get; set; }"));
        ChangedBuild = DotNet.Run(AppDirectory, PackedFeed.StepTimeout, "build", "--no-restore", "--disable-build-servers", "-nodeReuse:false");

        Inspect = DotNet.RunProgram(feed.ModelGenTool, AppDirectory, PackedFeed.StepTimeout, "inspect", "scorer.mgen");
    }

    public string AppDirectory { get; }
    public ProcessResult? New { get; }
    public ProcessResult? AddPackage { get; }
    public ProcessResult? Run { get; }
    public ProcessResult? Lock { get; }
    public ProcessResult? LockedBuild { get; }
    public ProcessResult? ChangedBuild { get; }
    public ProcessResult? Inspect { get; }

    /// <summary>The last step that ran, for assertion messages.</summary>
    public ProcessResult? LastStep => Inspect ?? ChangedBuild ?? LockedBuild ?? Lock ?? Run ?? AddPackage ?? New;

    // `dotnet new console` turns implicit usings and nullable on: the sources are what a user would write there.
    private const string ProgramSource = """
        using App;
        using ModelGen;

        var scorer = new Scorer { Weights = [0.5f, -1.25f], Bias = 2f };
        ModelFile.Save("scorer.mgen", scorer);
        Scorer loaded = ModelFile.Load<Scorer>("scorer.mgen");
        Console.WriteLine($"saved {Scorer.Schema.Name} version {Scorer.Schema.Version}, reloaded bias {loaded.Bias}");
        """;

    private const string ScorerSource = """
        using ModelGen;

        namespace App;

        [SerializableModel(Version = 1)]
        public partial class Scorer
        {
            public float[] Weights { get; set; } = [];
            public float Bias { get; set; }
        }
        """;
}
