using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace ModelGen.Generator.Tests;

/// <summary>Tricky but legal declarations, compiled as users compile them (the SDK's implicit global usings, nullable
/// enabled, warnings as errors): each compiles with no warning at all, or gets exactly the marked MG0 diagnostics at the
/// marked places; never an error or a warning elsewhere, in generated code above all, and never a generator exception
/// (which the compiler reports as warning CS8785). A case may span files: "// ---- next file" starts another.</summary>
public class DeclarationCorpusTests
{
    // What `<ImplicitUsings>enable</ImplicitUsings>` generates for a class library, with `<Using Include="ModelGen" />`.
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        global using global::ModelGen;
        """;

    public static readonly Dictionary<string, string> Cases = new()
    {
        // Kinds of types
        ["class"] = "[SerializableModel] public partial class M { public int A { get; set; } public string B { get; set; } = \"\"; }",
        ["sealed class"] = "[SerializableModel] public sealed partial class M { public double A { get; set; } }",
        ["internal class"] = "[SerializableModel] internal partial class M { public int A { get; set; } }",
        ["positional record"] = "[SerializableModel] public partial record M(int A, string B, float[] C);",
        ["record class keyword"] = "[SerializableModel] public partial record class M(int A) { public string? Note { get; init; } }",
        ["record struct"] = "[SerializableModel] public partial record struct {|MG0023:M|}(int A, double B);",
        ["readonly record struct"] = "[SerializableModel] public readonly partial record struct {|MG0023:M|}(int A, string? B);",
        ["struct with fields"] = "[SerializableModel] public partial struct {|MG0023:M|} { public int A; public double B; }",
        ["readonly struct with constructor"] = "[SerializableModel] public readonly partial struct {|MG0023:M|} { public M(int a, float b) { A = a; B = b; } public int A { get; } public float B { get; } }",
        ["struct with init"] = "[SerializableModel] public partial struct M { public int A { get; init; } public M() { A = 1; } private KeptMembers _kept; }",
        ["empty model"] = "[SerializableModel] public partial class M { }",
        ["only ignored members"] = "[SerializableModel] public partial class M { [ModelIgnore] public int A { get; set; } }",
        ["global namespace"] = "[SerializableModel] public partial class GlobalModel { public int A { get; set; } }",
        ["file-scoped namespace"] = "namespace Acme.Models;\n[SerializableModel] public partial class M { public int A { get; set; } }",
        ["block namespace"] = "namespace Acme { namespace Inner { [SerializableModel] public partial class M { public int A { get; set; } } } }",

        // Nesting
        ["nested in class"] = "public partial class Outer { [SerializableModel] public partial class M { public int A { get; set; } } }",
        ["nested in static class"] = "public static partial class Outer { [SerializableModel] public partial record M(int A); }",
        ["nested three deep in struct and record"] = "public partial struct A { public partial record B { public partial class C { [SerializableModel] public partial struct {|MG0023:M|} { public int X; } } } }",
        ["nested model referring to outer model"] = "[SerializableModel] public partial class Outer { public Inner? Child { get; set; } [SerializableModel] public partial class Inner { public int A { get; set; } } }",
        ["concrete model nested in its own concrete base model"] = "[SerializableModel] public partial class Base { public int A { get; set; } [SerializableModel] public partial class Derived : Base { public int B { get; set; } } }",
        ["model with a migration hook nested in its base model with one"] = "[SerializableModel(Version = 2)] public partial class Base { public int A { get; set; } [ModelMigration] private static void Up(ModelMigration m) { } [SerializableModel(Version = 2)] public partial class Derived : Base { public int B { get; set; } [ModelMigration] private static void Down(ModelMigration m) { } } }",
        ["model with a migration hook nested in a model with one"] = "[SerializableModel(Version = 2)] public partial class Outer { public int A { get; set; } [ModelMigration] private static void Up(ModelMigration m) { } [SerializableModel(Version = 3)] public partial class Inner { public int B { get; set; } [ModelMigration] private static void Up(ModelMigration m) { } } }",
        ["nested private model"] = "public partial class Outer { [SerializableModel] private partial class M { public int A { get; set; } } }",
        // Sets and dictionaries read straight into the comparer the model gives them (a type nested in the model names it)
        ["comparers of every collection kind"] = """
            [SerializableModel] public partial class M
            {
                private static readonly IComparer<string> s_reverse = Comparer<string>.Create((a, b) => string.CompareOrdinal(b, a));
                public Dictionary<string, int> Vocab { get; set; } = new(StringComparer.OrdinalIgnoreCase);
                public HashSet<string> Stop { get; init; } = new(StringComparer.OrdinalIgnoreCase);
                public SortedSet<string> Order { get; init; } = new(s_reverse);
                public SortedDictionary<string, int> Ranks { get; set; } = new(s_reverse);
                public IDictionary<string, int> Codes { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);
                public IReadOnlySet<string> Flags { get; init; } = new HashSet<string>(StringComparer.InvariantCultureIgnoreCase);
            }
            """,
        ["comparer members in a model nested in its base model, and in a private nested one"] = """
            [SerializableModel] public partial class Base
            {
                public Dictionary<string, int> Vocab { get; set; } = new(StringComparer.OrdinalIgnoreCase);
                [SerializableModel] public partial class Derived : Base { public HashSet<string> Stop { get; init; } = new(StringComparer.OrdinalIgnoreCase); }
                [SerializableModel] private partial class Hidden { public HashSet<string> Stop { get; init; } = new(StringComparer.OrdinalIgnoreCase); }
            }
            [SerializableModel] public partial record struct R(int A)
            {
                public Dictionary<string, int> Vocab { get; init; } = new(StringComparer.OrdinalIgnoreCase);
                private KeptMembers _kept;
            }
            """,
        // Member types only code inside the containing type may name (the codec is then spelled out, not aliased at the top of the file)
        ["private nested model as a member type"] = "public partial class Outer { [SerializableModel] private partial class A { public int X { get; set; } } [SerializableModel] private partial class M { public A? Child { get; set; } public List<A> Items { get; set; } = new(); public A[]? All { get; set; } } }",
        ["protected nested enum as a member type"] = "public partial class Outer { protected enum Mode { X, Y } [SerializableModel] protected partial class M { public Mode Mode { get; set; } public Dictionary<string, Mode>? ByName { get; set; } public int Plain { get; set; } } }",
        ["union cases nested in their abstract base"] = """
            [SerializableModel, ModelUnion("a", typeof(Shape.Circle)), ModelUnion("b", typeof(Shape.Square))]
            public abstract partial class Shape
            {
                public string Name { get; set; } = "";
                [SerializableModel] public partial class Circle : Shape { public double R { get; set; } }
                [SerializableModel] public partial class Square : Shape { public double Side { get; set; } }
            }
            """,

        // Partial declarations in several files
        ["members in two files"] = "[SerializableModel] public partial class M { public int A { get; set; } }\n// ---- next file\npublic partial class M { public string B { get; set; } = \"\"; }",
        ["attribute in the second file"] = "public partial class M { public int A { get; set; } }\n// ---- next file\n[SerializableModel] public partial class M { }",
        ["union cases in other files"] = "[SerializableModel, ModelUnion(\"d\", typeof(D))] public abstract partial record Base;\n// ---- next file\n[SerializableModel] public partial record D(int X) : Base;",

        // Names
        ["keyword member names"] = "[SerializableModel] public partial class M { public int @class { get; set; } public string @event { get; set; } = \"\"; public double @int; }",
        ["keyword type name"] = "[SerializableModel] public partial class @event { public int A { get; set; } }",
        ["keyword in namespace"] = "namespace Acme.@class { [SerializableModel] public partial class M { public int A { get; set; } } }",
        ["keyword positional parameter"] = "[SerializableModel] public partial record M(int @class, string @default);",
        ["members named like System types"] = "[SerializableModel] public partial class M { public string String { get; set; } = \"\"; public int Int32 { get; set; } public DateTime DateTime { get; set; } public Guid Guid { get; set; } public List<int> List { get; set; } = new(); }",
        ["type named like the generated plumbing alias"] = "public class __ModelGen { }\nnamespace Acme { public class __ModelGen { } [SerializableModel] public partial class M { public int A { get; set; } } }",
        ["type named like a System type"] = "namespace Acme; [SerializableModel] public partial class Exception { public string Message { get; set; } = \"\"; }",
        // The generated file names ModelGen.Internal through a file-level alias, __ModelGen (looked up as an alias only: `__ModelGen::`)
        ["type named like the generated alias"] = "namespace Acme; public class __ModelGen { } [SerializableModel] public partial class M { public int A { get; set; } public List<float> B { get; set; } = new(); public M? Next { get; set; } }",
        ["member named like the generated alias"] = "namespace Acme; [SerializableModel] public partial class M { public int __ModelGen { get; set; } public string? Name { get; set; } }",
        ["namespace named like the runtime's"] = "namespace Acme.ModelGen.Internal { public class ScalarRead { } public class ModelReader { } } namespace Acme { [SerializableModel] public partial class M { public int A { get; set; } public double? B { get; set; } } }",
        ["namespace with a System part"] = "namespace Acme.System; [SerializableModel] public partial class M { public int A { get; set; } public global::System.Guid Id { get; set; } }",
        ["type named ModelSchema"] = "namespace Acme; [SerializableModel] public partial class ModelSchema { public int A { get; set; } }",
        ["members named like generated storage"] = "[SerializableModel] public partial class M { public int Version { get; set; } public int Unknown { get; set; } public int Build { get; set; } public int BuildComplete { get; set; } public int X { get; set; } public int HasX { get; set; } public int XNullError { get; set; } public global::System.Collections.Generic.List<int> L { get; set; } = new(); }",
        ["lower-case members named like generated locals"] = "[SerializableModel(Naming = ModelNaming.Exact)] public partial class M { public int result; public int proto; public int values; public int member; public int tag; public int e; }",
        ["member names differing in case"] = "[SerializableModel(Naming = ModelNaming.Exact)] public partial class M { public int Size { get; set; } public int size; }",
        ["hyperparameters named errors and value"] = "using System.ComponentModel.DataAnnotations;\n[Hyperparameters] public partial class M { [Range(0, 10)] public int errors { get; set; } [Range(0, 10)] public int value { get; set; } [Range(0, 10)] public int? Value2 { get; set; } }",
        ["member named Schema"] = "[SerializableModel] public partial class M { public int {|MG0018:Schema|} { get; set; } }",
        ["member named JsonSchema"] = "[SerializableModel] public partial class M { [ModelIgnore] public string {|MG0018:JsonSchema|} { get; set; } = \"\"; }",
        ["hyperparameters member named Validate"] = "[Hyperparameters] public partial class M { public bool {|MG0018:Validate|} { get; set; } }",
        ["hyperparameters method named Validate"] = "[Hyperparameters] public partial class M { public int A { get; set; } public bool {|MG0018:Validate|}() => true; }",
        ["Validate on a plain model is the user's"] = "[SerializableModel] public partial class M { public int A { get; set; } public bool Validate() => A > 0; }",

        // Generics
        ["generic model"] = "[SerializableModel] public partial class Box{|MG0008:<T>|} { public T Value { get; set; } = default!; }",
        ["model in a generic type"] = "public partial class Outer{|MG0008:<T>|} { [SerializableModel] public partial class M { public int A { get; set; } } }",
        ["closed generic model as member type"] = "[SerializableModel] public partial class Box{|MG0008:<T>|} { public T Value { get; set; } = default!; }\n[SerializableModel] public partial class User { public {|MG0008:Box<int>?|} B { get; set; } }",
        ["model deriving from a closed generic"] = "public class Box<T> { public T Value { get; set; } = default!; }\n[SerializableModel] public partial class FloatBox : Box<float> { }",

        // File-local types
        ["file-local model"] = "[SerializableModel] file partial class {|MG0019:M|} { public int A { get; set; } }",
        ["model nested in a file-local type"] = "file partial class Outer { [SerializableModel] public partial class {|MG0019:M|} { public int A { get; set; } } }",
        ["file-local enum as member type"] = "file enum Color { Red }\n[SerializableModel] public partial class M { public int A { get; set; } }\nfile static class Use { public static Color C = Color.Red; }",

        // Obsolete and experimental
        ["obsolete member"] = "[SerializableModel] public partial class M { [Obsolete(\"old\")] public int A { get; set; } }",
        ["obsolete member with a diagnostic id"] = "[SerializableModel] public partial class M { [Obsolete(\"old\", DiagnosticId = \"ACME0001\")] public int A { get; set; } }",
        ["obsolete error member with a diagnostic id"] = "[SerializableModel] public partial class M { [Obsolete(\"old\", false, DiagnosticId = \"ACME0002\")] public int A { get; set; } public int B { get; set; } }",
        ["obsolete enum with a diagnostic id"] = "[Obsolete(\"old\", DiagnosticId = \"ACME0003\")] public enum Color { Red }\n#pragma warning disable ACME0003\n[SerializableModel] public partial class M { public Color C { get; set; } }\n#pragma warning restore ACME0003",
        ["experimental member"] = "[SerializableModel] public partial class M { [System.Diagnostics.CodeAnalysis.Experimental(\"ACME0004\")] public int A { get; set; } }",
        ["obsolete constructor"] = "[SerializableModel] public partial class M { public M() { } [Obsolete(\"old\", DiagnosticId = \"ACME0005\")] public M(int a) { A = a; } public int A { get; set; } }",

        // Construction
        ["init and required"] = "[SerializableModel] public partial class M { public required string Id { get; init; } public int A { get; init; } = 3; public List<int> B { get; set; } = new(); }",
        ["constructor with defaults and setters"] = "[SerializableModel] public partial class M { public M(int a, string b = \"x\", double c = 0.5) { A = a; B = b; C = c; } public int A { get; } public string B { get; } public double C { get; } public int D { get; set; } }",
        ["private setter"] = "[SerializableModel] public partial class M { public int A { get; private set; } }",
        ["private fields with ModelMember"] = "[SerializableModel] public partial class M { [ModelMember] private double[] _weights = []; [ModelMember] private int _count; public int Count => _count; public double[] Weights => _weights; }",
        ["computed, static, const and indexer members"] = "[SerializableModel] public partial class M { public int A { get; set; } public int Twice => A * 2; public static int S { get; set; } public const int C = 1; public int this[int i] => i; }",
        ["inheritance chain of models"] = "[SerializableModel] public partial class A { public int X { get; set; } }\n[SerializableModel] public partial class B : A { public int Y { get; set; } }\n[SerializableModel] public partial class C : B { public int Z { get; set; } }",
        ["model deriving from a plain base"] = "public abstract class Base { public int Shared { get; set; } }\n[SerializableModel] public partial class M : Base { public int Own { get; set; } }",
        ["plain base with a Schema member"] = "public class Base { public static string Schema => \"mine\"; }\n[SerializableModel] public partial class M : Base { public int A { get; set; } }",

        // Member types
        ["every scalar"] = "[SerializableModel] public partial class M { public bool A; public byte B; public sbyte C; public short D; public ushort E; public int F; public uint G; public long H; public ulong I; public nint J; public nuint K; public Half L; public float N; public double O; public decimal P; public char Q; public string R = \"\"; public DateTime S; public DateTimeOffset T; public TimeSpan U; public Guid V; }",
        ["arrays of every rank and jagged"] = "[SerializableModel] public partial class M { public float[] A = []; public float[,] B = new float[0, 0]; public int[,,] C = new int[0, 0, 0]; public int[][] D = []; public string[][,] E = []; }",
        ["memory blocks"] = "[SerializableModel] public partial class M { public Memory<byte> A { get; set; } public ReadOnlyMemory<float> B { get; set; } }",
        ["lists and read-only lists"] = "[SerializableModel] public partial class M { public List<string?> A { get; set; } = new(); public IReadOnlyList<int?> B { get; set; } = []; }",
        ["maps with every key kind"] = "public enum K { A }\n[SerializableModel] public partial class M { public Dictionary<int, string> A { get; set; } = new(); public Dictionary<K, double> B { get; set; } = new(); public IReadOnlyDictionary<Guid, List<int>?> C { get; set; } = new Dictionary<Guid, List<int>?>(); public Dictionary<char, float[]> D { get; set; } = new(); }",
        [".NET 6+ scalars in every position"] = "using System.Numerics;\n[SerializableModel] public partial class M { public DateOnly A { get; set; } public TimeOnly B { get; set; } public Int128 C { get; set; } public UInt128? D { get; set; } public BigInteger E { get; set; } public Complex F { get; set; } public Uri? G { get; set; } public Version H { get; set; } = new(1, 0); public DateOnly[] I = []; public List<Complex> J = new(); public Dictionary<DateOnly, Version?> K = new(); public IReadOnlyDictionary<BigInteger, Uri> L = new Dictionary<BigInteger, Uri>(); public Dictionary<TimeOnly, Int128[,]> N = new(); }",
        ["range on wide integers"] = "using System.Numerics;\n[Hyperparameters] public partial record H([System.ComponentModel.DataAnnotations.Range(0, 100)] BigInteger Budget, [System.ComponentModel.DataAnnotations.Range(1, 5)] Int128? Seeds = null, [System.ComponentModel.DataAnnotations.Range(0.0, 1.0)] UInt128 Zero = default);",
        ["nullable value types"] = "[SerializableModel] public partial class M { public DateTimeOffset? A { get; set; } public int? B { get; set; } public Guid? C; }",
        ["enum with long underlying type and negative values"] = "public enum E : long { Low = -5, High = long.MaxValue }\n[SerializableModel] public partial class M { public E Value { get; set; } }",
        ["flags enum"] = "[Flags] public enum F { None = 0, A = 1, B = 2 }\n[SerializableModel] public partial class M { public F Value { get; set; } }",
        ["two enums of one short name"] = "namespace X { public enum Color { Red } }\nnamespace Y { public enum Color { Blue } }\n[SerializableModel] public partial class M { public X.Color A { get; set; } public Y.Color B { get; set; } }",
        ["recursive model"] = "[SerializableModel] public partial class Node { public int Value { get; set; } public List<Node> Children { get; set; } = new(); public Node? Parent { get; set; } }",
        ["mutually recursive models"] = "[SerializableModel] public partial class A { public B? Other { get; set; } }\n[SerializableModel] public partial class B { public A? Other { get; set; } }",
        ["struct model holding a class model"] = "[SerializableModel] public partial class Inner { public int A { get; set; } }\n[SerializableModel] public partial struct M { public Inner? I; public Inner[] Many; private KeptMembers _kept; }",
        ["arrays of rank 4 to 8"] = "[SerializableModel] public partial class M { public float[,,,] A = new float[0, 0, 0, 0]; public string?[,,,,,,,] B = new string?[0, 0, 0, 0, 0, 0, 0, 0]; public List<double[,,,,]> C = new(); public Dictionary<int, M?[,,,,,]> D = new(); }",
        ["array of rank 9"] = "[SerializableModel] public partial class M { public {|MG0002:float[,,,,,,,,]|} A = new float[0, 0, 0, 0, 0, 0, 0, 0, 0]; }",
        ["collection interfaces, queues, stacks, linked lists, sorted dictionaries"] = "public enum K { A }\n[SerializableModel] public partial class P { public int X { get; set; } }\n[SerializableModel] public partial class M { public IEnumerable<int> A { get; set; } = []; public ICollection<string?> B { get; set; } = new List<string?>(); public IList<P> C { get; set; } = new List<P>(); public IReadOnlyCollection<K> D { get; set; } = []; public IDictionary<string, Queue<P>> E { get; set; } = new Dictionary<string, Queue<P>>(); public Stack<int>? F { get; set; } public LinkedList<double> G { get; set; } = new(); public SortedDictionary<K, string> H { get; set; } = new(); public System.Collections.ObjectModel.ReadOnlyCollection<float> I { get; set; } = new([]); }",
        ["sets of scalars, enums, models and sets"] = "public enum K { A }\n[SerializableModel] public partial record P(int X);\n[SerializableModel] public partial class M { public HashSet<string> A { get; set; } = new(); public SortedSet<int> B { get; set; } = new(); public ISet<K> C { get; set; } = new HashSet<K>(); public IReadOnlySet<P> D { get; set; } = new HashSet<P>(); public List<HashSet<int>> E { get; set; } = new(); public Dictionary<int, SortedSet<string>>? F { get; set; } }",
        ["immutable and frozen collections"] = "using System.Collections.Frozen;\nusing System.Collections.Immutable;\n[SerializableModel] public partial class P { public int X { get; set; } }\n[SerializableModel] public partial struct M { public M() { } public ImmutableArray<float> A { get; set; } public ImmutableArray<P>? B { get; set; } public ImmutableList<string> C { get; set; } = []; public ImmutableDictionary<string, ImmutableArray<float>> D { get; set; } = ImmutableDictionary<string, ImmutableArray<float>>.Empty; public ImmutableHashSet<char> E { get; set; } = []; public FrozenDictionary<int, P> F { get; set; } = FrozenDictionary<int, P>.Empty; public FrozenSet<long> G { get; set; } = FrozenSet<long>.Empty; private KeptMembers _kept; }",
        ["value tuples and KeyValuePair in every position"] = "public enum K { A }\n[SerializableModel] public partial record P(int X);\n[SerializableModel] public partial record struct {|MG0023:M|} { public M() { } public (int, int) A { get; set; } public (string Name, float Weight) B { get; set; } = (\"\", 0f); public (int, int)? C { get; set; } public ValueTuple<int> D; public (int, long, float, double, string, bool, K) E = (0, 0, 0, 0, \"\", false, K.A); public Dictionary<(int State, int Action), double> Q = new(); public SortedDictionary<(string, K), float> F = new(); public List<(P, int[])> G = new(); public (P?, List<string>)[] H = []; public KeyValuePair<string, P?> I; public HashSet<KeyValuePair<int, string>> J = new(); public ((int, int), (string, Guid)) L = default; }",
        ["tuple of 8 items"] = "[SerializableModel] public partial class M { public {|MG0002:(int, int, int, int, int, int, int, int)|} A { get; set; } }",
        ["dictionary keyed by a tuple of a float"] = "[SerializableModel] public partial class M { public {|MG0002:Dictionary<(double, int), int>|} A { get; set; } = new(); }",
        ["unsupported member type"] = "[SerializableModel] public partial class M { public {|MG0002:System.IO.Stream?|} S { get; set; } }",

        // Usings, aliases, preprocessor, nullable context
        ["global using alias"] = "global using Vector = System.Collections.Generic.List<float>;\n[SerializableModel] public partial class M { public Vector Items { get; set; } = new(); }",
        ["using alias for a map"] = "using Scores = System.Collections.Generic.Dictionary<string, double>;\n[SerializableModel] public partial class M { public Scores S { get; set; } = new(); }",
        ["nullable disabled"] = "#nullable disable\n[SerializableModel] public partial class M { public string Name { get; set; } public List<string> Tags { get; set; } public M Next { get; set; } }",
        ["nullable disabled record"] = "#nullable disable\n[SerializableModel] public partial record M(string Name, int[] Values);",
        ["pragma around members"] = "[SerializableModel] public partial class M\n{\n#pragma warning disable CS0649\n    public int A;\n#pragma warning restore CS0649\n    public int B { get; set; }\n}",
        ["if around members"] = "[SerializableModel] public partial class M\n{\n#if NEVER_DEFINED\n    public int Gone { get; set; }\n#else\n    public int Kept { get; set; }\n#endif\n}",
        ["region around members"] = "[SerializableModel] public partial class M\n{\n    #region data\n    public int A { get; set; }\n    #endregion\n}",

        // Hyperparameters and evolution
        ["hyperparameters record with ranges on parameters"] = "using System.ComponentModel.DataAnnotations;\n[Hyperparameters] public partial record M([Range(1e-6, 1.0)] float LearningRate = 0.01f, [Range(1, 100)] int Epochs = 10, [Required] string Optimizer = \"adam\");",
        ["hyperparameters with nested hyperparameters"] = "using System.ComponentModel.DataAnnotations;\n[Hyperparameters] public partial class Inner { [Range(0, 1)] public double P { get; set; } }\n[Hyperparameters] public partial class M { public Inner I { get; set; } = new(); public List<Inner> Many { get; set; } = new(); }",
        ["naming policy with previous names and keys"] = "[SerializableModel(Naming = ModelNaming.SnakeCase, Version = 2)] public partial class M { [PreviousName(\"OldName\")] public int NewName { get; set; } [ModelMember(Key = 5000)] public int Keyed { get; set; } }",
        ["captured primary constructor parameter of a struct"] = "[SerializableModel] public partial struct {|MG0023:M|}(int {|MG0020:seed|}) { public int A { get; set; } public int Next() => seed + A; }",
        ["captured primary constructor parameter beside a parameterless constructor"] = "[SerializableModel] public partial class M(double {|MG0020:factor|}) { public M() : this(1.0) { } public int A { get; set; } public double Scale(double x) => x * factor; }",
        ["captured primary constructor parameter, no other constructor"] = "[SerializableModel] public partial class {|MG0003:M|}(double {|MG0020:factor|}) { public int A { get; set; } public double Scale(double x) => x * factor; }",
        ["primary constructor parameter only in an initializer"] = "[SerializableModel] public partial class M(int a) { public int A { get; set; } = a; }",
        ["captured primary constructor parameter that is not data"] = "[SerializableModel] public partial class M(System.Random rng) { public M() : this(new System.Random(1)) { } public int A { get; set; } public int Roll() => rng.Next(); }",
        ["private state of a base that is not a model"] = "public class B { private double[] {|MG0013:_means|} = []; [ModelIgnore] private int _calls; public double Mean(int i) { _calls++; return _means[i]; } public void Fit(double[] m) => _means = m; }\n[SerializableModel] public partial class M : B { public int A { get; set; } }",
        ["marked private state of a base"] = "public class B { [ModelMember] private double[] {|MG0013:_means|} = []; public double Mean(int i) => _means[i]; }\n[SerializableModel] public partial class M : B { public int A { get; set; } }",
        ["marked private state of a base model"] = "[SerializableModel] public partial class B { [ModelMember] private int {|MG0013:_fitted|}; public bool Fitted => _fitted > 0; }\n[SerializableModel] public partial class M : B { public int A { get; set; } }",
        ["protected state of a base that is not a model"] = "public class B { protected double[] {|MG0013:Means|} { get; set; } = []; [ModelMember] protected int Count { get; set; } }\n[SerializableModel] public partial class M : B { public int A { get; set; } }",
        ["serialized names that begin with a dollar sign"] = "[SerializableModel] public partial class M { [ModelMember({|MG0021:Name = \"$version\"|})] public int A { get; set; } [ModelMember({|MG0021:Name = \"$fields\"|})] public int B { get; set; } [PreviousName({|MG0021:\"$type\"|})] public int C { get; set; } public int D { get; set; } }",
        ["a dollar sign inside a serialized name"] = "[SerializableModel] public partial class M { [ModelMember(Name = \"cost$\")] public int A { get; set; } [PreviousName(\"a$b\")] public int B { get; set; } }",
        ["explicit interface implementation of an auto-property"] = "public interface IHas { int Seed { get; set; } }\n[SerializableModel] public partial class M : IHas { public int A { get; set; } int IHas.{|MG0013:Seed|} { get; set; } }",
        ["marked explicit interface implementation"] = "public interface IHas { int Seed { get; set; } }\n[SerializableModel] public partial class M : IHas { public int A { get; set; } [ModelMember] int IHas.{|MG0013:Seed|} { get; set; } }",
        ["overridden property of a base model"] = "[SerializableModel] public partial class B { public virtual int A { get; set; } }\n[SerializableModel] public partial class M : B { public override int A { get; set; } public int C { get; set; } }",
        ["partial property over a private field"] = "[SerializableModel] public partial class M { public partial int A { get; set; } }\npublic partial class M { private int _a; public partial int A { get => _a; set => _a = value; } }",
        ["private setter in a base model"] = "[SerializableModel] public partial class B { public int {|MG0007:A|} { get; private set; } public void SetA(int a) => A = a; }\n[SerializableModel] public partial class M : B { public int C { get; set; } }",
        ["private setter in a base that is not a model"] = "public class B { public int {|MG0007:A|} { get; private set; } public void SetA(int a) => A = a; }\n[SerializableModel] public partial class M : B { public int C { get; set; } }",
        ["private get accessor in a base model"] = "[SerializableModel] public partial class B { public int {|MG0013:A|} { private get; set; } public int Twice => 2 * A; }\n[SerializableModel] public partial class M : B { public int C { get; set; } }",
        ["get-only property of a base model set by its constructor"] = "[SerializableModel] public partial class B { public B() { } public B(int a) { A = a; } public int {|MG0007:A|} { get; } }\n[SerializableModel] public partial class M : B { public int C { get; set; } }",
        ["protected setter in a base that is not a model"] = "public class B { public int A { get; protected set; } }\n[SerializableModel] public partial class M : B { public int C { get; set; } }",
        ["internal field"] = "[SerializableModel] public partial class M { internal int {|MG0013:Count|} = 1; public int A { get; set; } }",
        ["private setter"] = "[SerializableModel] public partial class M { public int A { get; private set; } public void Set(int a) => A = a; }",
        ["full property over a private field"] = "[SerializableModel] public partial class M { private int _epochs; public int Epochs { get => _epochs; set => _epochs = value; } }",
        ["field that a setter does not assign"] = "[SerializableModel] public partial class M { private int _epochs; private int {|MG0013:_offset|} = 1; public int Epochs { get => _epochs + _offset; set => _epochs = value; } }",
        ["validating setter over a this-qualified field"] = "[SerializableModel] public partial class M { private double _rate = 0.1; public double Rate { get => _rate; set { if (value <= 0) throw new System.ArgumentOutOfRangeException(nameof(value)); this._rate = value; } } }",
        ["private field behind an ignored property"] = "[SerializableModel] public partial class M { private int {|MG0013:_calls|}; [ModelIgnore] public int Calls { get => _calls; set => _calls = value; } public int A { get; set; } }",
        ["members named like generated locals"] = "[SerializableModel] public partial class M { public int reader { get; set; } public int writer { get; set; } public int value { get; set; } public int key { get; set; } public int span { get; set; } public int depth { get; set; } public int options { get; set; } public int buffer { get; set; } public int state { get; set; } public int i { get; set; } public int result { get; set; } public int json { get; set; } public int tag { get; set; } public int wire { get; set; } public int position { get; set; } public int end { get; set; } public int length { get; set; } public int fields { get; set; } public int unknown { get; set; } public int version { get; set; } public int values { get; set; } public int dictionary { get; set; } public int entry { get; set; } public int count { get; set; } public int item { get; set; } public int source { get; set; } public int target { get; set; } public int migration { get; set; } public int schema { get; set; } public int codec { get; set; } public int ok { get; set; } public int error { get; set; } public int path { get; set; } public int input { get; set; } public int output { get; set; } public int checksum { get; set; } public int header { get; set; } }",
        ["members of a struct named like generated locals"] = "[SerializableModel] public partial class N { public int reader { get; set; } }\n[SerializableModel(Version = 2)] public partial struct M { public string? name { get; set; } public List<int> list { get; set; } public int[] array { get; set; } public Dictionary<string,int> map { get; set; } public double? nullable { get; set; } public N? child { get; set; } public List<N> children { get; set; } public int reader { get; set; } public int writer { get; init; } public required int value { get; set; } private KeptMembers result; }",
        ["record parameters named like generated locals"] = "[SerializableModel] public partial record M(int reader, int writer, int value, int key, int span, int depth, int options, int i, string? result, int[] fields, int version);",
        ["record property computed from its parameter"] = "[SerializableModel] public partial record M(int Epochs) { public int Epochs { get; init; } = {|MG0022:Epochs * 2|}; }",
        ["primary constructor parameter trimmed into a property"] = "[SerializableModel] public partial class M(string name) { public string Name { get; set; } = {|MG0022:name.Trim()|}; }",
        ["primary constructor parameter checked and copied"] = "[SerializableModel] public partial class M(string name, float[] weights, List<int> sizes) { public string Name { get; } = name ?? throw new System.ArgumentNullException(nameof(name)); public float[] Weights { get; } = (float[])weights.Clone(); public List<int> Sizes { get; } = [.. sizes]; }",
        ["constructor that clamps a parameter"] = "[SerializableModel] public partial class M { public M(int size, double rate) { Size = {|MG0022:System.Math.Max(size, 8)|}; this.Rate = rate < 0 ? throw new System.ArgumentOutOfRangeException(nameof(rate)) : rate; } public int Size { get; } public double Rate { get; } }",
        ["constructor that ignores a parameter"] = "[SerializableModel] public partial class M { public {|MG0022:M|}(int size) { } public int Size { get; } = 4; }",
        ["constructor that passes a parameter on"] = "public class B { public B(int size) { Size = size; } public int Size { get; } }\n[SerializableModel] public partial class M : B { public M(int size, string name) : base(size) { Name = name!; } public string Name { get; } public M() : this(1, \"\") { } }",
        ["constructor that copies parameters"] = "[SerializableModel] public partial class M { public M(float[] weights, List<int> sizes) { Weights = weights.ToArray(); Sizes = new List<int>(sizes); } public float[] Weights { get; } public List<int> Sizes { get; } }",
        ["constructor that falls back for a member never null"] = "[SerializableModel] public partial class M { public M(string? name, List<int>? sizes) { Name = name ?? \"\"; Sizes = sizes ?? []; } public string Name { get; } public List<int> Sizes { get; } }",
        ["constructor that falls back for a nullable member"] = "[SerializableModel] public partial class M { public M(string? name) { Name = {|MG0022:name ?? \"none\"|}; } public string? Name { get; } }",
        ["struct that keeps members of newer versions"] = "[SerializableModel] public partial struct M { public int A { get; set; } private KeptMembers _kept; }\n[SerializableModel] public partial record struct R(int A) { private KeptMembers _kept; }\n[SerializableModel] public partial class C { public int A { get; set; } private KeptMembers _mine; }",
        // MG0023: every struct model without a KeptMembers field, at its name (of its first declaration); a readonly one too
        ["struct model without kept members, in two files"] = "[SerializableModel] public partial struct {|MG0023:M|} { public int A { get; set; } }\n// ---- next file\npublic partial struct M { public int Twice => A * 2; }",
        ["hyperparameters struct without kept members"] = "[Hyperparameters] public partial struct {|MG0023:H|} { public H() { } public float Rate { get; set; } = 0.1f; }\n[Hyperparameters] public partial record struct K(int Epochs = 3) { private KeptMembers _kept; }",
        ["readonly struct without kept members"] = "[SerializableModel] public readonly partial struct {|MG0023:M|} { public int A { get; init; } }",
        ["nested struct models with and without kept members"] = "public partial class Outer { [SerializableModel] public partial struct {|MG0023:A|} { public int X; } public partial record Middle { [SerializableModel] public partial record struct B(A Inner, int Y) { private KeptMembers _kept; } } }",
        ["struct whose kept members field is internal"] = "[SerializableModel] public partial struct M { public int A { get; set; } internal KeptMembers Kept; }",
        ["readonly kept members"] = "[SerializableModel] public partial struct M { public int A { get; set; } private readonly KeptMembers {|MG0007:_kept|}; public M() { _kept = default; } public bool Same => _kept.Equals(default); }",
        ["migration hook on a property setter"] = "[SerializableModel(Version = 2)] public partial class M { public int A { get; set; } private static ModelMigration? Last { get; [ModelMigration] {|MG0012:set|}; } }",
        ["migration hook"] = "[SerializableModel(Version = 2)] public partial class M { public int A { get; set; } [ModelMigration] private static void Up(ModelMigration m) { if (m.FromVersion < 2) m.Set(\"a\", 1); } }",
    };

    public static IEnumerable<object[]> CaseNames() => Cases.Keys.Select(k => new object[] { k });

    [Fact]
    public void TheCorpusHasAtLeastSixtyDeclarations() => Assert.True(Cases.Count >= 60, $"{Cases.Count} cases");

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void CompilesCleanOrGetsExactlyTheMarkedDiagnostics(string name)
    {
        string[] files = Cases[name].Split("// ---- next file\n");
        var parsed = new List<(string Source, List<(string Id, Microsoft.CodeAnalysis.Text.TextSpan Span)> Expected)>();
        foreach (string file in files) parsed.Add(GeneratorHarness.Markup(file));
        var trees = parsed.Select((p, i) => CSharpSyntaxTree.ParseText(p.Source, GeneratorHarness.ParseOptions, path: $"Source{i}.cs"))
            .Prepend(CSharpSyntaxTree.ParseText(ImplicitUsings, GeneratorHarness.ParseOptions, path: "SourceGlobalUsings.g.cs"));
        CSharpCompilation input = GeneratorHarness.Compile().AddSyntaxTrees(trees)
            .WithOptions(GeneratorHarness.Compile().Options.WithGeneralDiagnosticOption(ReportDiagnostic.Error));
        GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(input, out Compilation output, out var generatorDiagnostics);

        var expected = parsed.SelectMany((p, i) => p.Expected.Select(e => ($"Source{i}.cs", e.Id, e.Span))).OrderBy(x => x.Item1).ThenBy(x => x.Span.Start).ToList();
        var actual = generatorDiagnostics.Select(d => (d.Location.GetLineSpan().Path ?? "", d.Id, d.Location.SourceSpan)).OrderBy(x => x.Item1).ThenBy(x => x.SourceSpan.Start).ToList();
        Assert.True(expected.SequenceEqual(actual), string.Join("\n", generatorDiagnostics) + "\nexpected: " + string.Join(", ", expected));

        // Nothing else anywhere: no compiler error or warning (warnings are errors here) in user or generated code.
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && !d.Id.StartsWith("MG", StringComparison.Ordinal)).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Select(p => $"{p.Location.SourceTree?.FilePath}: {p}")));
    }
}
