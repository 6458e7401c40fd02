using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ModelGen.Generator.Tests;

public class DiagnosticTests
{
    private const string Usings = "using System; using System.Collections.Generic; using ModelGen;\n";

    /// <summary>Runs the generator on markup and asserts that exactly the marked diagnostics are reported, at the marked spans.</summary>
    private static void Verify(string markup)
    {
        var (source, expected) = GeneratorHarness.Markup(Usings + markup);
        var (_, diagnostics, _) = GeneratorHarness.Run(source);
        var actual = diagnostics.Where(d => d.Id.StartsWith("MG")).Select(d => (d.Id, d.Location.SourceSpan)).OrderBy(x => x.SourceSpan.Start).ToList();
        Assert.Equal(expected.OrderBy(x => x.Span.Start).Select(x => (x.Id, x.Span)).ToList(), actual);
        Assert.All(diagnostics, d =>
        {
            Assert.Equal(d.Descriptor.DefaultSeverity, d.Severity);
            Assert.Equal(d.Id is "MG0013" or "MG0014" ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error, d.Severity);
            Assert.StartsWith("https://github.com/modelgen/modelgen/blob/main/docs/diagnostics/MG", d.Descriptor.HelpLinkUri);
        });
    }

    [Fact]
    public void NotPartial() => Verify("[SerializableModel] public class {|MG0001:Model|} { public int X { get; set; } }");

    [Fact]
    public void ContainingTypeNotPartial() =>
        Verify("public class {|MG0001:Outer|} { [SerializableModel] public partial class Inner { public int X { get; set; } } }");

    [Fact]
    public void UnsupportedMemberType() =>
        Verify("[SerializableModel] public partial class Model { public System.IO.Stream {|MG0002:Data|} { get; set; } = null!; }");

    [Fact]
    public void UnsupportedMemberTypeInsideACollection() =>
        Verify("[SerializableModel] public partial class Model { public List<object> {|MG0002:Items|} { get; set; } = new(); }");

    [Fact]
    public void NoUsableConstructor() =>
        Verify("[SerializableModel] public partial class {|MG0003:Model|} { public Model(string other) { } public int X { get; set; } }");

    [Fact]
    public void AbstractWithoutUnion() =>
        Verify("[SerializableModel] public abstract partial class {|MG0003:Model|} { public int X { get; set; } }");

    [Fact]
    public void DuplicateName() =>
        Verify("[SerializableModel] public partial class Model { public int X { get; set; } [ModelMember(Name = \"x\")] public int {|MG0004:Y|} { get; set; } }");

    [Fact]
    public void DuplicateKeyThroughPreviousName() =>
        Verify("[SerializableModel] public partial class Model { public int Alpha { get; set; } [PreviousName(\"alpha\")] public int {|MG0004:Beta|} { get; set; } }");

    [Fact]
    public void UnionSubtypeNotDerived() => Verify("""
        [SerializableModel] public partial class Other { }
        [SerializableModel, ModelUnion("a", typeof(Other))] public abstract partial class {|MG0005:Base|} { }
        """);

    [Fact]
    public void NestedTypeNotMarked() => Verify("""
        public class Plain { public int X { get; set; } }
        [SerializableModel] public partial class Model { public Plain {|MG0006:Inner|} { get; set; } = new(); }
        """);

    [Fact]
    public void MemberCannotBeSet() =>
        Verify("[SerializableModel] public partial class Model { public int {|MG0007:X|} { get; } = 3; public int Computed => X * 2; }");

    [Fact]
    public void GenericModel() =>
        Verify("[SerializableModel] public partial class {|MG0008:Model|}<T> { public int X { get; set; } }");

    [Fact]
    public void KeyOutOfRange() =>
        Verify("[SerializableModel] public partial class Model { [ModelMember(Key = 3)] public int {|MG0009:X|} { get; set; } }");

    [Fact]
    public void VersionNotPositive() =>
        Verify("[SerializableModel(Version = 0)] public partial class {|MG0010:Model|} { public int X { get; set; } }");

