using System;
using System.IO;
using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace ModelGen.Analyzers.Tests.Infrastructure;

/// <summary>What every test compilation references: .NET 10 reference assemblies (offline), the real Json.NET,
/// MessagePack and protobuf-net, and in-memory assemblies compiled from <see cref="Stubs"/>.</summary>
internal static class TestReferences
{
    /// <summary>No packages to download: the references come from Basic.Reference.Assemblies.</summary>
    public static readonly ReferenceAssemblies Net100 = new("net10.0");

    private static readonly Lazy<MetadataReference> LegacySerializers =
        new(() => Compile("LegacySerializers", Stubs.LegacySerializers));

    private static readonly Lazy<MetadataReference> ModelGenRuntime =
        new(() => Compile("ModelGen", Stubs.ModelGenRuntime));

    private static readonly MetadataReference[] Packages =
    [
        FromAssemblyOf(typeof(Newtonsoft.Json.JsonConvert)),
        FromAssemblyOf(typeof(global::MessagePack.MessagePackSerializer)),
        FromAssemblyOf(typeof(global::MessagePack.MessagePackObjectAttribute)),
        FromAssemblyOf(typeof(ProtoBuf.Serializer)),
        FromAssemblyOf(typeof(ProtoBuf.ProtoContractAttribute)),
    ];

    /// <summary>Adds the references to a test. <paramref name="withModelGen"/> false gives a project that does
    /// not use ModelGen, where the model rule must stay quiet and the model fixes must not be offered.</summary>
    public static void AddTo(SolutionState state, bool withModelGen = true)
    {
        state.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        state.AdditionalReferences.AddRange(Packages);
        state.AdditionalReferences.Add(LegacySerializers.Value);
        if (withModelGen)
        {
            state.AdditionalReferences.Add(ModelGenRuntime.Value);
        }
    }

    /// <summary>Everything a test compilation references, for tests that build one themselves.</summary>
    public static System.Collections.Generic.IEnumerable<MetadataReference> All(bool withModelGen = true) =>
        Basic.Reference.Assemblies.Net100.References.All.Concat(Packages).Append(LegacySerializers.Value)
            .Concat(withModelGen ? [ModelGenRuntime.Value] : []);

    private static MetadataReference FromAssemblyOf(Type type) => MetadataReference.CreateFromFile(type.Assembly.Location);

    private static MetadataReference Compile(string assemblyName, string source)
    {
        var compilation = CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            Basic.Reference.Assemblies.Net100.References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        if (!result.Success)
        {
            var errors = string.Join(Environment.NewLine, result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
            throw new InvalidOperationException($"The {assemblyName} stub does not compile:{Environment.NewLine}{errors}");
        }

        return MetadataReference.CreateFromImage(image.ToArray());
    }
}
