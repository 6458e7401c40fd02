using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ModelGen.Generator.Tests;

/// <summary>The checkable part of docs/architecture.md's "adding a member type" checklist: every scalar kind of the
/// typed model has a C# type, a codec, a JSON Schema, a place in docs/format.md and in the Python reader, and its
/// rendered C# type compiles with its codec against the runtime. So does every composite record: each sequence and map
/// kind, each array rank up to the format's limit, and nullable.</summary>
public class MemberTypeChecklistTests
{
    private static readonly Assembly Generator = typeof(ModelGenerator).Assembly;
    private static readonly Type ScalarKind = Generator.GetType("ModelGen.Generator.Model.ScalarKind", throwOnError: true)!;
    private static readonly Type ScalarType = Generator.GetType("ModelGen.Generator.Model.ScalarType", throwOnError: true)!;
    private static readonly Type Renderer = Generator.GetType("ModelGen.Generator.Emit.TypeRenderer", throwOnError: true)!;
    private static readonly Type JsonSchema = Generator.GetType("ModelGen.Generator.Emit.JsonSchemaEmitter", throwOnError: true)!;

    public static TheoryData<string> Kinds() => new(Enum.GetNames(ScalarKind));

    private static object Scalar(string kind) => Activator.CreateInstance(ScalarType, Enum.Parse(ScalarKind, kind))!;

