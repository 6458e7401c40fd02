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
            Assert.Equal(d.Id is "MG0013" or "MG0014" or "MG0020" or "MG0022" or "MG0023" or "MG0024" or "MG0025" ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error, d.Severity);
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

    // MG0002 says why the .NET type is refused and names the nearest supported type (never "mark it [SerializableModel]").
    [Theory]
    [InlineData("System.Type", "Member 'Data' has type 'System.Type?', which ModelGen cannot serialize; a Type names code, not data, and reading one back would need reflection; store its name as a string (Type.AssemblyQualifiedName); or exclude the member with [ModelIgnore]")]
    [InlineData("Action<int>", "Member 'Data' has type 'System.Action<int>?', which ModelGen cannot serialize; a delegate is code, not data; store what selects it (an enum or a string name) and rebuild the delegate after loading; or exclude the member with [ModelIgnore]")]
    [InlineData("Delegate", "Member 'Data' has type 'System.Delegate?', which ModelGen cannot serialize; 'System.Delegate' has no wire form in ModelGen; use a supported type (README, \"What is supported\"), or a [SerializableModel] type of your own holding its data; or exclude the member with [ModelIgnore]")]
    [InlineData("List<object>", "Member 'Data' has type 'System.Collections.Generic.List<object>?', which ModelGen cannot serialize; object has no fixed shape to write or read back; use a concrete type, or a [ModelUnion] of model types for values of several shapes; or exclude the member with [ModelIgnore]")]
    [InlineData("float[,,,,,,,,]", "Member 'Data' has type 'float[*,*,*,*,*,*,*,*,*]?', which ModelGen cannot serialize; an array has at most rank 8 (the format's limit); use a jagged array, or a flat T[] with its lengths in another member; or exclude the member with [ModelIgnore]")]
    [InlineData("Dictionary<double, int>", "Member 'Data' has type 'System.Collections.Generic.Dictionary<double, int>?', which ModelGen cannot serialize; a dictionary key must be a string, an integer, a char, a GUID, an enum, a DateOnly, a TimeOnly, a Version or a value tuple of these (JSON writes keys as text); use Dictionary<string, V> with the key's text, or a List of a model holding the key and the value; or exclude the member with [ModelIgnore]")]
    [InlineData("(int, int, int, int, int, int, int, int)", "Member 'Data' has type '(int, int, int, int, int, int, int, int)?', which ModelGen cannot serialize; a tuple holds at most 7 items here (an eighth item nests the rest in ValueTuple's TRest); use a [SerializableModel] record struct with named members, or nest a tuple as one item; or exclude the member with [ModelIgnore]")]
    [InlineData("Dictionary<(double, int), int>", "Member 'Data' has type 'System.Collections.Generic.Dictionary<(double, int), int>?', which ModelGen cannot serialize; a dictionary key must be a string, an integer, a char, a GUID, an enum, a DateOnly, a TimeOnly, a Version or a value tuple of these (JSON writes keys as text); use Dictionary<string, V> with the key's text, or a List of a model holding the key and the value; or exclude the member with [ModelIgnore]")]
    [InlineData("Tuple<int, string>", "Member 'Data' has type 'System.Tuple<int, string>?', which ModelGen cannot serialize; System.Tuple (a class) is not supported; use a value tuple (T1, T2), which ModelGen saves, or a [SerializableModel] record with named members; or exclude the member with [ModelIgnore]")]
    [InlineData("System.IO.MemoryStream", "Member 'Data' has type 'System.IO.MemoryStream?', which ModelGen cannot serialize; a stream is a handle to data outside the model, not a value; store the bytes (byte[] or ReadOnlyMemory<byte>); or exclude the member with [ModelIgnore]")]
    [InlineData("ReadOnlyMemory<string>", "Member 'Data' has type 'System.ReadOnlyMemory<string>?', which ModelGen cannot serialize; Memory<T> and ReadOnlyMemory<T> hold packable primitives only (numbers, bool, char); use T[] or List<T>; or exclude the member with [ModelIgnore]")]
    public void UnsupportedMemberTypeSaysWhyAndNamesTheNearestSupportedType(string type, string message)
    {
        string actual = Message($"[SerializableModel] public partial class Model {{ public {type}? Data {{ get; set; }} }}", "MG0002");
        Assert.Equal(message, actual);
        Assert.DoesNotContain("mark", actual, System.StringComparison.OrdinalIgnoreCase);
    }

    // A refused member makes no follow-on error anywhere: not in generated code, nor in user code that serializes the
    // model or nests it in another model (no CS0311 "cannot be used as type parameter" from a missing interface).
    [Fact]
    public void RefusedMembersDoNotCascade()
    {
        var (output, diagnostics, _) = GeneratorHarness.Run(Usings + """
            [SerializableModel] public partial class Model { public Type? Kind { get; set; } public Action<int>? OnStep { get; set; } public int X { get; set; } }
            [SerializableModel] public partial class Holder { public Model Single { get; set; } = new(); public List<Model> Many { get; set; } = new(); public Dictionary<string, Model[,,,]> ByName { get; set; } = new(); }
            public static class Use
            {
                public static byte[] Save(Holder h) => ModelSerializer.Serialize(h);
                public static string Json(Model m) => ModelJson.Serialize(m);
                public static Model Load(byte[] b) => ModelSerializer.Deserialize<Model>(b);
            }
            """);
        Assert.Equal(["MG0002", "MG0002"], diagnostics.Select(d => d.Id).ToArray());
        var errors = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
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
    public void ReadOnlyKeptMembersFieldIsAdvisedAsTheKeptField()
    {
        string message = Message("[SerializableModel] public partial struct M { public int A { get; set; } private readonly KeptMembers _kept; public M() { _kept = default; } public bool Same => _kept.Equals(default); }", "MG0007");
        Assert.Contains("KeptMembers field", message);
        Assert.Contains("remove 'readonly'", message);
        Assert.DoesNotContain("constructor parameter", message);
        Assert.DoesNotContain("ModelIgnore", message);
        string inReadOnly = Message("[SerializableModel] public readonly partial struct R { public int A { get; init; } private readonly KeptMembers _kept; public R() { _kept = default; } public bool Same => _kept.Equals(default); }", "MG0007");
        Assert.Contains("a readonly struct cannot hold", inReadOnly);
    }

    [Fact]
    public void MemberCannotBeSetAdvisesRemovingReadonlyOnAField() =>
        Assert.Contains("remove 'readonly'", Message("[SerializableModel] public partial class Model { public readonly int Y; }", "MG0007"));

    [Fact]
    public void MemberCannotBeSetAdviceCompiles() => Compiles("""
        [SerializableModel] public partial class WithInit { public int X { get; init; } = 3; public int Y; }
        [SerializableModel] public partial class WithParameter { public WithParameter(int x) { X = x; } public int X { get; } }
        """);

    // Each rule is one descriptor: two descriptors under one ID would give one rule two titles and release lines.
    [Fact]
    public void EachIdHasOneDescriptor()
    {
        System.Type catalog = typeof(ModelGenerator).Assembly.GetType("ModelGen.Generator.Diagnostics.DiagnosticDescriptors", throwOnError: true)!;
        var descriptors = catalog.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor)).Select(f => (DiagnosticDescriptor)f.GetValue(null)!).ToList();
        Assert.True(descriptors.Count > 10);
        Assert.Equal(descriptors.Select(d => d.Id).Distinct().Count(), descriptors.Count);
    }

    // MG0008's one descriptor says what is generic and what to do, at a model and at a member.
    [Fact]
    public void GenericModelMessages()
    {
        const string box = "[SerializableModel] public partial class Box<T> { public int X { get; set; } }\n";
        Assert.Equal("'Box' is generic, and a model must be a non-generic type; remove the type parameters, or put the attribute on a non-generic class that derives from a closed 'Box<...>'",
            Message(box, "MG0008"));
        string member = GeneratorHarness.Run(Usings + box + "[SerializableModel] public partial class Model { public Box<int> B { get; set; } = new(); }")
            .GeneratorDiagnostics.Where(d => d.Id == "MG0008").Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).Single(m => m.StartsWith("Member", System.StringComparison.Ordinal));
        Assert.Equal("Member 'B' has type 'Box<int>', a closed generic model, and a model must be a non-generic type; use a non-generic class that derives from 'Box<int>' and is marked [SerializableModel], or exclude the member with [ModelIgnore]", member);
    }

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

    // An accessor is named as written, and the advice names an ordinary method (it read 'static void set_Last(...)').
    [Fact]
    public void MigrationHookOnAnAccessorIsNamedAsWritten()
    {
        string message = Message("""
            [SerializableModel(Version = 2)] public partial class Model
            {
                public int X { get; set; }
                private static ModelMigration? Last { get; [ModelMigration] set; }
            }
            """, "MG0012");
        Assert.Contains("'Model.Last.set'", message);
        Assert.Contains("'static void Migrate(ModelGen.ModelMigration migration)'", message);
        Assert.DoesNotContain("set_Last", message);
    }

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
        [SerializableModel] public partial struct Point { public double X; public double Y; private KeptMembers _kept; }
        public partial class Outer { [SerializableModel] public partial record struct Inner(int A, string? B) { private KeptMembers _kept; } }
        """);

    // MG0023: at the name of every struct model without a KeptMembers field, readonly or not, nested or not; none at a
    // struct with one (any name, any accessibility), a class or a record (the generator declares theirs).
    [Fact]
    public void StructWithoutKeptMembers() => Verify("""
        [SerializableModel] public partial struct {|MG0023:Point|} { public double X; public double Y; }
        [SerializableModel] public partial record struct {|MG0023:Pair|}(int A, string? B);
        [SerializableModel] public readonly partial struct {|MG0023:Frozen|} { public int A { get; init; } }
        [SerializableModel] public readonly partial record struct {|MG0023:Span|}(int Start, int Length);
        [Hyperparameters] public partial struct {|MG0023:Options|} { public Options() { } public float Rate { get; set; } = 0.1f; }
        public partial class Outer { [SerializableModel] public partial struct {|MG0023:Inner|} { public int A; } }
        [SerializableModel] public partial struct Kept { public int A; private KeptMembers _kept; }
        [SerializableModel] public partial record struct KeptToo(int A) { internal KeptMembers Newer; }
        [SerializableModel] public partial class Model { public Point P { get; set; } public Pair[] Pairs { get; set; } = []; }
        [SerializableModel] public partial record Record(Frozen F, Span S);
        """);

    // MG0024: at the comparer argument of the initializer of a set or dictionary that loading does not set after
    // construction (init-only, required) or of an interface type, when loading cannot create the comparer again (a
    // lambda's, an instance member, a call, an immutable collection); none where it can (a static property or field,
    // a constructor without arguments, null), none for a member with a setter of a concrete collection type (it takes
    // the comparer of the collection there), nor for a list or an initializer without a comparer.
    [Fact]
    public void ComparerNotRecreated() => Verify("""
        public sealed class Reverse : IComparer<string> { public int Compare(string? a, string? b) => string.CompareOrdinal(b, a); }
        [SerializableModel] public partial class Model
        {
            private readonly IEqualityComparer<string> _own = StringComparer.Ordinal;
            private static readonly IComparer<string> s_reverse = new Reverse();
            public SortedDictionary<string, int> A { get; init; } = new({|MG0024:Comparer<string>.Create((x, y) => x.Length - y.Length)|});
            public SortedDictionary<string, int> A2 { get; set; } = new(Comparer<string>.Create((x, y) => x.Length - y.Length));
            public HashSet<string> B { get; init; } = new(StringComparer.OrdinalIgnoreCase);
            public Dictionary<string, int> C { get; init; } = new(StringComparer.InvariantCultureIgnoreCase);
            public SortedSet<string> D { get; init; } = new(s_reverse);
            public SortedSet<string> E { get; init; } = new(new Reverse());
            public Dictionary<string, int> F { get; init; } = new(null);
            public System.Collections.Immutable.ImmutableDictionary<string, int> G { get; set; } = System.Collections.Immutable.ImmutableDictionary.Create<string, int>({|MG0024:StringComparer.OrdinalIgnoreCase|});
            public IReadOnlyDictionary<string, int> H { get; set; } = new Dictionary<string, int>(16, StringComparer.OrdinalIgnoreCase);
            public IReadOnlyDictionary<string, int> H2 { get; set; } = new Dictionary<string, int>({|MG0024:Comparer(1)|});
            public List<string> I { get; set; } = new(16);
            public Dictionary<string, int> J { get; init; } = new(16);
            public HashSet<string> K { get; init; } = new({|MG0024:Comparer(2)|});
            public HashSet<string> K2 { get; set; } = new(Comparer(3));
            private static IEqualityComparer<string> Comparer(int n) => StringComparer.Ordinal;
        }
        [SerializableModel] public partial class Instance
        {
            private readonly IEqualityComparer<string> _own = StringComparer.OrdinalIgnoreCase;
            public Instance() => L = new(_own);
            public HashSet<string> L { get; set; }
            public HashSet<string> M { get; init; } = new(StringComparer.Ordinal);
        }
        """);

    // MG0024 from the body of the constructor loading calls (and of those it chains to), which runs after the
    // initializers: at the comparer argument of a statement 'M = new(...)' loading cannot create again; at an assignment
    // loading does not follow (in a branch, a loop, a lambda, '??=', a method the constructor calls) when it or the value
    // it may replace gives a comparer. None where the last statement that assigns the member is plain and its comparer
    // can be created again (whatever the initializer named), for an object initializer's member or a local of the same
    // name, for a member with a setter of a concrete collection type, nor for a constructor parameter's member.
    [Fact]
    public void ComparerNotRecreatedInTheConstructor() => Verify("""
        public class Other { public HashSet<string> A { get; set; } = new(); }
        public class Base
        {
            public Base() { if (DateTime.Now.Year > 2000) { {|MG0024:H = new(StringComparer.OrdinalIgnoreCase)|}; } }
            public HashSet<string> H { get; init; } = new();
        }
        [SerializableModel] public partial class Model : Base
        {
            private readonly IEqualityComparer<string> _own = StringComparer.Ordinal;
            public Model() : this(0)
            {
                A = new({|MG0024:Comparer<string>.Create((x, y) => x.Length - y.Length)|});
                B = new(StringComparer.Ordinal);
                if (_own is null) {|MG0024:C = new(StringComparer.OrdinalIgnoreCase)|};
                foreach (var x in new[] { 1 }) {|MG0024:D = new()|};
                {|MG0024:E ??= new(StringComparer.Ordinal)|};
                Init();
                var other = new Other { A = new(_own) };
                HashSet<string> J;
                J = new(_own);
                { SortedSet<string> P; P = new(Comparer<string>.Create((x, y) => 0)); }
                K = new(_own);
                if (_own is null) L = new();
                for (int i = 0; i < 1; i++) {|MG0024:M = new(_own)|};
                N = new(StringComparer.OrdinalIgnoreCase);
            }
            private Model(int n) => F = new({|MG0024:_own|});
            public SortedDictionary<string, int> A { get; init; }
            public HashSet<string> B { get; init; } = new(EqualityComparer<string>.Create((x, y) => x == y));
            public HashSet<string> C { get; init; } = new();
            public HashSet<string> D { get; init; } = new(_own);
            public Dictionary<string, int> E { get; init; } = null!;
            public HashSet<string> F { get; init; }
            public required IReadOnlySet<string> G { get; set; }
            public HashSet<string> K { get; set; }
            public HashSet<string> L { get; init; } = new();
            public HashSet<string> M { get; init; } = new();
            public SortedSet<string> N { get; init; } = new();
            public SortedSet<string> P { get; init; } = new();
            private void Init() { {|MG0024:G = new HashSet<string>(StringComparer.OrdinalIgnoreCase)|}; }
        }
        [SerializableModel] public partial class Positional
        {
            public Positional(HashSet<string> words) { Words = words; Words2 = new(StringComparer.OrdinalIgnoreCase); }
            public HashSet<string> Words { get; }
            public HashSet<string> Words2 { get; init; }
        }
        """);

    [Fact]
    public void ComparerNotRecreatedSaysWhereTheConstructorAssignsIt()
    {
        Assert.Equal(
            "The constructor assigns 'Words' in a branch ('Words = new(StringComparer.OrdinalIgnoreCase)'), which loading does not follow: it cannot tell which comparer the member ends with, and a comparer is not saved, so a loaded value compares with the default comparer; assign the member in a statement of its own of the constructor and name a static comparer (StringComparer.OrdinalIgnoreCase, a static readonly field) in 'new Dictionary/SortedDictionary/HashSet/SortedSet(...)', or declare the member as one of those four with a setter (loading then takes the comparer of the collection there)",
            Message("[SerializableModel] public partial class Model { public Model(bool b) { B = b; if (b) Words = new(StringComparer.OrdinalIgnoreCase); } public bool B { get; set; } public HashSet<string> Words { get; init; } = new(); }", "MG0024"));
        Assert.StartsWith(
            "The constructor's assignment to 'Words' gives it the comparer 'Comparer<string>.Create((x, y) => x.Length - y.Length)', which is not saved: loading cannot create this comparer again",
            Message("[SerializableModel] public partial class Model { public Model() { Words = new(Comparer<string>.Create((x, y) => x.Length - y.Length)); } public SortedSet<string> Words { get; init; } }", "MG0024"));
        Assert.Contains("('Words ??= new(StringComparer.Ordinal)')",
            Message("[SerializableModel] public partial class Model { public Model() { Words ??= new(StringComparer.Ordinal); } public HashSet<string> Words { get; init; } }", "MG0024"));
    }

    [Fact]
    public void ComparerNotRecreatedSaysWhatIsLostAndWhatToDo() => Assert.Equal(
        "The initializer of 'Words' gives it the comparer 'Comparer<string>.Create((x, y) => x.Length - y.Length)', which is not saved: loading cannot create this comparer again (it creates a static property's or field's, or one made by a constructor without arguments), so a loaded value compares with the default comparer; name a static comparer (StringComparer.OrdinalIgnoreCase, a static readonly field) in 'new Dictionary/SortedDictionary/HashSet/SortedSet(...)', or declare the member as one of those four with a setter (loading then takes the comparer of the collection there)",
        Message("[SerializableModel] public partial class Model { public SortedSet<string> Words { get; init; } = new(Comparer<string>.Create((x, y) => x.Length - y.Length)); }", "MG0024"));

    [Fact]
    public void StructWithoutKeptMembersSaysWhatIsLostAndTheOneLineFix() => Assert.Equal(
        "'Point' is a struct model without a KeptMembers field, so a build of it that reads data saved by a newer version and saves it again drops the members it does not declare, in every form; add 'private KeptMembers _kept;' (ModelGen.KeptMembers) to it, or suppress MG0023 if its members are final",
        Message("[SerializableModel] public partial struct Point { public double X; }", "MG0023"));

    [Fact]
    public void ReadonlyStructWithoutKeptMembersIsToldItCannotHoldTheField()
    {
        string message = Message("[SerializableModel] public readonly partial record struct Span(int Start, int Length);", "MG0023");
        Assert.Contains("a readonly struct cannot hold that field", message);
        Assert.Contains("make 'Span' a struct that is not readonly and add 'private KeptMembers _kept;'", message);
        Assert.Contains("or make it a class or record", message);
    }

    // The generator's warnings are reported in the compilation's syntax tree, where #pragma warning disable reaches them
    // (a location that only names the file is not): here MG0023, for a struct whose members are final.
    [Fact]
    public void PragmaSuppressesTheGeneratorsWarnings()
    {
        var (_, diagnostics, _) = GeneratorHarness.Run(Usings + """
            #pragma warning disable MG0023 // a pair of indices: its members are final
            [SerializableModel] public partial struct Cell { public int Row; public int Column; }
            #pragma warning restore MG0023
            [SerializableModel] public partial struct Range { public double Min; public double Max; }
            """);
        Diagnostic cell = Assert.Single(diagnostics, d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).StartsWith("'Cell'", System.StringComparison.Ordinal));
        Assert.True(cell.IsSuppressed);
        Diagnostic range = Assert.Single(diagnostics, d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).StartsWith("'Range'", System.StringComparison.Ordinal));
        Assert.False(range.IsSuppressed);
        Assert.NotNull(range.Location.SourceTree);
    }

    [Fact]
    public void StructWithoutKeptMembersAdviceCompiles() => Compiles("""
        [SerializableModel] public partial struct Point { public double X; public double Y; private KeptMembers _kept; }
        [SerializableModel] public partial record struct Span(int Start, int Length) { private KeptMembers _kept; }
        [SerializableModel] public partial record Frozen(int A);
        """);

    // MG0026: a name or member type longer than the binary format holds (1,024 UTF-8 bytes: the envelope's model name,
    // the format-2 table's names, types and tags). Found by a mutation sweep: such a model compiled, JSON worked, and its
    // first binary save or load threw a TypeInitializationException, for the life of the process.
    [Fact]
    public void NamesLongerThanTheBinaryFormatHolds()
    {
        string n1025 = new('N', 1025), n1024 = new('N', 1024), accents = new('é', 513); // 513 characters, 1,026 bytes
        Verify($$"""
            [SerializableModel({|MG0026:Name = "{{n1025}}"|})] public partial class LongModel { public int X { get; set; } }
            [SerializableModel({|MG0026:Name = "{{accents}}"|})] public partial class AccentedModel { public int X { get; set; } }
            [SerializableModel(Name = "{{n1024}}")] public partial class Longest { public int X { get; set; } }
            [SerializableModel] public partial class LongMember { [ModelMember(Name = "{{n1025}}")] public int {|MG0026:X|} { get; set; } }
            [SerializableModel(Name = "{{n1024.Substring(4)}}")] public partial class Inner { public int X { get; set; } }
            [SerializableModel] public partial class Holder { public Inner? {|MG0026:Nested|} { get; set; } }
            [SerializableModel, ModelUnion({|MG0026:"{{n1025}}"|}, typeof(Case))] public abstract partial class Shape { }
            [SerializableModel] public partial class Case : Shape { public int X { get; set; } }
            """);
    }

    [Fact]
    public void NameTooLongSaysHowLongAndTheLimit()
    {
        string message = Message($$"""[SerializableModel(Name = "{{new string('N', 1030)}}")] public partial class Model { public int X { get; set; } }""", "MG0026");
        Assert.Equal(
            "The model name ('" + new string('N', 48) + "…') is 1030 UTF-8 bytes long, and the binary format holds names of at most 1024 (docs/format.md): no binary reader could load 'Model', and its binary writer could not start; choose a shorter name",
            message);
    }

    // MG0025: at another serializer's attribute that would have a saved member named otherwise, left out, or made the
    // store of unknown members. Not where the member says what ModelGen does: [ModelMember] (saved on purpose, or named),
    // [ModelIgnore], a [PreviousName] or the naming policy that gives the same name.
    [Fact]
    public void ForeignSerializerAttributes() => Verify("""
        using System.Text.Json.Serialization;
        using System.Runtime.Serialization;
        [SerializableModel] public partial class Model
        {
            [{|MG0025:JsonPropertyName("lr")|}] public float LearningRate { get; set; }
            [JsonPropertyName("epochs")] public int Epochs { get; set; }                       // the name ModelGen gives it
            [JsonPropertyName("batch")] [ModelMember(Name = "batch")] public int BatchSize { get; set; }
            [JsonPropertyName("opt")] [PreviousName("opt")] public string Optimizer { get; set; } = "";
            [{|MG0025:JsonIgnore|}] public string ApiKey { get; set; } = "";
            [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Note { get; set; }
            [JsonIgnore] [ModelMember] public int Seed { get; set; }
            [JsonIgnore] [ModelIgnore] public int Scratch { get; set; }
            [{|MG0025:JsonExtensionData|}] public Dictionary<string, string>? Extra { get; set; }
            [{|MG0025:IgnoreDataMember|}] public int Steps { get; set; }
            [{|MG0025:DataMember(Name = "w")|}] public int Width { get; set; }
            [DataMember(Order = 3)] public int Height { get; set; }
            [{|MG0025:NonSerialized|}] public int Cache;
        }
        [SerializableModel] public partial class FromJsonNet
        {
            [{|MG0025:Newtonsoft.Json.JsonProperty("lr")|}] public float LearningRate { get; set; }
            [{|MG0025:Newtonsoft.Json.JsonProperty(PropertyName = "n")|}] public int Count { get; set; }
            [Newtonsoft.Json.JsonProperty(Required = 1)] public int Other { get; set; }
            [{|MG0025:Newtonsoft.Json.JsonIgnore|}] public int Cache { get; set; }
        }
        [DataContract] [SerializableModel] public partial class Contract
        {
            [DataMember] public int Kept { get; set; }
            public string {|MG0025:Password|} { get; set; } = "";
            [ModelIgnore] public string Cache { get; set; } = "";
            [ModelMember] public int Seed { get; set; }
            [{|MG0025:DataMember(Name = "r")|}] public int Rows { get; set; }
        }
        [Newtonsoft.Json.JsonObject(1)] [SerializableModel] public partial class OptIn
        {
            [Newtonsoft.Json.JsonProperty] public int Kept { get; set; }
            public int {|MG0025:Secret|} { get; set; }
        }
        [Newtonsoft.Json.JsonObject] [SerializableModel] public partial class OptOut { public int All { get; set; } }
        [Hyperparameters] public partial class FromElsewhere
        {
            [{|MG0025:Microsoft.Extensions.Configuration.ConfigurationKeyName("lr")|}] public float LearningRate { get; set; }
            [Microsoft.Extensions.Configuration.ConfigurationKeyName("epochs")] public int Epochs { get; set; }
            [{|MG0025:System.Xml.Serialization.XmlIgnore|}] public int A { get; set; }
            [System.Xml.Serialization.XmlElement("bee")] public int B { get; set; }   // a name in XML, not in JSON
            [{|MG0025:MessagePack.IgnoreMember|}] public int C { get; set; }
            [{|MG0025:ProtoBuf.ProtoIgnore|}] public int D { get; set; }
            [{|MG0025:MemoryPack.MemoryPackIgnore|}] public int E { get; set; }
        }
        [SerializableModel(Naming = ModelNaming.SnakeCase)] public partial record Snake([property: JsonPropertyName("learning_rate")] float LearningRate, [property: {|MG0025:JsonPropertyName("rate")|}] float Rate2);
        """ + JsonNetStandIns);

    // Json.NET's attributes as the package declares them (the tests do not reference it).
    private const string JsonNetStandIns = """

        namespace Newtonsoft.Json
        {
            public sealed class JsonPropertyAttribute : System.Attribute
            {
                public JsonPropertyAttribute() { }
                public JsonPropertyAttribute(string propertyName) => PropertyName = propertyName;
                public string? PropertyName { get; set; }
                public int Required { get; set; }
            }
            public sealed class JsonIgnoreAttribute : System.Attribute { }
            public sealed class JsonObjectAttribute : System.Attribute
            {
                public JsonObjectAttribute() { }
                public JsonObjectAttribute(int memberSerialization) => MemberSerialization = memberSerialization;
                public int MemberSerialization { get; set; }
            }
        }
        namespace Microsoft.Extensions.Configuration
        {
            public sealed class ConfigurationKeyNameAttribute(string name) : System.Attribute { public string Name { get; } = name; }
        }
        namespace MessagePack { public sealed class IgnoreMemberAttribute : System.Attribute { } }
        namespace ProtoBuf { public sealed class ProtoIgnoreAttribute : System.Attribute { } }
        namespace MemoryPack { public sealed class MemoryPackIgnoreAttribute : System.Attribute { } }
        """;

    [Fact]
    public void ForeignNameSaysWhatLoadsAndTheFixThatKeepsTheKey()
    {
        string message = Message("""
            [SerializableModel] public partial class Model { [System.Text.Json.Serialization.JsonPropertyName("lr")] public float LearningRate { get; set; } }
            """, "MG0025");
        int key = ModelGen.Internal.MemberKeys.Of("learningRate");
        Assert.Equal(
            "Member 'LearningRate' is named 'lr' by [JsonPropertyName], which ModelGen does not read: ModelGen saves it as 'learningRate' in every form, so documents written under 'lr' load its default (System.Text.Json too, through the converter ModelGen gives the model); "
            + $"give ModelGen that name with [ModelMember(Name = \"lr\")] — where data was saved under 'learningRate' already, [ModelMember(Name = \"lr\", Key = {key})] [PreviousName(\"learningRate\")], which keep its binary key and its JSON for older builds — or remove [JsonPropertyName]",
            message);
    }

    // Another spelling of ModelGen's name (System.Text.Json's default PascalCase): read anyway, but written otherwise.
    [Fact]
    public void ForeignNameThatIsAnotherSpellingSaysTheShapeChanges() => Assert.Contains(
        "ModelGen saves it as 'learningRate' in every form (it reads 'LearningRate' as another spelling of that name), so the documents it writes change shape",
        Message("""
            [SerializableModel] public partial class Model { [System.Text.Json.Serialization.JsonPropertyName("LearningRate")] public float LearningRate { get; set; } }
            """, "MG0025"));

    // A base from another assembly (a shared contracts package) cannot take ModelGen's attributes: the model that
    // inherits the member is told, at its declaration.
    [Fact]
    public void ForeignAttributeOfABaseInAnotherAssemblyIsReportedAtTheModel()
    {
        var library = GeneratorHarness.Compile("""
            namespace Contracts;
            public class TrainingDto
            {
                [System.Text.Json.Serialization.JsonPropertyName("lr")] public float LearningRate { get; set; }
                public int Epochs { get; set; }
            }
            """).WithAssemblyName("Contracts");
        using var image = new System.IO.MemoryStream();
        Assert.True(library.Emit(image).Success);
        var reference = MetadataReference.CreateFromImage(image.ToArray());
        var input = GeneratorHarness.Compile(Usings + "[SerializableModel] public partial class Training : Contracts.TrainingDto { public int Seed { get; set; } }")
            .AddReferences(reference);
        GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(input, out _, out var diagnostics);
        Diagnostic d = Assert.Single(diagnostics, d => d.Id == "MG0025");
        Assert.Equal("Training", d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan));
        Assert.StartsWith("Member 'LearningRate' is named 'lr' by [JsonPropertyName] in 'TrainingDto' (another assembly), which ModelGen does not read", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("declare the member in 'Training'", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ForeignSerializerAttributeAdviceCompiles() => Compiles("""
        using System.Text.Json.Serialization;
        [SerializableModel] public partial class Model
        {
            [JsonPropertyName("lr")] [ModelMember(Name = "lr")] public float LearningRate { get; set; }
            [JsonIgnore] [ModelIgnore] public string ApiKey { get; set; } = "";
            [JsonExtensionData] [ModelIgnore] public Dictionary<string, System.Text.Json.JsonElement>? Extra { get; set; }
        }
        """);
}
