using System.Threading.Tasks;
using ModelGen.CodeFixes.Formatters;
using Xunit;
using Verify = ModelGen.Analyzers.Tests.Infrastructure.Verifier<ModelGen.Analyzers.Formatters.InsecureFormatterAnalyzer>;

namespace ModelGen.Analyzers.Tests.CodeFixes;

/// <summary>One fix-all pass over realistic BinaryFormatter code (several uses in a document, and across documents) leaves
/// no MG1001 that a fix could remove, and compiles: types marked, calls moved, formatters nothing uses removed.</summary>
public sealed class OnePassMigrationTests
{
    private const string Trainer = """
        using System.IO;
        using System.Runtime.Serialization.Formatters.Binary;

        namespace Training
        {
            public class Checkpoint
            {
                public int Epoch { get; set; }
                public float[] Weights { get; set; } = System.Array.Empty<float>();
                public Optimizer State { get; set; } = new();
            }

            public class Optimizer
            {
                public float LearningRate { get; set; }
            }

            public class Trainer
            {
                private readonly BinaryFormatter _formatter = {|MG1001:new BinaryFormatter()|};

                public void Save(string path, Checkpoint checkpoint)
                {
                    using var stream = File.Create(path);
                    {|MG1001:_formatter.Serialize(stream, checkpoint)|};
                }

                public Checkpoint Load(string path)
                {
                    using var stream = File.OpenRead(path);
                    return (Checkpoint){|MG1001:_formatter.Deserialize(stream)|};
                }

                public static Optimizer LoadOptimizer(Stream stream)
                {
                    var formatter = {|MG1001:new BinaryFormatter()|};
                    return (Optimizer){|MG1001:formatter.Deserialize(stream)|};
                }
            }
        }
        """;

    private const string Export = """
        using System.IO;
        using System.Runtime.Serialization;
        using System.Runtime.Serialization.Formatters.Binary;
        using Training;

        static class Export
        {
            public static void Write(Stream stream, Checkpoint checkpoint)
            {
                IFormatter formatter = {|MG1001:new BinaryFormatter()|};
                {|MG1001:formatter.Serialize(stream, checkpoint)|};
                {|MG1001:formatter.Serialize(stream, checkpoint.State)|};
            }

            public static object ReadAnything(Stream stream)
            {
                var formatter = {|MG1001:new BinaryFormatter()|};
                return {|MG1001:formatter.Deserialize(stream)|};
            }
        }
        """;

    private const string TrainerFixed = """
        using System.IO;
        using System.Runtime.Serialization.Formatters.Binary;
        using ModelGen;

        namespace Training
        {
            [SerializableModel]
            public partial class Checkpoint
            {
                public int Epoch { get; set; }
                public float[] Weights { get; set; } = System.Array.Empty<float>();
                public Optimizer State { get; set; } = new();
            }

            [SerializableModel]
            public partial class Optimizer
            {
                public float LearningRate { get; set; }
            }

            public class Trainer
            {
                public void Save(string path, Checkpoint checkpoint)
                {
                    using var stream = File.Create(path);
                    ModelSerializer.Serialize(stream, checkpoint);
                }

                public Checkpoint Load(string path)
                {
                    using var stream = File.OpenRead(path);
                    return ModelSerializer.Deserialize<Checkpoint>(stream);
                }

                public static Optimizer LoadOptimizer(Stream stream)
                {
                    return ModelSerializer.Deserialize<Optimizer>(stream);
                }
            }
        }
        """;

    // ReadAnything reads into object: nothing can replace it, so it keeps its formatter and its MG1001.
    private const string ExportFixed = """
        using System.IO;
        using System.Runtime.Serialization;
        using System.Runtime.Serialization.Formatters.Binary;
        using ModelGen;
        using Training;

        static class Export
        {
            public static void Write(Stream stream, Checkpoint checkpoint)
            {
                ModelSerializer.Serialize(stream, checkpoint);
                ModelSerializer.Serialize(stream, checkpoint.State);
            }

            public static object ReadAnything(Stream stream)
            {
                var formatter = {|MG1001:new BinaryFormatter()|};
                return {|MG1001:formatter.Deserialize(stream)|};
            }
        }
        """;

