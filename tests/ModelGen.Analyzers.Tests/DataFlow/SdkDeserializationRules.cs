using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ModelGen.Analyzers.Tests.DataFlow;

/// <summary>The deserialization rules of the .NET SDK's code-analysis assemblies, loaded from the SDK beside the
/// running runtime (…/dotnet/sdk/*/Sdks/Microsoft.NET.Sdk/analyzers). Shared with bench/ModelGen.Benchmarks (linked).</summary>
internal sealed class SdkDeserializationRules
{
    private static readonly Lazy<SdkDeserializationRules> Instance = new(Create);

    public required ImmutableArray<DiagnosticAnalyzer> Analyzers { get; init; }

    public required ImmutableHashSet<string> Ids { get; init; }

    public required string Directory { get; init; }

    public static SdkDeserializationRules Load() => Instance.Value;

    /// <summary>CA2300–CA2330 (formatters, JavaScriptSerializer, Json.NET), CA2350–CA2362 (DataSet, DataTable),
    /// CA5360–CA5372 (dangerous calls in deserialization, XmlReader for XmlSerializer and DataSet).</summary>
    public static bool IsDeserializationRule(string id) =>
        id.Length == 6 && id.StartsWith("CA", StringComparison.Ordinal) && int.TryParse(id.AsSpan(2), out var n)
        && n is (>= 2300 and <= 2330) or (>= 2350 and <= 2362) or (>= 5360 and <= 5372);

    private static SdkDeserializationRules Create()
    {
        var dotnet = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var directory = System.IO.Directory.GetDirectories(Path.Combine(dotnet, "sdk"))
            .Select(sdk => Path.Combine(sdk, "Sdks", "Microsoft.NET.Sdk", "analyzers"))
            .Where(path => File.Exists(Path.Combine(path, "Microsoft.CodeAnalysis.NetAnalyzers.dll")))
            .OrderBy(path => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(path)))!).Split('-')[0], out var v) ? v : new Version())
            .LastOrDefault()
            ?? throw new InvalidOperationException($"no SDK with Microsoft.CodeAnalysis.NetAnalyzers.dll under {dotnet}/sdk");
        var analyzers = new List<DiagnosticAnalyzer>();
        foreach (var file in new[] { "Microsoft.CodeAnalysis.NetAnalyzers.dll", "Microsoft.CodeAnalysis.CSharp.NetAnalyzers.dll" })
        {
            var assembly = Assembly.LoadFrom(Path.Combine(directory, file));
            foreach (var type in LoadableTypes(assembly).Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract))
            {
                var attribute = type.GetCustomAttribute<DiagnosticAnalyzerAttribute>();
                if (attribute is null || !attribute.Languages.Contains(LanguageNames.CSharp) || type.GetConstructor(Type.EmptyTypes) is null)
                {
                    continue;
                }

                var analyzer = (DiagnosticAnalyzer)Activator.CreateInstance(type)!;
                if (analyzer.SupportedDiagnostics.Any(d => IsDeserializationRule(d.Id)))
                {
                    analyzers.Add(analyzer);
                }
            }
        }

        return new SdkDeserializationRules
        {
            Analyzers = [.. analyzers],
            Ids = analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Where(IsDeserializationRule).ToImmutableHashSet(),
            Directory = directory,
        };
    }

    /// <summary>The assembly's types, less those that need an assembly the process lacks (the code fixes need
    /// Microsoft.CodeAnalysis.Workspaces, which a process that only runs analyzers does not load).</summary>
    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException partial)
        {
            return partial.Types.OfType<Type>();
        }
    }
}