    [Fact]
    public void DuplicateUnionTag() => Verify("""
        [SerializableModel] public partial class A : Base { }
        [SerializableModel] public partial class B : Base { }
        [SerializableModel, ModelUnion("a", typeof(A)), ModelUnion("a", typeof(B))] public abstract partial class {|MG0011:Base|} { }
        """);

    [Fact]
    public void MigrationHookWithTheWrongShape() => Verify("""
        [SerializableModel(Version = 2)] public partial class Model
        {
            public int X { get; set; }
            [ModelMigration] private void {|MG0012:Upgrade|}(ModelMigration migration) { }
        }
        """);

    [Fact]
    public void TwoMigrationHooks() => Verify("""
        [SerializableModel(Version = 2)] public partial class Model
        {
            public int X { get; set; }
            [ModelMigration] private static void First(ModelMigration migration) { }
            [ModelMigration] private static void {|MG0012:Second|}(ModelMigration migration) { }
        }
        """);

    [Fact]
    public void EveryDiagnosticHasItsPage()
    {
        string root = System.AppContext.BaseDirectory;
        while (!System.IO.File.Exists(System.IO.Path.Combine(root, "ModelGen.sln"))) root = System.IO.Path.GetDirectoryName(root)!;
        foreach (var field in typeof(ModelGen.Generator.ModelGenerator).Assembly.GetType("ModelGen.Generator.Diagnostics.DiagnosticIds")!.GetFields())
        {
            string id = (string)field.GetValue(null)!;
            string page = System.IO.File.ReadAllText(System.IO.Path.Combine(root, "docs", "diagnostics", id + ".md"));
            Assert.StartsWith("# " + id + ":", page);
            Assert.Contains("## How to fix", page);
        }
    }

    [Fact]
    public void PrivateStateThatIsNeitherSavedNorIgnored() => Verify("""
        [SerializableModel] public partial class Scaler
        {
            public int Features { get; set; }
            private double[] {|MG0013:_means|} = [];
            protected internal float {|MG0013:Shift|} { get; set; }
            internal readonly List<string> {|MG0013:_labels|} = new();
            [ModelMember] private double[] _stds = [];         // saved
            [ModelIgnore] private double[]? _inverse;          // derived
            private readonly object _gate = new();             // not model data
            private static int s_count;                        // not instance state
            private const int Limit = 3;
            private int Computed => Features * 2;              // not state
            public double Last { get; private set; }           // a serialized member's backing field is not reported
        }
        """);

    [Fact]
    public void PreviousNameThatIsTheCurrentName() => Verify("""
        [SerializableModel] public partial class Model
        {
            [{|MG0014:PreviousName("optimizer")|}] public string Optimizer { get; set; } = "";
            [PreviousName("Solver")] public string Solver { get; set; } = ""; // data may say "Solver" (an old [ModelMember(Name)])
            [{|MG0014:PreviousName("")|}] public int Epochs { get; set; }
            [PreviousName("Lr")] public float LearningRate { get; set; }
        }
        [SerializableModel(Naming = ModelNaming.SnakeCase)] public partial class Snake
        {
            [{|MG0014:PreviousName("hidden_size")|}] public int HiddenSize { get; set; }
        }
        """);

    [Fact]
    public void UnknownNamingPolicy() =>
        Verify("[SerializableModel(Naming = (ModelNaming)9)] public partial class {|MG0015:Model|} { public int X { get; set; } }");

    [Fact]
    public void ValidModelsReportNothing() => Verify("""
        [SerializableModel] public partial class A : Base { public float[] W { get; set; } = []; }
        [SerializableModel(Version = 2), ModelUnion("a", typeof(A))] public abstract partial class Base { public int Shared { get; set; } }
        [Hyperparameters] public partial record Options(float LearningRate = 0.1f, int Epochs = 3);
        [SerializableModel] public partial struct Point { public double X; public double Y; }
        public partial class Outer { [SerializableModel] public partial record struct Inner(int A, string? B); }
        """);
}
