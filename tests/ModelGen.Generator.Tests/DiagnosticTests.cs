using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ModelGen.Generator.Tests;

public class DiagnosticTests
{
    private const string Usings = "using System; using System.Collections.Generic; using ModelGen;\n";

    /// <summary>Runs the generator on markup and asserts that exactly the marked diagnostics are reported, at the marked
    /// spans, and that the generated code has no error or warning of its own (a refused model cascades into nothing).</summary>
    private static void Verify(string markup)
    {
        var (source, expected) = GeneratorHarness.Markup(Usings + markup);
        var (output, diagnostics, _) = GeneratorHarness.Run(source);
        var actual = diagnostics.Where(d => d.Id.StartsWith("MG")).Select(d => (d.Id, d.Location.SourceSpan)).OrderBy(x => x.SourceSpan.Start).ToList();
        Assert.Equal(expected.OrderBy(x => x.Span.Start).Select(x => (x.Id, x.Span)).ToList(), actual);
        Assert.All(diagnostics, d =>
        {
            Assert.Equal(d.Descriptor.DefaultSeverity, d.Severity);
            Assert.Equal(d.Id is "MG0013" or "MG0014" ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error, d.Severity);
            Assert.StartsWith("https://github.com/modelgen/modelgen/blob/main/docs/diagnostics/MG", d.Descriptor.HelpLinkUri);
        });
        var inGenerated = GeneratorHarness.GeneratedCodeProblems(output);
        Assert.True(inGenerated.Count == 0, string.Join("\n", inGenerated));
    }

