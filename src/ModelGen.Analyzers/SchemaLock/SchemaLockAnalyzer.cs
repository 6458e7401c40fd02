using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ModelGen.Analyzers.Descriptors;
using ModelGen.Generator.Model;
using ModelGen.Generator.Parsing;
using ModelGen.Schema;

namespace ModelGen.Analyzers.SchemaLock;

/// <summary>Checks every model against the schema lock file (an AdditionalFiles item named ModelSchemas.lock.json):
/// a layout change without a version bump (MG2001), a change no reader survives (MG2002), a model or version not
/// locked yet (MG2003). Projects without a lock file are not checked; a lock file the build found but did not pass to
/// the compiler is reported (MG2006).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SchemaLockAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the model's current schema entry as JSON, for the code fixes.</summary>
    public const string EntryProperty = "ModelGen.Entry";

    /// <summary>Diagnostic property: the version to bump to.</summary>
    public const string NextVersionProperty = "ModelGen.NextVersion";

    /// <summary>The MSBuild property (a CompilerVisibleProperty of build/ModelGen.targets) holding the full path of the
    /// lock file the build found; empty when there is none.</summary>
    public const string LockFileFoundProperty = "build_property.ModelGenLockFileFound";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.SchemaChangedWithoutVersionBump, DiagnosticDescriptors.IncompatibleSchemaChange,
        DiagnosticDescriptors.ModelNotLocked, DiagnosticDescriptors.InvalidLockFile, DiagnosticDescriptors.LockFileNotChecked);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            INamedTypeSymbol? modelAttribute = start.Compilation.GetTypeByMetadataName(TypeShapes.SerializableModelAttribute);
            AdditionalText? lockFile = start.Options.AdditionalFiles.FirstOrDefault(f =>
                string.Equals(Path.GetFileName(f.Path), SchemaDocument.LockFileName, StringComparison.OrdinalIgnoreCase));
            if (modelAttribute is null) return;
            if (lockFile is null)
            {
                if (start.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(LockFileFoundProperty, out string? found) && !string.IsNullOrWhiteSpace(found))
                    start.RegisterCompilationEndAction(end => end.ReportDiagnostic(
                        Diagnostic.Create(DiagnosticDescriptors.LockFileNotChecked, Location.None, found)));
                return;
            }

            List<SchemaEntry> locked;
            try
            {
                locked = SchemaDocument.Read(lockFile.GetText(start.CancellationToken)?.ToString() ?? "");
            }
            catch (FormatException e)
            {
                string reason = e.Message;
                start.RegisterCompilationEndAction(end => end.ReportDiagnostic(
                    Diagnostic.Create(DiagnosticDescriptors.InvalidLockFile, Location.None, reason)));
                return;
            }
            ILookup<string, SchemaEntry> byName = locked.ToLookup(e => e.Name, StringComparer.Ordinal);
            start.RegisterSymbolAction(symbol => Analyze(symbol, modelAttribute, byName), SymbolKind.NamedType);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, INamedTypeSymbol modelAttribute, ILookup<string, SchemaEntry> locked)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        AttributeData? attribute = type.GetAttributes().FirstOrDefault(a =>
            a.AttributeClass is { } c && (SymbolEqualityComparer.Default.Equals(c, modelAttribute) || SymbolEqualityComparer.Default.Equals(c.BaseType, modelAttribute)));
        if (attribute is null) return;
        ModelSpec? model = ModelParser.Parse(type, attribute, context.CancellationToken).Model;
        if (model is null) return; // the generator reports why

        SchemaEntry current = SchemaEntries.From(model);
        SchemaEntry[] versions = locked[model.ModelName].ToArray();
        Location typeLocation = type.Locations.FirstOrDefault() ?? Location.None;
        var properties = ImmutableDictionary<string, string?>.Empty
            .Add(EntryProperty, SchemaDocument.WriteEntry(current))
            .Add(NextVersionProperty, (versions.Select(v => v.Version).DefaultIfEmpty(0).Max() + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));

        SchemaEntry? same = versions.FirstOrDefault(v => v.Version == current.Version);
        if (same is null)
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ModelNotLocked, typeLocation, properties, model.TypeName, current.Version));
        else if (same.Fingerprint != current.Fingerprint)
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SchemaChangedWithoutVersionBump, LocationOf(attribute, typeLocation), properties,
                model.TypeName, current.Version, properties[NextVersionProperty], SchemaDiff.Describe(same, current)));

        foreach (SchemaEntry old in versions.Where(v => v.Fingerprint != current.Fingerprint))
        {
            foreach ((string member, string problem) in SchemaCompatibility.Problems(current, old))
            {
                Location location = MemberLocation(type, model, member) ?? typeLocation;
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.IncompatibleSchemaChange, location,
                    model.TypeName, current.Version, old.Version, problem));
            }
        }
    }

    private static Location LocationOf(AttributeData attribute, Location fallback) =>
        attribute.ApplicationSyntaxReference is { } r ? Location.Create(r.SyntaxTree, r.Span) : fallback;

    private static Location? MemberLocation(INamedTypeSymbol type, ModelSpec model, string serializedName)
    {
        MemberSpec? member = model.Members.FirstOrDefault(m => m.Name == serializedName);
        if (member is null) return null;
        string clrName = member.ClrName.TrimStart('@');
        for (INamedTypeSymbol? t = type; t is not null; t = t.BaseType)
        {
            ISymbol? symbol = t.GetMembers(clrName).FirstOrDefault();
            if (symbol?.Locations.FirstOrDefault() is { } l) return l;
        }
        return null;
    }
}