    private static string Render(string method, object type) =>
        (string)Renderer.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, [type])!;

    private static string SchemaName(object type) => (string)ScalarType.GetProperty("SchemaName")!.GetValue(type)!;

    private static string Root()
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "ModelGen.sln"))) root = Path.GetDirectoryName(root)!;
        return root;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryScalarKindIsRenderedDocumentedAndRead(string kind)
    {
        object type = Scalar(kind);
        string schemaName = SchemaName(type);
        Assert.Matches("^[a-z0-9]+$", schemaName);
        Assert.NotEmpty(Render("CSharpType", type));
        Assert.Contains("__ModelGen::", Render("Codec", type)); // the runtime's codecs, through the file's alias of ModelGen.Internal

        // A scalar references no model: no reference renderer is needed.
        var typeSchema = JsonSchema.GetMethod("TypeSchema", BindingFlags.NonPublic | BindingFlags.Static)!;
        string jsonSchema = (string)typeSchema.Invoke(null, [type, null])!;
        Assert.NotEqual("{}", jsonSchema);

        Assert.Contains($"`{schemaName}`", File.ReadAllText(Path.Combine(Root(), "docs", "format.md")));
        Assert.Contains($"\"{schemaName}\"", File.ReadAllText(Path.Combine(Root(), "interop", "python", "modelgen", "_reader.py")));
    }

    [Fact]
    public void EveryScalarKindCompilesWithItsCodec()
    {
        // One member of each kind, declared with the C# type the renderer writes: the generated code must compile.
        string members = string.Join("\n", Enum.GetNames(ScalarKind).Select(k => $"    public {Render("CSharpType", Scalar(k))} Member{k} = default!;"));
        var (output, diagnostics, _) = GeneratorHarness.Run($"using ModelGen;\n[SerializableModel] public partial class EveryScalar\n{{\n{members}\n}}");
        Assert.Empty(diagnostics);
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        var schema = output.GetTypeByMetadataName("EveryScalar")!;
        Assert.Equal(Enum.GetNames(ScalarKind).Length, schema.GetMembers().OfType<IFieldSymbol>().Count(f => f.Name.StartsWith("Member", StringComparison.Ordinal)));
    }

    private static readonly Type SequenceKind = Generator.GetType("ModelGen.Generator.Model.SequenceKind", throwOnError: true)!;
    private static readonly Type MapKind = Generator.GetType("ModelGen.Generator.Model.MapKind", throwOnError: true)!;

    private static object Make(string record, params object[] arguments) =>
        Activator.CreateInstance(Generator.GetType("ModelGen.Generator.Model." + record, throwOnError: true)!, arguments)!;

    /// <summary>Every composite record over int32 elements (string keys for maps), named by what it composes.</summary>
    public static TheoryData<string> Composites() => new(CompositeTypes().Select(c => c.Name));

    private static (string Name, object Type)[] CompositeTypes()
    {
        object element = Scalar("Int32");
        int maxRank = (int)typeof(ModelSerializer).Assembly.GetType("ModelGen.FormatLimits", throwOnError: true)!
            .GetField("MaxArrayRank", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        return Enum.GetNames(SequenceKind).Select(k => ("Sequence" + k, Make("SequenceType", Enum.Parse(SequenceKind, k), element)))
            .Concat(Enum.GetNames(MapKind).Select(k => ("Map" + k, Make("MapType", Enum.Parse(MapKind, k), Scalar("String"), element))))
            .Concat(Enumerable.Range(1, maxRank).Select(rank => ("ArrayRank" + rank, Make("ArrayType", element, rank))))
            .Append(("Nullable", Make("NullableType", element)))
            .Concat(Enumerable.Range(1, 7).Select(arity => ("TupleArity" + arity, Tuple(false, Enumerable.Repeat(element, arity).ToArray()))))
            .Append(("KeyValuePair", Tuple(true, Scalar("String"), element)))
            .Append(("MapTupleKey", Make("MapType", Enum.Parse(MapKind, "Dictionary"), Tuple(false, element, Scalar("String")), element)))
            .ToArray();
    }

    // A TupleType of the elements (its EquatableArray<MemberType> built by reflection, as the records are internal).
    private static object Tuple(bool keyValuePair, params object[] elements)
    {
        Type memberType = Generator.GetType("ModelGen.Generator.Model.MemberType", throwOnError: true)!;
        Array items = Array.CreateInstance(memberType, elements.Length);
        for (int i = 0; i < elements.Length; i++) items.SetValue(elements[i], i);
        object equatable = Activator.CreateInstance(Generator.GetType("ModelGen.Generator.Model.EquatableArray`1", throwOnError: true)!.MakeGenericType(memberType), items)!;
        return Make("TupleType", equatable, keyValuePair);
    }

    [Theory]
    [MemberData(nameof(Composites))]
    public void EveryCompositeIsRenderedDocumentedAndRead(string name)
    {
        object type = CompositeTypes().Single(c => c.Name == name).Type;
        string schemaName = (string)type.GetType().GetProperty("SchemaName")!.GetValue(type)!;
        Assert.NotEmpty(Render("CSharpType", type));
        Assert.Contains("__ModelGen::", Render("Codec", type)); // the runtime's codecs, through the file's alias of ModelGen.Internal
        var typeSchema = JsonSchema.GetMethod("TypeSchema", BindingFlags.NonPublic | BindingFlags.Static)!;
        Assert.NotEqual("{}", (string)typeSchema.Invoke(null, [type, null])!);

        // The composition the schema name adds to its element's (list<…>, set<…>, map<…>, […], …?): documented and read.
        string composition = schemaName.Replace("int32", "").Replace("string", "");
        bool prefix = new[] { "list<", "set<", "map<", "tuple<", "keyvalue<" }.Any(p => composition.StartsWith(p, StringComparison.Ordinal));
        string part = prefix ? composition.Substring(0, composition.IndexOf('<') + 1) : composition;
        Assert.Contains(prefix ? $"`{part}" : $"`{part}`", File.ReadAllText(Path.Combine(Root(), "docs", "format.md")));
        Assert.Contains($"\"{part}\"", File.ReadAllText(Path.Combine(Root(), "interop", "python", "modelgen", "_reader.py")));
    }

    [Fact]
    public void EveryCompositeCompilesWithItsCodec()
    {
        (string Name, object Type)[] composites = CompositeTypes();
        string members = string.Join("\n", composites.Select(c => $"    public {Render("CSharpType", c.Type)} Member{c.Name} = default!;"));
        // In a namespace, the codec aliases follow its declaration and name the runtime through the file's alias of
        // ModelGen.Internal; in the global namespace they stand beside that alias and spell the namespace out.
        foreach (string ns in new[] { "", "namespace Composites;\n" })
        {
            var (output, diagnostics, _) = GeneratorHarness.Run($"using ModelGen;\n{ns}[SerializableModel] public partial class EveryComposite\n{{\n{members}\n}}");
            Assert.Empty(diagnostics);
            var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
            Assert.True(problems.Count == 0, string.Join("\n", problems));
            string generated = string.Concat(output.SyntaxTrees.Select(t => t.ToString()));
            foreach (var (_, type) in composites)
            {
                string codec = Render("Codec", type);
                Assert.Contains(ns.Length == 0 ? codec.Replace("__ModelGen::", "global::ModelGen.Internal.", StringComparison.Ordinal) : codec, generated);
            }
        }
    }
}