    /// <summary>The source as a user writes it after following a diagnostic's advice: no diagnostic at all, and no
    /// error or warning anywhere (user code or generated code).</summary>
    private static void Compiles(string source)
    {
        var (output, diagnostics, _) = GeneratorHarness.Run(Usings + source);
        Assert.True(diagnostics.IsEmpty, string.Join("\n", diagnostics));
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static string Message(string source, string id) =>
        GeneratorHarness.Run(Usings + source).GeneratorDiagnostics.Single(d => d.Id == id).GetMessage(System.Globalization.CultureInfo.InvariantCulture);

    // MG0001: at the declaration that lacks 'partial'. Advice: add 'partial' (to containing types too).
    [Fact]
    public void NotPartial() => Verify("[SerializableModel] public class {|MG0001:Model|} { public int X { get; set; } }");

    [Fact]
    public void ContainingTypeNotPartial() =>
        Verify("public class {|MG0001:Outer|} { [SerializableModel] public partial class Inner { public int X { get; set; } } }");

    [Fact]
    public void NotPartialAtTheDeclarationThatLacksIt() => Verify("""
        [SerializableModel] public partial class Model { public int X { get; set; } }
        public class {|MG0001:Model|} { public int Y { get; set; } }
        """);

    [Fact]
    public void NotPartialAdviceCompiles() =>
        Compiles("public partial class Outer { [SerializableModel] public partial class Inner { public int X { get; set; } } }");

    // A model that uses a model that is not partial gets no follow-on error: only the MG0001 shows.
    [Fact]
    public void ModelUsingANonPartialModelReportsOnlyThatModel() => Verify("""
        [SerializableModel] public class {|MG0001:Part|} { public int X { get; set; } }
        [SerializableModel] public partial class Model { public Part Part { get; set; } = new(); public List<Part> Parts { get; set; } = new(); }
        [SerializableModel, ModelUnion("p", typeof(Leaf))] public abstract partial class Tree { }
        [SerializableModel] public class {|MG0001:Leaf|} : Tree { }
        """);

    // MG0002: at the member's type. Advice: another type, or [ModelIgnore].
    [Fact]
    public void UnsupportedMemberType() =>
        Verify("[SerializableModel] public partial class Model { public {|MG0002:System.IO.Stream|} Data { get; set; } = null!; }");

    [Fact]
    public void UnsupportedMemberTypeInsideACollection() =>
        Verify("[SerializableModel] public partial class Model { public {|MG0002:List<object>|} Items { get; set; } = new(); }");

    [Fact]
    public void UnsupportedTypeOfAFieldAndOfAPositionalParameter() =>
        Verify("[SerializableModel] public partial record Model({|MG0002:object|} Tag) { public {|MG0002:System.IO.Stream?|} Data; }");

    [Fact]
    public void UnsupportedMemberTypeAdviceCompiles() =>
        Compiles("[SerializableModel] public partial class Model { [ModelIgnore] public System.IO.Stream? Data { get; set; } public List<string> Items { get; set; } = new(); }");

    [Fact]
    public void UnsupportedMemberTypeDoesNotAdviseMarkingIt() =>
        Assert.DoesNotContain("[SerializableModel]", Message("[SerializableModel] public partial class Model { public object? Data { get; set; } }", "MG0002"));

    [Theory]
    [InlineData("System.Collections.Concurrent.ConcurrentBag<int>", "List<int> (or int[])")]
    [InlineData("System.Collections.Concurrent.ConcurrentDictionary<string, float>", "Dictionary<string, float>")]
    [InlineData("Bag", "List<string> (or string[])")]
    [InlineData("Tags", "HashSet<string>")]
    [InlineData("Lookup", "Dictionary<int, string>")]
    public void AnUnsupportedCollectionNamesTheNearestSupportedOne(string type, string nearest)
    {
        string message = Message($$"""
            public class Bag : List<string> { }
            public class Tags : HashSet<string> { }
            public class Lookup : Dictionary<int, string> { }
            [SerializableModel] public partial class Model { public {{type}} Items { get; set; } = null!; }
            """, "MG0002");
        Assert.Contains("use the nearest supported one, " + nearest, message);
        Assert.DoesNotContain("[SerializableModel]", message);
    }

    [Fact]
    public void ACollectionClassOfTheUsersIsMG0002AtTheMember() =>
        Verify("public class Bag : List<string> { }\n[SerializableModel] public partial class Model { public {|MG0002:Bag|} Items { get; set; } = new(); }");

    // MG0003: at the type. Advice: a parameterless constructor, or one that matches the members.
    [Fact]
    public void NoUsableConstructor() =>
        Verify("[SerializableModel] public partial class {|MG0003:Model|} { public Model(string other) { } public int X { get; set; } }");

    [Fact]
    public void NoUsableConstructorAdviceCompiles() => Compiles("""
        [SerializableModel] public partial class Model { public Model(string other) { } private Model() { } public int X { get; set; } }
        [SerializableModel] public partial class Other { public Other(int x) { X = x; } public int X { get; set; } }
        """);

    // MG0017: an abstract model without union cases; the advice is not "add a constructor".
    [Fact]
    public void AbstractWithoutUnion() =>
        Verify("[SerializableModel] public abstract partial class {|MG0017:Model|} { public int X { get; set; } }");

    [Fact]
    public void AbstractWithoutUnionDoesNotAdviseAConstructor()
    {
        string message = Message("[SerializableModel] public abstract partial class Model { public int X { get; set; } }", "MG0017");
        Assert.DoesNotContain("constructor", message);
        Assert.Contains("[ModelUnion(", message);
    }

    [Fact]
    public void AbstractWithoutUnionAdviceCompiles() => Compiles("""
        [SerializableModel, ModelUnion("dense", typeof(Dense))] public abstract partial class Model { public int X { get; set; } }
        [SerializableModel] public partial class Dense : Model { public float[] W { get; set; } = []; }
        """);

    // MG0004: at what gives the second member the name or key: the [ModelMember] or [PreviousName] argument, or its name.
    [Fact]
    public void DuplicateName() =>
        Verify("[SerializableModel] public partial class Model { public int X { get; set; } [ModelMember({|MG0004:Name = \"x\"|})] public int Y { get; set; } }");

    [Fact]
    public void DuplicateNameFromTheMemberName() =>
        Verify("[SerializableModel] public partial class Model { [ModelMember(Name = \"y\")] public int X { get; set; } public int {|MG0004:Y|} { get; set; } }");

    [Fact]
    public void DuplicateKey() => Verify("""
        [SerializableModel] public partial class Model { [ModelMember(Key = 20)] public int X { get; set; } [ModelMember({|MG0004:Key = 20|})] public int Y { get; set; } }
        """);

    [Fact]
    public void DuplicateKeyThroughPreviousName() =>
        Verify("[SerializableModel] public partial class Model { public int Alpha { get; set; } [PreviousName({|MG0004:\"alpha\"|})] public int Beta { get; set; } }");

    [Fact]
    public void DuplicateMemberAdviceCompiles() =>
        Compiles("[SerializableModel] public partial class Model { public int X { get; set; } [ModelMember(Name = \"why\", Key = 21)] public int Y { get; set; } }");

    // MG0005: at the typeof(...) of the [ModelUnion] that names it, not at the base.
    [Fact]
    public void UnionSubtypeNotDerived() => Verify("""
        [SerializableModel] public partial class Other { }
        [SerializableModel] public partial class A : Base { }
        [SerializableModel, ModelUnion("a", typeof(A)), ModelUnion("o", {|MG0005:typeof(Other)|})] public abstract partial class Base { }
        """);

    [Fact]
    public void UnionSubtypeNotDerivedAdviceCompiles() => Compiles("""
        [SerializableModel] public partial class Other : Base { }
        [SerializableModel] public partial class A : Base { }
        [SerializableModel, ModelUnion("a", typeof(A)), ModelUnion("o", typeof(Other))] public abstract partial class Base { }
        """);

    // MG0006: at the member's type, or at the union case's typeof(...).
    [Fact]
    public void NestedTypeNotMarked() => Verify("""
        public class Plain { public int X { get; set; } }
        [SerializableModel] public partial class Model { public {|MG0006:Plain|} Inner { get; set; } = new(); public {|MG0006:List<Plain>|} Items { get; set; } = new(); }
        """);

    [Fact]
    public void UnionCaseNotMarked() => Verify("""
        public class Plain : Base { }
        [SerializableModel, ModelUnion("p", {|MG0006:typeof(Plain)|})] public abstract partial class Base { }
        """);

    [Fact]
    public void NestedTypeNotMarkedAdviceCompiles() => Compiles("""
        [SerializableModel] public partial class Plain { public int X { get; set; } }
        [SerializableModel] public partial class Model { public Plain Inner { get; set; } = new(); public List<Plain> Items { get; set; } = new(); }
        """);

    [Fact]
    public void NestedInterfaceNotMarkedAdvisesAUnion() =>
        Assert.Contains("[ModelUnion(", Message("""
            public interface IActivation { }
            [SerializableModel] public partial class Layer { public IActivation? Activation { get; set; } }
            """, "MG0006"));

    // Following only half of the old advice (marking an interface) gave MG0003 plus CS0311 in the layer's generated code:
    // now the interface's own error is the only one.
    [Fact]
    public void MarkedInterfaceWithoutCasesReportsOnlyItsOwnError() => Verify("""
        [SerializableModel] public partial interface {|MG0017:IActivation|} { }
        [SerializableModel] public partial class Layer { public IActivation? Activation { get; set; } public List<IActivation> All { get; set; } = new(); }
        public static class Use { public static byte[] Save(Layer layer) => ModelSerializer.Serialize(layer); public static byte[] Save(IActivation a) => ModelSerializer.Serialize(a); }
        """);

    [Fact]
    public void NestedInterfaceNotMarkedAdviceCompiles() => Compiles("""
        [SerializableModel, ModelUnion("relu", typeof(Relu))] public partial interface IActivation { }
        [SerializableModel] public partial class Relu : IActivation { public float Slope { get; set; } }
        [SerializableModel] public partial class Layer { public IActivation? Activation { get; set; } }
        """);

    // MG0007: at the member. Advice: a setter / init (property) or no 'readonly' (field), or a constructor parameter.
    [Fact]
    public void MemberCannotBeSet() =>
        Verify("[SerializableModel] public partial class Model { public int {|MG0007:X|} { get; } = 3; public readonly int {|MG0007:Y|}; public int Computed => X * 2; }");

    [Fact]
    public void MemberCannotBeSetAdvisesRemovingReadonlyOnAField() =>
        Assert.Contains("remove 'readonly'", Message("[SerializableModel] public partial class Model { public readonly int Y; }", "MG0007"));

    [Fact]
    public void MemberCannotBeSetAdviceCompiles() => Compiles("""
        [SerializableModel] public partial class WithInit { public int X { get; init; } = 3; public int Y; }
        [SerializableModel] public partial class WithParameter { public WithParameter(int x) { X = x; } public int X { get; } }
        """);

    // MG0008: at the type parameters.
    [Fact]
    public void GenericModel() =>
        Verify("[SerializableModel] public partial class Model{|MG0008:<T>|} { public int X { get; set; } }");

    [Fact]
    public void ModelInsideAGenericType() =>
        Verify("public partial class Outer{|MG0008:<T>|} { [SerializableModel] public partial class Model { public int X { get; set; } } }");

    // A closed generic model as a member type: MG0008 at the member's type too (issue 15), and nothing in generated code.
    [Fact]
    public void ModelUsingAGenericModelReportsItAtTheMember() => Verify("""
        [SerializableModel] public partial class Box{|MG0008:<T>|} { public int X { get; set; } }
        [SerializableModel] public partial class Model { public {|MG0008:Box<int>|} Box { get; set; } = new(); }
        """);

    [Fact]
    public void GenericModelAdviceCompiles() => Compiles("""
        public class Box<T> { public T Value { get; set; } = default!; public int Count { get; set; } }
        [SerializableModel] public partial class FloatBox : Box<float> { }
        """);

    // MG0009: at the Key argument.
    [Fact]
    public void KeyOutOfRange() =>
        Verify("[SerializableModel] public partial class Model { [ModelMember({|MG0009:Key = 3|})] public int X { get; set; } }");

    [Fact]
    public void KeyOutOfRangeAdviceCompiles() =>
        Compiles("[SerializableModel] public partial class Model { [ModelMember(Key = 16)] public int X { get; set; } public int Y { get; set; } }");

    // MG0010: at the Version argument.
    [Fact]
    public void VersionNotPositive() =>
        Verify("[SerializableModel({|MG0010:Version = 0|})] public partial class Model { public int X { get; set; } }");

    [Fact]
    public void VersionNotPositiveAdviceCompiles() => Compiles("""
        [SerializableModel(Version = 1)] public partial class Model { public int X { get; set; } }
        [SerializableModel] public partial class Other { public int X { get; set; } }
        """);

    // MG0011: at the repeated tag, or at the repeated typeof(...).
    [Fact]
    public void DuplicateUnionTag() => Verify("""
        [SerializableModel] public partial class A : Base { }
        [SerializableModel] public partial class B : Base { }
        [SerializableModel, ModelUnion("a", typeof(A)), ModelUnion({|MG0011:"a"|}, typeof(B))] public abstract partial class Base { }
        """);

    [Fact]
    public void DuplicateUnionSubtype() => Verify("""
        [SerializableModel] public partial class A : Base { }
        [SerializableModel, ModelUnion("a", typeof(A)), ModelUnion("b", {|MG0011:typeof(A)|})] public abstract partial class Base { }
        """);

    [Fact]
    public void DuplicateUnionTagAdviceCompiles() => Compiles("""
        [SerializableModel] public partial class A : Base { }
        [SerializableModel] public partial class B : Base { }
        [SerializableModel, ModelUnion("a", typeof(A)), ModelUnion("b", typeof(B))] public abstract partial class Base { }
        """);

    // MG0012: at the method.
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
    public void MigrationHookAdviceCompiles() => Compiles("""
        [SerializableModel(Version = 2)] public partial class Model
        {
            public int X { get; set; }
            [ModelMigration] private static void Upgrade(ModelMigration migration) { }
        }
        """);

    // A model with an error still lets code that uses it compile: no CS0311 in other models or in user code.
    [Fact]
    public void ModelWithAnErrorCausesNoFollowOnErrors()
    {
        var (output, diagnostics, _) = GeneratorHarness.Run(Usings + """
            [SerializableModel] public partial class Part { public System.IO.Stream? Data { get; set; } }
            [SerializableModel] public partial class Derived : Part { public int Y { get; set; } }
            [SerializableModel] public partial class Model { public Part? Part { get; set; } public Dictionary<string, Part> ByName { get; set; } = new(); }
            public static class Use { public static Part Load(byte[] data) => ModelSerializer.Deserialize<Part>(data); }
            """);
        Assert.Equal(["MG0002"], diagnostics.Select(d => d.Id));
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

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