    // One fix of the mark fix: both types marked (Checkpoint needs Optimizer), the first call moved; the calls on the
    // types, now models, are the other fix's (UseModelSerializer), so one fix alone stops here.
    private const string TrainerAfterOneFix = """
        using System.IO;
        using System.Runtime.Serialization.Formatters.Binary;
        using ModelGen;

        namespace Training
        {
            [SerializableModel]
            public partial class Checkpoint
            {
                public int Epoch { get; set; }
                public float[] Weights { get; set; } = System.Array.Empty<float>();
                public Optimizer State { get; set; } = new();
            }

            [SerializableModel]
            public partial class Optimizer
            {
                public float LearningRate { get; set; }
            }

            public class Trainer
            {
                private readonly BinaryFormatter _formatter = {|MG1001:new BinaryFormatter()|};

                public void Save(string path, Checkpoint checkpoint)
                {
                    using var stream = File.Create(path);
                    ModelSerializer.Serialize(stream, checkpoint);
                }

                public Checkpoint Load(string path)
                {
                    using var stream = File.OpenRead(path);
                    return (Checkpoint){|MG1001:_formatter.Deserialize(stream)|};
                }

                public static Optimizer LoadOptimizer(Stream stream)
                {
                    var formatter = {|MG1001:new BinaryFormatter()|};
                    return (Optimizer){|MG1001:formatter.Deserialize(stream)|};
                }
            }
        }
        """;

    [Fact]
    public Task One_fix_all_pass_of_the_mark_fix_moves_every_document()
    {
        var test = Verify.CodeFixTest<MarkAsSerializableModelCodeFixProvider>([Trainer, Export], [TrainerAfterOneFix, Export]);
        test.NumberOfIncrementalIterations = 1;
        test.BatchFixedState.MarkupHandling = Microsoft.CodeAnalysis.Testing.MarkupMode.Allow;
        test.BatchFixedState.Sources.Add(("/0/Test0.cs", TrainerFixed));
        test.BatchFixedState.Sources.Add(("/0/Test1.cs", ExportFixed));
        test.NumberOfFixAllIterations = 1;
        test.NumberOfFixAllInProjectIterations = 1;
        // Fix-all in one document leaves the other one's calls: project and solution scope do both.
        test.CodeFixTestBehaviors = Microsoft.CodeAnalysis.Testing.CodeFixTestBehaviors.SkipFixAllInDocumentCheck;
        return test.RunAsync();
    }

    private static string Premarked(string source) => source
        .Replace("public class Checkpoint", "[ModelGen.SerializableModel] public partial class Checkpoint")
        .Replace("public class Optimizer", "[ModelGen.SerializableModel] public partial class Optimizer")
        .Replace("[SerializableModel]\n    public partial class", "[ModelGen.SerializableModel] public partial class");

    [Fact]
    public Task One_fix_all_pass_of_the_use_fix_moves_every_call_on_models_and_removes_the_formatters()
    {
        // The same code with the types already models: the other fix, one call at a time or all at once, ends in the
        // same place, and a formatter goes with its last call.
        var test = Verify.CodeFixTest<UseModelSerializerCodeFixProvider>([Premarked(Trainer), Export], [Premarked(TrainerFixed), ExportFixed]);
        test.NumberOfFixAllIterations = 1;
        test.NumberOfFixAllInProjectIterations = 1;
        test.CodeFixTestBehaviors = Microsoft.CodeAnalysis.Testing.CodeFixTestBehaviors.SkipFixAllInDocumentCheck;
        return test.RunAsync();
    }
}
