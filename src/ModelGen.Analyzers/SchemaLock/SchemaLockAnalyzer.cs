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

    /// <summary>MG2007's property: the name the member had in the locked version, for the fix's [PreviousName].</summary>
    public const string PreviousNameProperty = "PreviousName";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.SchemaChangedWithoutVersionBump, DiagnosticDescriptors.IncompatibleSchemaChange,
        DiagnosticDescriptors.ModelNotLocked, DiagnosticDescriptors.InvalidLockFile, DiagnosticDescriptors.PreviousNameNotLocked,
        DiagnosticDescriptors.LockFileNotChecked, DiagnosticDescriptors.RenamedWithoutPreviousName);

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
        else if (!SchemaDocument.SameLayout(current, same))
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SchemaChangedWithoutVersionBump, LocationOf(attribute, typeLocation), properties,
                model.TypeName, current.Version, properties[NextVersionProperty], SchemaDiff.Describe(same, current)));

        foreach (SchemaEntry old in versions.Where(v => !SchemaDocument.SameLayout(current, v)))
        {
            foreach ((string member, string problem) in SchemaCompatibility.Problems(current, old))
            {
                Location location = MemberLocation(type, model, member) ?? typeLocation;
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.IncompatibleSchemaChange, location,
                    model.TypeName, current.Version, old.Version, problem));
            }
        }

        // Every locked version, the current one too: an enum's values are not part of the layout.
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (SchemaEntry old in versions.OrderByDescending(v => v.Version))
        {
            foreach ((string enumName, string problem) in SchemaCompatibility.EnumProblems(current, old))
            {
                if (!reported.Add(enumName + "|" + problem.Substring(0, problem.IndexOf(" when version", StringComparison.Ordinal)))) continue;
                Location location = EnumMemberLocation(type, model, enumName) ?? typeLocation;
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.IncompatibleSchemaChange, location,
                    model.TypeName, current.Version, old.Version, problem));
            }
        }

        if (versions.Length > 0)
        {
            CheckPreviousNames(context, type, attribute, model, versions);
            CheckRenames(context, type, model, versions);
        }
    }

    // MG2005: a [PreviousName] no locked version of the model knows, in any of the forms the readers accept.
    private static void CheckPreviousNames(SymbolAnalysisContext context, INamedTypeSymbol type, AttributeData modelAttribute, ModelSpec model, SchemaEntry[] versions)
    {
        var known = new HashSet<string>(versions.SelectMany(v => v.Members).SelectMany(m => m.PreviousNames.Append(m.Name)), StringComparer.Ordinal);
        int naming = modelAttribute.NamedArguments.FirstOrDefault(a => a.Key == "Naming").Value.Value is int n ? n : MemberNames.CamelCase;
        foreach (MemberSpec member in model.Members)
        {
            ISymbol? symbol = MemberSymbol(type, member);
            if (symbol is null) continue;
            foreach (AttributeData previous in ModelParser.AttributesOf(symbol))
            {
                if (previous.AttributeClass?.ToDisplayString() != "ModelGen.PreviousNameAttribute" || previous.ConstructorArguments.Length != 1
                    || previous.ConstructorArguments[0].Value is not string old || old.Trim().Length == 0) continue;
                if (MemberNames.PreviousNameForms(naming, old).Any(known.Contains)) continue;
                Location location = previous.ApplicationSyntaxReference is { } r ? Location.Create(r.SyntaxTree, r.Span) : symbol.Locations.FirstOrDefault() ?? Location.None;
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.PreviousNameNotLocked, location, old, model.TypeName, symbol.Name, model.ModelName, AliasAdvice(member, old, versions)));
            }
        }
    }

    // MG2007: a member given a name of its own ([ModelMember(Name)], not a naming policy's form of its C# name) whose
    // C# name gave it another name in a locked version, which no member has now, as its name or a previous name: a
    // rename without [PreviousName]. (A naming policy set or changed is not: every build reads every policy's form of a
    // member's C# name, in every form.)
    private static void CheckRenames(SymbolAnalysisContext context, INamedTypeSymbol type, ModelSpec model, SchemaEntry[] versions)
    {
        var names = new HashSet<string>(model.Members.SelectMany(m => m.PreviousNames.Append(m.Name)), StringComparer.Ordinal);
        foreach (MemberSpec member in model.Members)
        {
            string clrName = member.ClrName.TrimStart('@');
            string[] forms = MemberNames.PolicyForms(clrName);
            if (forms.Contains(member.Name)) continue;
            foreach (SchemaEntry old in versions.OrderByDescending(v => v.Version))
            {
                MemberEntry? before = old.Members.FirstOrDefault(m => forms.Contains(m.Name) && !names.Contains(m.Name));
                if (before is null) continue;
                Location location = MemberSymbol(type, member)?.Locations.FirstOrDefault() ?? type.Locations.FirstOrDefault() ?? Location.None;
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.RenamedWithoutPreviousName, location,
                    ImmutableDictionary<string, string?>.Empty.Add(PreviousNameProperty, before.Name),
                    model.TypeName, clrName, before.Name, old.Version, model.ModelName, member.Name,
                    before.Key == member.Key ? "JSON and dictionaries; binary keeps the key" : "JSON and dictionaries, and binary, whose key follows the name"));
                break;
            }
        }
    }

    // The member is locked under its current name with another key than it has now: the [PreviousName] is another
    // name for it (documents from elsewhere), not a former one, and the key now derives from it, so builds of the
    // locked versions would read the member's default from binary. Said with the key that keeps it.
    private static string AliasAdvice(MemberSpec member, string old, SchemaEntry[] versions)
    {
        MemberEntry? locked = versions.OrderByDescending(v => v.Version).SelectMany(v => v.Members).FirstOrDefault(m => m.Name == member.Name);
        if (locked is null || locked.Key == member.Key) return "";
        return $"; '{member.Name}' is locked under that name with key {locked.Key}, which binary data of those versions carries, and the key now derives from '{old}' ({member.Key}): "
            + $"if '{old}' is another name for the member rather than a former one, keep the key with [ModelMember(Key = {locked.Key})], or builds of the locked versions read the member's default from binary files this one writes";
    }

    private static Location LocationOf(AttributeData attribute, Location fallback) =>
        attribute.ApplicationSyntaxReference is { } r ? Location.Create(r.SyntaxTree, r.Span) : fallback;

    // The first member whose type holds the enum (a renumbering is reported where the model uses it).
    private static Location? EnumMemberLocation(INamedTypeSymbol type, ModelSpec model, string enumName)
    {
        string global = "global::" + enumName;
        MemberSpec? member = model.Members.FirstOrDefault(m => m.Type.SelfAndNested().Any(t => t is EnumType e && e.FullTypeName == global));
        return member is null ? null : MemberSymbol(type, member)?.Locations.FirstOrDefault();
    }

    private static Location? MemberLocation(INamedTypeSymbol type, ModelSpec model, string serializedName)
    {
        MemberSpec? member = model.Members.FirstOrDefault(m => m.Name == serializedName);
        return member is null ? null : MemberSymbol(type, member)?.Locations.FirstOrDefault();
    }

    private static ISymbol? MemberSymbol(INamedTypeSymbol type, MemberSpec member)
    {
        string clrName = member.ClrName.TrimStart('@');
        for (INamedTypeSymbol? t = type; t is not null; t = t.BaseType)
        {
            ISymbol? symbol = t.GetMembers(clrName).FirstOrDefault();
            if (symbol is not null) return symbol;
        }
        return null;
    }
}
