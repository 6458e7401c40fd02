using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using ModelGen.Generator.Diagnostics;
using ModelGen.Generator.Model;
using ModelGen.Internal; // MemberKeys, shared with the runtime

namespace ModelGen.Generator.Parsing;

/// <summary>Turns an annotated type symbol into a <see cref="ModelSpec"/> and diagnostics. Nothing here is kept
/// past the transform: the result holds only strings, numbers and equatable arrays.</summary>
internal sealed class ModelParser
{
    internal const string MemberAttribute = "ModelGen.ModelMemberAttribute";
    private const string IgnoreAttribute = "ModelGen.ModelIgnoreAttribute";
    private const string PreviousNameAttribute = "ModelGen.PreviousNameAttribute";
    private const string UnionAttribute = "ModelGen.ModelUnionAttribute";
    private const string MigrationAttribute = "ModelGen.ModelMigrationAttribute";
    private const string RangeAttribute = "System.ComponentModel.DataAnnotations.RangeAttribute";
    private const string RequiredAttribute = "System.ComponentModel.DataAnnotations.RequiredAttribute";
    private const string KeptMembersType = "ModelGen.KeptMembers";

    private readonly List<DiagnosticInfo> _diagnostics = new();
    private bool _memberRefused; // a constructor may match once the refused member is fixed: no MG0003 then
    private IFieldSymbol? _keptField; // the model's own KeptMembers field, found by the member walk
    private Compilation? _compilation; // binds members' initializers and constructors' assignments (DeclaredComparer)
    private Dictionary<SyntaxTree, SemanticModel>? _semanticModels; // (SemanticModelOf)
    private IMethodSymbol? _constructor; // the constructor loading calls
    private ConstructorBodies? _constructorBodies; // its statements, read for the first member that needs them

    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
        context.TargetSymbol is INamedTypeSymbol type
            ? Parse(type, context.Attributes[0], cancellationToken, context.SemanticModel.Compilation)
            : new ParseResult(null, EquatableArray<DiagnosticInfo>.Empty);

    /// <summary>Parses a model type; also used by the schema lock analyzer, so both see the same members. Without a
    /// compilation (the analyzer: the schema does not need them), members' initializers are not bound, so the comparers
    /// they give sets and dictionaries are not read.</summary>
    public static ParseResult Parse(INamedTypeSymbol type, AttributeData attribute, CancellationToken cancellationToken, Compilation? compilation = null)
    {
        var parser = new ModelParser { _compilation = compilation };
        ModelSpec? model = parser.ParseType(type, attribute, cancellationToken);
        // A model with errors that can still take a partial declaration gets a stub, so that nothing else fails to compile.
        ModelStubSpec? stub = model is null && TypeShapes.CanDeclarePartial(type) ? Stub(type) : null;
        return new ParseResult(model, parser._diagnostics.ToEquatableArray(), stub);
    }

    private void Report(DiagnosticDescriptor descriptor, ISymbol? at, params string[] args) => Report(descriptor, at?.Locations.FirstOrDefault(), args);

    private void Report(DiagnosticDescriptor descriptor, Location? at, params string[] args) =>
        _diagnostics.Add(new DiagnosticInfo(descriptor, LocationInfo.From(at), args.ToEquatableArray()));

    // A type the top of the generated file can name (where each member's codec gets a using alias): no type in it is
    // nested privately or protectedly, which only code inside the containing type may name.
    private static bool VisibleInFile(ITypeSymbol type)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return VisibleInFile(array.ElementType);
            case INamedTypeSymbol named:
                for (INamedTypeSymbol? t = named; t is not null; t = t.ContainingType)
                    if (t.IsFileLocal || t.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal) return false;
                foreach (ITypeSymbol argument in named.TypeArguments)
                    if (!VisibleInFile(argument)) return false;
                return true;
            default:
                return false;
        }
    }

    private static ModelStubSpec Stub(INamedTypeSymbol type) => new(
        NamespaceOf(type),
        ContainingTypes(type).ToEquatableArray(), Keyword(type), Escape(type.Name), TypeShapes.CSharpName(type), Hides(type));

    // From the namespace symbols (not their display string, formatted and split again for every model on every run).
    private static string NamespaceOf(INamedTypeSymbol type)
    {
        string result = "";
        for (INamespaceSymbol? ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
            result = result.Length == 0 ? Escape(ns.Name) : Escape(ns.Name) + "." + result;
        return result;
    }

    // Generated members that hide inherited ones. Statics of a base model are inherited (and hidden by ours); so are a
    // plain base's visible members of the same names; a model nested in its base model sees the base's private ones too.
    private static InheritedNames Hides(INamedTypeSymbol type)
    {
        InheritedNames hides = InheritedNames.None;
        foreach (INamedTypeSymbol b in BaseTypes(type))
        {
            bool model = TypeShapes.IsModel(b);
            if (model || b.GetMembers("Schema").Any(m => m.DeclaredAccessibility != Accessibility.Private)) hides |= InheritedNames.Schema;
            if (model || b.GetMembers("JsonSchema").Any(m => m.DeclaredAccessibility != Accessibility.Private)) hides |= InheritedNames.JsonSchema;
            if (model && b.DeclaringSyntaxReferences.Length > 0) hides |= InheritedNames.JsonSchemaPart;
            for (INamedTypeSymbol? c = type.ContainingType; c is not null; c = c.ContainingType)
                if (model && SymbolEqualityComparer.Default.Equals(c, b))
                {
                    hides |= InheritedNames.SchemaDocument;
                    if (!b.IsAbstract && b.TypeKind == TypeKind.Class && b.DeclaringSyntaxReferences.Length > 0) hides |= InheritedNames.PrivateMembers;
                }
        }
        return hides;
    }

    // MG0026: a name or type text the binary format cannot hold (FormatLimits.MaxSchemaName UTF-8 bytes): the model's
    // own header could not be made, so every binary save and load of it would fail. Shown cut short in the message.
    private bool FitsBinaryFormat(string text, string what, Location? at, INamedTypeSymbol model)
    {
        int bytes = System.Text.Encoding.UTF8.GetByteCount(text);
        if (bytes <= ModelGen.FormatLimits.MaxSchemaName) return true;
        string shown = text.Length > 48 ? text.Substring(0, 48) + "…" : text;
        Report(DiagnosticDescriptors.NameTooLong, at, $"{what} ('{shown}')", bytes.ToString(CultureInfo.InvariantCulture),
            ModelGen.FormatLimits.MaxSchemaName.ToString(CultureInfo.InvariantCulture), model.Name);
        return false;
    }

    // At an attribute's application, or at the symbol when the attribute has no syntax (metadata).
    private void ReportAt(DiagnosticDescriptor descriptor, AttributeData attribute, ISymbol fallback, params string[] args) =>
        Report(descriptor, attribute.ApplicationSyntaxReference is { } r ? Location.Create(r.SyntaxTree, r.Span) : fallback.Locations.FirstOrDefault(), args);

    private ModelSpec? ParseType(INamedTypeSymbol type, AttributeData attribute, CancellationToken ct)
    {
        bool ok = true;
        for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
        {
            TypeDeclarationSyntax? notPartial = TypeShapes.NotPartialDeclaration(t, ct);
            if (t.DeclaringSyntaxReferences.Length == 0 || notPartial is not null)
            {
                // At the declaration that lacks 'partial' (the type may have others that have it).
                Report(DiagnosticDescriptors.NotPartial, notPartial?.Identifier.GetLocation() ?? t.Locations.FirstOrDefault(), t.Name);
                ok = false;
            }
        }
        if (type.IsGenericType)
        {
            // At the type parameters (of the model, or of the generic type that contains it).
            INamedTypeSymbol generic = type;
            for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
                if (t.TypeParameters.Length > 0) { generic = t; break; }
            Location? at = generic.DeclaringSyntaxReferences.Select(r => r.GetSyntax(ct)).OfType<TypeDeclarationSyntax>()
                .Select(d => d.TypeParameterList?.GetLocation()).FirstOrDefault(l => l is not null);
            Report(DiagnosticDescriptors.GenericModel, at ?? type.Locations.FirstOrDefault(), GenericModelArguments.Type(generic.Name));
            return null; // its members (of type T...) would only report follow-on errors
        }

        for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
        {
            if (!t.IsFileLocal) continue;
            // Generated code lives in another file, where a file-local type (or one nested in it) cannot be named.
            Report(DiagnosticDescriptors.FileLocalModel, type, type.Name, t.Name);
            ok = false;
            break;
        }
        foreach (ISymbol clash in TypeShapes.ReservedNameClashes(type, ct))
        {
            Report(DiagnosticDescriptors.ReservedMemberName, clash, clash.Name, type.Name);
            ok = false;
        }

        int version = 1;
        int naming = MemberNames.CamelCase;
        foreach (var arg in attribute.NamedArguments)
        {
            if (arg.Key == "Version" && arg.Value.Value is int v) version = v;
            if (arg.Key == "Naming" && arg.Value.Value is int n) naming = n;
        }
        if (!MemberNames.IsKnown(naming))
        {
            Report(DiagnosticDescriptors.UnknownNaming, type, type.Name, naming.ToString(CultureInfo.InvariantCulture));
            ok = false;
        }
        if (version < 1)
        {
            Report(DiagnosticDescriptors.InvalidVersion, ArgumentLocation(attribute, "Version", ct) ?? type.Locations.FirstOrDefault(),
                type.Name, version.ToString(CultureInfo.InvariantCulture));
            ok = false;
        }

        bool isHyper = TypeShapes.Is(attribute.AttributeClass, TypeShapes.HyperparametersAttribute);
        bool isAbstract = type.IsAbstract || type.TypeKind == TypeKind.Interface;
        List<UnionCaseSpec> cases = ParseUnionCases(type, ref ok, ct);
        string? tag = FindOwnUnionTag(type);

        if (isAbstract && cases.Count == 0 && !type.GetAttributes().Any(a => TypeShapes.Is(a.AttributeClass, UnionAttribute)))
        {
            Report(DiagnosticDescriptors.AbstractModelWithoutUnion, type, type.Name);
            ok = false;
        }

        List<Candidate> candidates = CollectMembers(type, naming, ref ok, ct);
        // A struct keeps members of newer versions only through a field it declares. Told when the struct is written,
        // not once it has evolved: the build that needs the field is the older one (a rollback re-saves newer data).
        if (type.TypeKind == TypeKind.Struct && _keptField is null)
            Report(DiagnosticDescriptors.StructWithoutKeptMembers, type, StructWithoutKeptMembersArguments.Of(type.Name, type.IsReadOnly));
        AddImplicitNames(candidates);
        AddPolicyKeys(candidates);
        ConstructionSpec? construction = null;
        IMethodSymbol? constructor = null;
        if (!isAbstract)
        {
            constructor = ChooseConstructor(type, candidates);
            if (constructor is null)
            {
                if (!_memberRefused) Report(DiagnosticDescriptors.NoUsableConstructor, type, type.Name);
                ok = false;
            }
            else
            {
                construction = new ConstructionSpec(constructor.Parameters.Length);
                _constructor = constructor;
            }
        }

        var members = new List<MemberSpec>(candidates.Count);
        var usedNames = new Dictionary<string, string>(candidates.Count, StringComparer.Ordinal);
        var usedKeys = new Dictionary<int, string>(candidates.Count);
        ConstructorSyntax? constructorSyntax = null; // read once, for the first member a parameter takes
        foreach (Candidate c in candidates)
        {
            IParameterSymbol? parameter = constructor is null ? null : ParameterNamed(constructor, c.Symbol.Name);
            MemberAssignment assignment = c.Assignment;
            if (parameter is not null)
            {
                assignment = MemberAssignment.Constructor;
                constructorSyntax ??= ConstructorSyntax.Of(constructor!, ct);
                if (StoredOtherwise(c.Symbol, parameter, constructorSyntax, ct) is { } how)
                    Report(DiagnosticDescriptors.ParameterNotStoredAsIs, how.At, c.Symbol.Name, parameter.Name, how.What);
            }
            else if (c.ReadOnly && !isAbstract)
            {
                string settable = c.Symbol is IFieldSymbol ? "remove 'readonly'" : "add a setter or an init accessor";
                Report(DiagnosticDescriptors.MemberCannotBeSet, c.Symbol, c.Symbol.Name,
                    $"it is read-only and no constructor parameter sets it; {settable}, add a constructor parameter named '{MemberNames.Apply(MemberNames.CamelCase, c.Symbol.Name)}' of its type, or exclude it with [ModelIgnore]");
                ok = false;
                continue;
            }

            // The member's name and key, its other keys (without a name), then its previous names (without a key); one
            // report per member, at its first name or key that another member has.
            List<int> otherKeys = c.OtherKeys();
            if (Claim(c, c.Name, c.Key))
            {
                bool claimed = true;
                foreach (int k in otherKeys)
                    if (!(claimed = Claim(c, "", k))) break;
                if (claimed)
                    foreach (string p in c.PreviousNames)
                        if (!Claim(c, p, null)) break;
            }

            EquatableArray<ValidationSpec> validations = isHyper ? ParseValidations(c.Symbol, parameter).ToEquatableArray() : EquatableArray<ValidationSpec>.Empty;
            var spec = new MemberSpec(
                Escape(c.Symbol.Name), c.Name, c.Key, c.PreviousNames.ToEquatableArray(), otherKeys.ToEquatableArray(),
                c.Type, c.Nullable, assignment, parameter?.Ordinal ?? -1,
                parameter is { HasExplicitDefaultValue: true } ? Literal(parameter.ExplicitDefaultValue, parameter.Type) : null,
                validations, VisibleInFile(c.ClrType),
                assignment == MemberAssignment.Setter && ComparerSpec.CollectionOf(c.Type) is not null ? QuietComparer(c, assignment, ct) : DeclaredComparer(c, assignment, ct),
                c.CopyNames.ToEquatableArray(), c.UnwrittenCopyNames.ToEquatableArray(), c.PolicyKeys.ToEquatableArray());
            // The format-2 schema table holds each member's name and type.
            Location? memberAt = c.Symbol.Locations.FirstOrDefault();
            ok &= FitsBinaryFormat(spec.Name, $"The serialized name of member '{c.Symbol.Name}'", memberAt, type)
                & FitsBinaryFormat(spec.SchemaType, $"The type of member '{c.Symbol.Name}'", memberAt, type);
            members.Add(spec);
        }

        bool Claim(Candidate c, string name, int? maybeKey)
        {
            string? other;
            if (name.Length > 0 && usedNames.TryGetValue(name, out other))
            {
                Report(DiagnosticDescriptors.DuplicateMember, DuplicateLocation(c.Symbol, name, null, ct), c.Symbol.Name, "name", name, other);
                ok = false;
                return false;
            }
            if (name.Length > 0) usedNames[name] = c.Symbol.Name;
            if (maybeKey is not int key) return true;
            if (usedKeys.TryGetValue(key, out other))
            {
                Report(DiagnosticDescriptors.DuplicateMember, DuplicateLocation(c.Symbol, null, key, ct), c.Symbol.Name, "key", key.ToString(CultureInfo.InvariantCulture), other);
                ok = false;
                return false;
            }
            usedKeys[key] = c.Symbol.Name;
            return true;
        }

        string? migration = FindMigrationHook(type, ref ok);
        string? kept = isAbstract || _keptField is null ? null : KeptMembersField(_keptField, ref ok);
        if (!ok) return null;

        string csharpName = TypeShapes.CSharpName(type);
        // The envelope (format 1) and the schema table (format 2) hold the model's name.
        string modelName = TypeShapes.ModelName(type, csharpName);
        if (!FitsBinaryFormat(modelName, "The model name", ArgumentLocation(attribute, "Name", ct) ?? type.Locations.FirstOrDefault(), type)) return null;
        return new ModelSpec(
            NamespaceOf(type),
            ContainingTypes(type).ToEquatableArray(),
            Keyword(type),
            Escape(type.Name),
            csharpName,
            modelName,
            version,
            isHyper,
            isAbstract,
            Hides(type),
            tag,
            cases.ToEquatableArray(),
            members.ToEquatableArray(),
            construction,
            kept ?? (!isAbstract && type.IsReferenceType ? "__modelGenUnknown" : null),
            kept is null && !isAbstract && type.IsReferenceType,
            migration,
            SuppressedDiagnostics(candidates),
            // The user's own [JsonConverter] on any part of the type: a second one would be CS0579, or ambiguous to
            // System.Text.Json. (The parser sees the user's code, never the generator's output.)
            TypeShapes.HasJsonConverter(type));
    }

    // [PreviousName(..., WriteCopy = false)]: the value is no longer written under that name.
    private static bool WritesCopy(AttributeData previousName)
    {
        foreach (KeyValuePair<string, TypedConstant> named in previousName.NamedArguments)
            if (named.Key == "WriteCopy" && named.Value.Value is false) return false;
        return true;
    }

    private sealed class Candidate
    {
        // An empty list for the lists most members leave empty (never added to).
        public static readonly List<string> None = new();

        public ISymbol Symbol = null!;
        public string Name = "";
        public int Key;
        public List<string> PreviousNames = new();
        public List<string> CopyNames = new();
        public List<string> UnwrittenCopyNames = None;
        public string? ImplicitName;     // the default (camelCase) name of a member of a model with another naming policy
        public string? PolicyName;       // the C# name its serialized name derives from by the naming policy (none with [ModelMember(Name)])
        public List<string> PreviousSources = None; // each [PreviousName] as written
        public List<int> PolicyKeys = new(); // keys of its name under the other naming policies (AddPolicyKeys)
        public List<int> ExtraPreviousKeys = new(); // the same for a member read by previous keys: read as those
        public MemberType Type = null!;
        public bool Nullable;
        public MemberAssignment Assignment;
        public bool ReadOnly;
        public ITypeSymbol ClrType = null!;

        // Keys a reader also accepts: those of every name the member has had, besides its own key, each once, in the
        // order of the names. (Loops, not LINQ: this runs for every member of every model on every run.)
        public List<int> OtherKeys()
        {
            var keys = new List<int>();
            foreach (string previous in PreviousNames) AddOtherKey(keys, MemberKeys.Of(previous));
            AddOtherKey(keys, MemberKeys.Of(Name));
            foreach (int key in ExtraPreviousKeys) AddOtherKey(keys, key);
            return keys;
        }

        private void AddOtherKey(List<int> keys, int key)
        {
            if (key != Key && !keys.Contains(key)) keys.Add(key);
        }
    }

    // A model with a naming policy also reads each member's default (camelCase) name and key, so data written before the
    // policy was set still loads; a default name that another member has (in any form) is left out.
    private static void AddImplicitNames(List<Candidate> candidates)
    {
        // The default policy has no implicit names: no sets of every name and key to build for each model on every run.
        if (candidates.TrueForAll(c => c.ImplicitName is null)) return;
        var taken = new HashSet<string>(candidates.SelectMany(c => c.PreviousNames.Append(c.Name)), StringComparer.Ordinal);
        var takenKeys = new HashSet<int>(candidates.SelectMany(c => c.OtherKeys().Append(c.Key)));
        foreach (Candidate c in candidates)
        {
            if (c.ImplicitName is not string name || taken.Contains(name) || takenKeys.Contains(MemberKeys.Of(name))) continue;
            c.PreviousNames.Add(name);
            taken.Add(name);
            takenKeys.Add(MemberKeys.Of(name));
        }
    }

    // The binary key derives from the serialized name, which the naming policy makes: data written by a build of another
    // policy (or none) than this one carries the keys of the other forms of the name. Each is read as the member where
    // no member has it already (JSON and dictionaries read those names as other spellings: LooseNames). A member read
    // by previous keys reads them as previous keys (the current key wins); any other reads them as its own key, unless
    // the member was read before (so the current key wins there too).
    private static void AddPolicyKeys(List<Candidate> candidates)
    {
        var taken = new HashSet<int>();
        foreach (Candidate c in candidates)
        {
            taken.Add(c.Key);
            foreach (int key in c.OtherKeys()) taken.Add(key);
        }
        foreach (Candidate c in candidates)
        {
            bool previous = c.PreviousNames.Count > 0;
            if (c.PolicyName is string own) AddForms(own, previous ? c.ExtraPreviousKeys : c.PolicyKeys);
            foreach (string old in c.PreviousSources) AddForms(old, c.ExtraPreviousKeys);
        }

        void AddForms(string name, List<int> keys)
        {
            foreach (string form in MemberNames.PolicyForms(name))
            {
                int key = MemberKeys.Of(form);
                if (form.Length > 0 && key >= ModelGen.FormatLimits.FirstMemberKey && taken.Add(key)) keys.Add(key);
            }
        }
    }

    private List<Candidate> CollectMembers(INamedTypeSymbol type, int naming, ref bool ok, CancellationToken ct)
    {
        var chain = new List<INamedTypeSymbol>();
        for (INamedTypeSymbol? t = type; t is not null && t.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); t = t.BaseType)
            chain.Insert(0, t);

        var result = new List<Candidate>();
        foreach (INamedTypeSymbol t in chain)
        {
            // A base model reports the errors of its own members; its derived models do not repeat them.
            bool reports = SymbolEqualityComparer.Default.Equals(t, type) || !TypeShapes.IsModel(t);
            // A base declared in source can be changed where its state is reported (a base from another assembly cannot).
            bool inSource = t.Locations.Any(l => l.IsInSource);
            // [DataContract] (or Json.NET's opt-in [JsonObject]): those serializers save only the members marked for them.
            string? optIn = reports && inSource ? ForeignAttributes.OptIn(t) : null;
            foreach (ISymbol member in t.GetMembers())
            {
                ct.ThrowIfCancellationRequested();
                // A primary constructor parameter used outside initializers is captured in a field the compiler
                // declares (no property is associated with it): state that no form saves, and that no attribute can
                // mark (its value is lost on load, silently, unless it is reported).
                if (member is IFieldSymbol { IsImplicitlyDeclared: true, AssociatedSymbol: null, IsStatic: false } captured)
                {
                    if (SymbolEqualityComparer.Default.Equals(t, type) && TypeShapes.Map(captured.Type, out _) is not null)
                    {
                        IParameterSymbol? parameter = CapturedParameter(type, captured, ct);
                        Report(DiagnosticDescriptors.CapturedParameterNotSaved, (ISymbol?)parameter ?? type, parameter?.Name ?? captured.Name, type.Name);
                    }
                    continue;
                }
                // Only fields and properties hold data (and only their attributes are bound: a type's accessors,
                // constructors and methods are most of its members). Another field the compiler declares (an
                // auto-property's or an event's backing field) is never a member of its own: the property is.
                if (member is not (IFieldSymbol or IPropertySymbol) || member is IFieldSymbol { IsImplicitlyDeclared: true } || member.IsStatic) continue;
                // Where the model keeps members of newer versions: not a member of its own.
                if (member is IFieldSymbol { Type: var keptType } keptField && TypeShapes.Is(keptType, KeptMembersType))
                {
                    if (SymbolEqualityComparer.Default.Equals(t, type)) _keptField ??= keptField;
                    continue;
                }
                // The member's attributes, read once for every question below.
                ImmutableArray<AttributeData> attributes = member.GetAttributes();
                bool ignored = false, marked = false;
                foreach (AttributeData a in attributes)
                {
                    if (TypeShapes.Is(a.AttributeClass, IgnoreAttribute)) ignored = true;
                    else if (TypeShapes.Is(a.AttributeClass, MemberAttribute)) marked = true;
                }
                if (ignored) continue;
                bool isPublic = member.DeclaredAccessibility == Accessibility.Public;
                bool own = SymbolEqualityComparer.Default.Equals(t, type);
                // An explicit interface implementation has no name the generated code can use (only a cast to the
                // interface, which would copy a struct): its state is saved by a public property implementing the
                // interface member instead, so it is reported, marked or not, and left out.
                if (member is IPropertySymbol { ExplicitInterfaceImplementations.Length: > 0 })
                {
                    if (own ? marked || IsUnsavedState(member) : inSource && (marked || (reports && IsUnsavedState(member))))
                        Report(DiagnosticDescriptors.UnsavedPrivateState, member, member.Name, type.Name,
                            "implement the interface member with a public property, which is saved (generated code cannot name an explicit interface implementation)");
                    continue;
                }
                // A private member of a base type cannot be reached from the generated code: state of the model that no
                // form saves, even when it is marked. A model base reports its own unmarked state; a base that is not a
                // model is reported through the models derived from it, where it is declared in source (where it can
                // be changed).
                if (!own && member.DeclaredAccessibility == Accessibility.Private)
                {
                    if ((marked || (reports && IsUnsavedState(member))) && inSource)
                        Report(DiagnosticDescriptors.UnsavedPrivateState, member, member.Name, type.Name,
                            $"make it protected (generated code cannot reach a private member of the base type '{t.Name}') and mark it [ModelMember] to save it");
                    continue;
                }
                if (!isPublic && !marked)
                {
                    if ((own || (reports && inSource)) && IsUnsavedState(member) && !SetBySavedProperty(member, t, ct))
                        Report(DiagnosticDescriptors.UnsavedPrivateState, member, member.Name, type.Name, "mark it [ModelMember] to save it");
                    continue;
                }
                ITypeSymbol memberType;
                MemberAssignment assignment;
                bool readOnly;
                switch (member)
                {
                    case IPropertySymbol p when !p.IsIndexer && p.GetMethod is not null && !p.IsOverride && p.Name != "EqualityContract":
                        memberType = p.Type;
                        // A base's get accessor the derived model's generated code cannot call: no form can save the
                        // value (the base, where it can be changed, is told).
                        if (!Reachable(p.GetMethod, own, inSource))
                        {
                            if (inSource)
                                Report(DiagnosticDescriptors.UnsavedPrivateState, member, member.Name, type.Name,
                                    $"make its get accessor protected or public (generated code cannot call the {AccessorAccess(p.GetMethod)} get accessor of the base type '{t.Name}') to save it");
                            continue;
                        }
                        bool accessible = p.SetMethod is not null && Reachable(p.SetMethod, own, inSource);
                        if (accessible)
                        {
                            assignment = p.IsRequired ? MemberAssignment.Required : p.SetMethod!.IsInitOnly ? MemberAssignment.Init : MemberAssignment.Setter;
                            readOnly = false;
                        }
                        else
                        {
                            // A computed property (no backing field) is not data: leave it out.
                            if (!IsAutoProperty(p)) continue;
                            assignment = MemberAssignment.Setter;
                            readOnly = true;
                        }
                        break;
                    case IFieldSymbol f when !f.IsConst && !f.IsImplicitlyDeclared:
                        memberType = f.Type;
                        assignment = f.IsRequired ? MemberAssignment.Required : MemberAssignment.Setter;
                        readOnly = f.IsReadOnly;
                        break;
                    default:
                        continue;
                }

                // A non-public field's '_' prefix is a C# convention, not part of its name.
                string clrName = isPublic ? member.Name : member.Name.TrimStart('_');
                string name = MemberNames.Apply(naming, clrName);
                string? implicitName = naming == MemberNames.CamelCase ? null : MemberNames.Apply(MemberNames.CamelCase, clrName);
                int key = 0;
                AttributeData? named = null;
                ImmutableArray<AttributeData> memberAttributes = AttributesOf(member, attributes);
                foreach (AttributeData a in memberAttributes)
                {
                    if (!TypeShapes.Is(a.AttributeClass, MemberAttribute)) continue;
                    foreach (var arg in a.NamedArguments)
                    {
                        if (arg.Key == "Name" && arg.Value.Value is string s && s.Length > 0)
                        {
                            name = s;
                            implicitName = null;
                            named = a;
                        }
                        if (arg.Key == "Key" && arg.Value.Value is int k) key = k;
                    }
                }
                // Names that begin with '$' are the JSON and dictionary forms' own entries ("$version", "$type",
                // "$fields", "$shape"): a member under one would be read as that entry, or overwrite it. Only an explicit
                // name can begin with '$' (a C# identifier cannot).
                if (named is not null && name.StartsWith("$", StringComparison.Ordinal))
                {
                    if (reports) Report(DiagnosticDescriptors.ReservedSerializedName, ArgumentLocation(named, "Name", ct) ?? member.Locations.FirstOrDefault(), name, "the serialized name", member.Name);
                    ok = false;
                    _memberRefused = true;
                    continue;
                }
                if (key != 0 && (key < ModelGen.FormatLimits.FirstMemberKey || key > ModelGen.FormatLimits.LastMemberKey))
                {
                    Location? keyArgument = member.GetAttributes().Where(a => TypeShapes.Is(a.AttributeClass, MemberAttribute))
                        .Select(a => ArgumentLocation(a, "Key", ct)).FirstOrDefault(l => l is not null);
                    if (reports) Report(DiagnosticDescriptors.InvalidKey, keyArgument ?? member.Locations.FirstOrDefault(), member.Name, key.ToString(CultureInfo.InvariantCulture));
                    ok = false;
                    _memberRefused = true;
                    continue;
                }
                // A previous name may be the old serialized name or the old C# name: both it and its form under the naming
                // policy are read (in binary, by the key of each).
                var previous = new List<string>();
                var copies = new List<string>();
                List<string>? written = null, sources = null; // (most members have no [PreviousName]: none allocated)
                string? firstName = null;
                foreach (AttributeData a in memberAttributes)
                {
                    if (!TypeShapes.Is(a.AttributeClass, PreviousNameAttribute) || a.ConstructorArguments.Length != 1 || a.ConstructorArguments[0].Value is not string old) continue;
                    if (old.StartsWith("$", StringComparison.Ordinal))
                    {
                        if (reports) Report(DiagnosticDescriptors.ReservedSerializedName, ArgumentLocation(a, 0, ct) ?? member.Locations.FirstOrDefault(), old, "a previous name", member.Name);
                        ok = false;
                        continue;
                    }
                    firstName ??= MemberNames.Apply(naming, old);
                    (sources ??= new()).Add(old);
                    // The name an older build wrote the member under: JSON and dictionaries carry the value under it too
                    // (ModelEmitter.Json), so that an older build reads the value, and its edit comes back.
                    // Unless WriteCopy = false (no such build remains): then a copy is read, not written.
                    string copy = MemberNames.Apply(naming, old);
                    if (copy != name && copy.Trim().Length > 0)
                    {
                        if (!copies.Contains(copy)) copies.Add(copy);
                        if (WritesCopy(a) && !(written ??= new()).Contains(copy)) written.Add(copy);
                    }
                    string[] forms = MemberNames.PreviousNameForms(naming, old).Where(f => f.Trim().Length > 0 && f != name).ToArray();
                    if (forms.Length == 0) ReportAt(DiagnosticDescriptors.PreviousNameNeverMatches, a, member, old, member.Name);
                    foreach (string form in forms)
                        if (!previous.Contains(form)) previous.Add(form);
                }
                // The key derives from the member's first name (its first [PreviousName], in the policy's form), so a
                // rename never changes the binary layout: old and new readers both find the member.
                if (key == 0) key = MemberKeys.Of(firstName ?? name);
                if (reports && inSource) ReportForeignAttributes(member, memberAttributes, marked, named is not null, name, key, previous, optIn, null);
                // A base in another assembly cannot take ModelGen's attributes: reported at the model, which loses the data.
                else if (reports) ReportForeignAttributes(member, memberAttributes, marked, named is not null, name, key, previous, null, type);

                MemberType? spec = TypeShapes.Map(memberType, out TypeShapes.Failure failure);
                if (spec is null)
                {
                    // At the member's type: that is what has to change (or the member is excluded with [ModelIgnore]).
                    Location? at = TypeLocation(member, ct);
                    if (!reports) { }
                    else if (failure == TypeShapes.Failure.NotModel)
                        Report(DiagnosticDescriptors.NestedTypeNotModel, at, $"Member '{member.Name}'", NotModelType(memberType).ToDisplayString(), HowToMarkModel(NotModelType(memberType)));
                    else if (failure == TypeShapes.Failure.Unsupported)
                        Report(DiagnosticDescriptors.UnsupportedMemberType, at, member.Name, memberType.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat), TypeShapes.UnsupportedAdvice(memberType));
                    else if (failure == TypeShapes.Failure.GenericModel)
                        Report(DiagnosticDescriptors.GenericModel, at, GenericModelArguments.Member(member.Name, memberType.ToDisplayString()));
                    // Failure.ModelWithErrors: that model reports its own errors; this one gets a stub and no follow-on error.
                    ok = false;
                    _memberRefused = true;
                    continue;
                }
                bool nullable = memberType.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T
                    || (memberType.IsReferenceType && memberType.NullableAnnotation != NullableAnnotation.NotAnnotated);
                result.Add(new Candidate
                {
                    Symbol = member, Name = name, Key = key, PreviousNames = previous, CopyNames = copies, PolicyName = named is null ? clrName : null, PreviousSources = sources ?? Candidate.None,
                    UnwrittenCopyNames = copies.Count == (written?.Count ?? 0) ? Candidate.None : copies.Where(c => written is null || !written.Contains(c)).ToList(), ImplicitName = implicitName == name ? null : implicitName, Type = spec, Nullable = nullable,
                    Assignment = assignment, ReadOnly = readOnly, ClrType = memberType,
                });
            }
        }
        return result;
    }

    // The KeptMembers field a model declares itself (a struct keeps members of newer versions only through one), found
    // by the member walk: its name. Generated code assigns it when it reads, so it cannot be readonly.
    private string KeptMembersField(IFieldSymbol field, ref bool ok)
    {
        if (field.IsReadOnly)
        {
            // Not a member: a constructor parameter or [ModelIgnore] would not help. A readonly struct holds only
            // readonly fields (CS8340), so it cannot keep newer members at all.
            bool readOnlyStruct = field.ContainingType.IsReadOnly;
            Report(DiagnosticDescriptors.MemberCannotBeSet, field, field.Name,
                "it is the KeptMembers field, which generated code assigns when it reads (the members of newer versions it keeps); remove 'readonly'"
                + (readOnlyStruct ? ", which a readonly struct cannot hold: make the model a non-readonly struct, a class or a record, or remove the field and suppress MG0023 if its members are final" : ""));
            ok = false;
        }
        return Escape(field.Name);
    }

    private static readonly SymbolDisplayFormat AsWritten = new(memberOptions: SymbolDisplayMemberOptions.IncludeContainingType);

    private string? FindMigrationHook(INamedTypeSymbol type, ref bool ok)
    {
        string? found = null;
        foreach (ISymbol member in type.GetMembers())
        {
            if (member is not IMethodSymbol method || !HasAttribute(method, MigrationAttribute)) continue;
            bool ordinary = method.MethodKind == MethodKind.Ordinary;
            bool shape = ordinary && method.IsStatic && method.ReturnsVoid && !method.IsGenericMethod && method.Parameters.Length == 1
                && TypeShapes.Is(method.Parameters[0].Type, "ModelGen.ModelMigration") && method.Parameters[0].RefKind == RefKind.None;
            if (!shape || found is not null)
            {
                // An accessor or operator is named by what the user wrote ('Last.set'), and the fix suggests a method.
                Report(DiagnosticDescriptors.InvalidMigrationHook, method,
                    ordinary ? method.Name : method.ToDisplayString(AsWritten), ordinary ? method.Name : "Migrate");
                ok = false;
                continue;
            }
            found = Escape(method.Name);
        }
        return found;
    }

    // [Obsolete(DiagnosticId = "...")] and [Experimental("...")] of the members and of the types they use: generated
    // code uses them, and must not raise those diagnostics in the user's build.
    private static EquatableArray<string> SuppressedDiagnostics(List<Candidate> candidates)
    {
        SortedSet<string>? ids = null; // (made for the rare model that has one)
        void From(ISymbol symbol)
        {
            foreach (AttributeData a in symbol.GetAttributes())
            {
                string? id =
                    TypeShapes.Is(a.AttributeClass, "System.ObsoleteAttribute") ? a.NamedArguments.FirstOrDefault(n => n.Key == "DiagnosticId").Value.Value as string
                    : TypeShapes.Is(a.AttributeClass, "System.Diagnostics.CodeAnalysis.ExperimentalAttribute") ? a.ConstructorArguments.FirstOrDefault().Value as string
                    : null;
                if (id is not null && SyntaxFacts.IsValidIdentifier(id)) (ids ??= new SortedSet<string>(StringComparer.Ordinal)).Add(id);
            }
        }
        void FromType(ITypeSymbol type)
        {
            From(type);
            if (type is IArrayTypeSymbol array) FromType(array.ElementType);
            if (type is INamedTypeSymbol named) foreach (ITypeSymbol argument in named.TypeArguments) FromType(argument);
        }
        foreach (Candidate c in candidates) From(c.Symbol);
        foreach (Candidate c in candidates) FromType(c.ClrType);
        return ids is null ? EquatableArray<string>.Empty : ids.ToEquatableArray();
    }

    // How a constructor stores a parameter that loading passes a member's saved value to, when that is not as it is:
    // the member's initializer or the constructor's assignment computes another value from it (Epochs * 2, a.Trim()),
    // or the constructor assigns the member something else or nothing. Null when the value is stored as it is (or
    // copied, or checked by an expression that throws), or when the syntax does not tell (a chained constructor).
    private static (Location? At, string What)? StoredOtherwise(ISymbol member, IParameterSymbol parameter, ConstructorSyntax constructor, CancellationToken ct)
    {
        string p = parameter.Name;
        // A member that is never null never takes the right side of 'p ?? fallback': the saved value is stored as it is.
        ITypeSymbol? type = (member as IPropertySymbol)?.Type ?? (member as IFieldSymbol)?.Type;
        bool neverNull = type is not null && (type.IsValueType ? type.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T : type.NullableAnnotation == NullableAnnotation.NotAnnotated);
        if (constructor.Primary)
        {
            // A primary constructor: the member's initializer stores the parameter (a record's own property has none).
            ExpressionSyntax? initializer = InitializerOf(member, ct);
            if (initializer is null || AsItIs(initializer, p, neverNull) || !Mentions(initializer, p)) return null;
            return (initializer.GetLocation(), $"its initializer stores '{initializer}'");
        }
        if (constructor.Declared is not { } declared) return null;
        // Another constructor of the type stores it, or the base's: the syntax here does not tell.
        if (declared.Initializer is { } chained && (chained.ThisOrBaseKeyword.IsKind(SyntaxKind.ThisKeyword)
            || chained.ArgumentList.Arguments.Any(a => Mentions(a.Expression, p)))) return null;
        if (!constructor.Stores.TryGetValue(member.Name, out ExpressionSyntax? stored))
        {
            // Assigned by a call the syntax does not show (a helper method): say nothing.
            if (constructor.Calls.Any(i => i.ArgumentList.Arguments.Any(a => Mentions(a.Expression, p)))) return null;
            return (declared.Identifier.GetLocation(), $"the constructor does not store it in '{member.Name}'");
        }
        if (AsItIs(stored, p, neverNull)) return null;
        return (stored.GetLocation(), $"the constructor stores '{stored}'");
    }

    // The constructor that loading calls, as its first declaration reads: a primary constructor, or an explicit one with
    // what its body assigns to each name (the last assignment) and the calls it makes — walked once for all members.
    private sealed class ConstructorSyntax
    {
        public bool Primary;
        public ConstructorDeclarationSyntax? Declared;
        public readonly Dictionary<string, ExpressionSyntax> Stores = new(StringComparer.Ordinal);
        public readonly List<InvocationExpressionSyntax> Calls = [];

        public static ConstructorSyntax Of(IMethodSymbol constructor, CancellationToken ct)
        {
            var read = new ConstructorSyntax();
            foreach (SyntaxReference reference in constructor.DeclaringSyntaxReferences)
            {
                SyntaxNode syntax = reference.GetSyntax(ct);
                if (syntax is TypeDeclarationSyntax)
                {
                    read.Primary = true;
                    return read;
                }
                if (syntax is not ConstructorDeclarationSyntax declared) continue;
                read.Declared = declared;
                foreach (SyntaxNode node in declared.DescendantNodes())
                {
                    if (node is InvocationExpressionSyntax call) read.Calls.Add(call);
                    if (node is not AssignmentExpressionSyntax assignment) continue;
                    string? target = assignment.Left switch
                    {
                        IdentifierNameSyntax id => id.Identifier.ValueText,
                        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access => access.Name.Identifier.ValueText,
                        _ => null,
                    };
                    if (target is not null) read.Stores[target] = assignment.Right;
                }
                return read;
            }
            return read;
        }
    }

    // The comparer a set or dictionary member ends with once the model is constructed: that of the last statement of the
    // constructor loading calls (or of one it chains to, which runs first) that assigns it, else that of its initializer
    // ('= new(StringComparer.OrdinalIgnoreCase)'); for a member loading does not set after construction (init-only,
    // required; a constructor parameter's, from its initializer only) or of an interface type: not data, so loading
    // gives it to the collection it read (DeclaredComparers). A comparer loading cannot create again (a lambda's, an instance member, a collection
    // kind of its own), or a constructor's assignment loading cannot follow (in a branch, a loop, a lambda, a method it
    // calls), is reported: the loaded value would compare keys with the default comparer, and a tokenizer's
    // case-insensitive vocabulary would silently stop finding "The".
    private ComparerSpec? DeclaredComparer(Candidate c, MemberAssignment assignment, CancellationToken ct)
    {
        bool set = c.Type is SequenceType { Kind: SequenceKind.HashSet or SequenceKind.SortedSet or SequenceKind.SetInterface or SequenceKind.ReadOnlySetInterface
            or SequenceKind.ImmutableHashSet or SequenceKind.FrozenSet };
        if (_compilation is null || !(set || c.Type is MapType)) return null;
        ExpressionSyntax? initializer = InitializerOf(c.Symbol, ct);
        // A constructor parameter's member holds what loading passes (its initializer's comparer is given to that).
        List<ConstructorStore> stores = assignment == MemberAssignment.Constructor || _constructor is null ? []
            : (_constructorBodies ??= ConstructorBodies.Of(_constructor, this, ct)).Stores(c.Symbol, this, ct);
        int plain = stores.FindLastIndex(s => s.Value is not null);
        if (plain == stores.Count - 1)
            return plain < 0 ? Comparer(c, set, initializer, inConstructor: false, ct) : Comparer(c, set, stores[plain].Value, inConstructor: true, ct);

        // The last assignments are ones loading does not follow: reported when one of them, or the value they may
        // replace, gives a comparer (else every outcome compares with the default one, as the loaded value will).
        ExpressionSyntax? before = plain < 0 ? initializer : stores[plain].Value;
        ConstructorStore last = stores[stores.Count - 1];
        (AssignmentExpressionSyntax At, string Where)? report = before is not null && ComparerOf(before, ct) is not null ? last.NotFollowed![last.NotFollowed.Count - 1] : null;
        for (int i = plain + 1; i < stores.Count; i++)
            foreach (var a in stores[i].NotFollowed!)
                if (ComparerOf(a.At.Right, ct) is not null) report = a;
        if (report is { } r)
            Report(DiagnosticDescriptors.ComparerNotRecreated, r.At.GetLocation(), ComparerNotRecreatedArguments.NotFollowed(c.Symbol.Name, r.Where, r.At.ToString()));
        return null;
    }

    // A member set after construction takes the comparer of the collection already there, whatever made it
    // (ModelEmitter.Loaded); the one its initializer or constructor names, when loading can create it, is where its read
    // starts (the collection is read with it, and kept when the collection there has that very comparer). Nothing is
    // reported: any comparer the constructor gives such a member is the one it gets.
    private ComparerSpec? QuietComparer(Candidate c, MemberAssignment assignment, CancellationToken ct)
    {
        int reported = _diagnostics.Count;
        ComparerSpec? comparer = DeclaredComparer(c, assignment, ct);
        _diagnostics.RemoveRange(reported, _diagnostics.Count - reported);
        return comparer;
    }

    // The comparer a value gives the member ('new(StringComparer.OrdinalIgnoreCase)'), when loading can create it again;
    // null (and MG0024 when it gives one loading cannot) otherwise.
    private ComparerSpec? Comparer(Candidate c, bool set, ExpressionSyntax? value, bool inConstructor, CancellationToken ct)
    {
        if (value is null || ComparerOf(value, ct) is not { } found) return null;
        var (operation, comparer, given) = found;
        string? kind = operation is IObjectCreationOperation created ? GenericCollectionType(created.Type) switch
        {
            "Dictionary`2" => "Dictionary",
            "SortedDictionary`2" => "SortedDictionary",
            "HashSet`1" => "HashSet",
            "SortedSet`1" => "SortedSet",
            _ => null,
        } : null;
        string? expression = given switch
        {
            IPropertyReferenceOperation { Property.IsStatic: true } p => TypeShapes.CSharpName(p.Property.ContainingType) + "." + Escape(p.Property.Name),
            IFieldReferenceOperation { Field.IsStatic: true } f => TypeShapes.CSharpName(f.Field.ContainingType) + "." + Escape(f.Field.Name),
            IObjectCreationOperation { Arguments.Length: 0, Initializer: null, Type: { } t } => "new " + TypeShapes.CSharpName(t) + "()",
            _ => null,
        };
        if (kind is null || expression is null || (set != kind.EndsWith("Set", StringComparison.Ordinal)))
        {
            Report(DiagnosticDescriptors.ComparerNotRecreated, comparer.Syntax.GetLocation(), ComparerNotRecreatedArguments.Given(c.Symbol.Name, inConstructor, comparer.Syntax.ToString(),
                kind is null ? "loading creates the collection of the member's type with the default comparer"
                : "loading cannot create this comparer again (it creates a static property's or field's, or one made by a constructor without arguments)"));
            return null;
        }
        return new ComparerSpec(kind, expression);
    }

    // The creation or call a value is, its comparer argument and what that passes, when it passes one other than the
    // default (null, 'default'). Bound only when the syntax may pass a comparer: a creation or a call with arguments.
    private (IOperation Operation, IArgumentOperation Comparer, IOperation Given)? ComparerOf(ExpressionSyntax value, CancellationToken ct)
    {
        if (value is not (BaseObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: > 0 } or InvocationExpressionSyntax { ArgumentList.Arguments.Count: > 0 })
            || SemanticModelOf(value.SyntaxTree) is not { } semantics) return null;
        IOperation? operation = semantics.GetOperation(value, ct);
        while (operation is IConversionOperation conversion) operation = conversion.Operand;
        System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments = operation switch
        {
            IObjectCreationOperation creation => creation.Arguments,
            IInvocationOperation call => call.Arguments,
            _ => default,
        };
        if (arguments.IsDefault) return null;
        IArgumentOperation? comparer = arguments.FirstOrDefault(a => GenericCollectionType(a.Parameter?.Type) is "IEqualityComparer`1" or "IComparer`1");
        if (comparer is null) return null;
        IOperation given = comparer.Value;
        while (given is IConversionOperation conversion) given = conversion.Operand;
        if (given.ConstantValue is { HasValue: true, Value: null } || given is IDefaultValueOperation) return null; // the default comparer
        return (operation!, comparer, given);
    }

    // One semantic model a tree, for the trees of the model's declarations (initializers, constructors).
    private SemanticModel? SemanticModelOf(SyntaxTree tree)
    {
        if (_compilation is null || !_compilation.ContainsSyntaxTree(tree)) return null;
        _semanticModels ??= new Dictionary<SyntaxTree, SemanticModel>();
        if (!_semanticModels.TryGetValue(tree, out SemanticModel? model)) _semanticModels[tree] = model = _compilation.GetSemanticModel(tree);
        return model;
    }

    // A statement of a constructor's body that assigns a member: Value when it is 'M = value;' ('this.M', 'base.M'),
    // else the assignments in it loading does not follow, each with where it is.
    private sealed record ConstructorStore(ExpressionSyntax? Value, List<(AssignmentExpressionSyntax At, string Where)>? NotFollowed);

    // The statements of the bodies of the constructor loading calls and of those it chains to ('this(...)', 'base(...)',
    // a base's parameterless one), in the order they run; read once a model, for its first set or dictionary member
    // that looks at them.
    private sealed class ConstructorBodies
    {
        // Each statement that assigns anything, with its assignments and those of the methods of the model it calls.
        private readonly List<(SyntaxNode Statement, List<AssignmentExpressionSyntax> Assignments, List<(AssignmentExpressionSyntax At, string Where)>? Called)> _statements = [];

        public static ConstructorBodies Of(IMethodSymbol constructor, ModelParser parser, CancellationToken ct)
        {
            var chain = new List<ConstructorDeclarationSyntax>();
            var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            for (IMethodSymbol? m = constructor; m is not null && m.ContainingType.DeclaringSyntaxReferences.Length > 0 && seen.Add(m);)
            {
                ConstructorDeclarationSyntax? declared = null;
                foreach (SyntaxReference r in m.DeclaringSyntaxReferences)
                    if (r.GetSyntax(ct) is ConstructorDeclarationSyntax d) { declared = d; break; }
                if (declared is null)
                {
                    // The implicit constructor runs its base's parameterless one; a primary constructor has no body.
                    m = m.IsImplicitlyDeclared ? Parameterless(m.ContainingType.BaseType) : null;
                    continue;
                }
                chain.Add(declared);
                m = declared.Initializer is { } chained
                    ? parser.SemanticModelOf(chained.SyntaxTree)?.GetSymbolInfo(chained, ct).Symbol as IMethodSymbol
                    : Parameterless(m.ContainingType.BaseType);
            }
            var bodies = new ConstructorBodies();
            for (int i = chain.Count - 1; i >= 0; i--) // the chained-to constructor runs first
            {
                if (chain[i].Body is { } body)
                    foreach (StatementSyntax statement in body.Statements) bodies.Add(statement, parser, ct);
                else if (chain[i].ExpressionBody is { } arrow) bodies.Add(arrow.Expression, parser, ct);
            }
            return bodies;
        }

        private static IMethodSymbol? Parameterless(INamedTypeSymbol? type)
        {
            if (type is null) return null;
            foreach (IMethodSymbol c in type.InstanceConstructors)
                if (c.Parameters.Length == 0) return c;
            return null;
        }

        private void Add(SyntaxNode statement, ModelParser parser, CancellationToken ct)
        {
            var assignments = new List<AssignmentExpressionSyntax>();
            List<(AssignmentExpressionSyntax At, string Where)>? called = null;
            foreach (SyntaxNode node in statement.DescendantNodesAndSelf())
            {
                if (node is AssignmentExpressionSyntax { Parent: not InitializerExpressionSyntax } a) assignments.Add(a); // not an object initializer's member
                // A method of the model the constructor calls ('Init()', 'this.Init()'): what it assigns.
                if (node is not InvocationExpressionSyntax { Expression: IdentifierNameSyntax or GenericNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or BaseExpressionSyntax } } call
                    || parser.SemanticModelOf(call.SyntaxTree)?.GetSymbolInfo(call, ct).Symbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false } method) continue;
                foreach (SyntaxReference r in method.DeclaringSyntaxReferences)
                    foreach (SyntaxNode inMethod in r.GetSyntax(ct).DescendantNodes())
                        if (inMethod is AssignmentExpressionSyntax { Parent: not InitializerExpressionSyntax } assigned)
                            (called ??= []).Add((assigned, $"in '{method.Name}', which the constructor calls"));
            }
            if (assignments.Count > 0 || called is not null) _statements.Add((statement, assignments, called));
        }

        // The statements that assign the member, in the order they run.
        public List<ConstructorStore> Stores(ISymbol member, ModelParser parser, CancellationToken ct)
        {
            var stores = new List<ConstructorStore>();
            foreach (var (statement, assignments, called) in _statements)
            {
                if ((statement as AssignmentExpressionSyntax ?? (statement as ExpressionStatementSyntax)?.Expression as AssignmentExpressionSyntax) is
                    { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: not TupleExpressionSyntax } plain && Assigns(plain, member, parser, ct))
                {
                    stores.Add(new ConstructorStore(plain.Right, null));
                    continue;
                }
                List<(AssignmentExpressionSyntax At, string Where)>? notFollowed = null;
                foreach (AssignmentExpressionSyntax a in assignments)
                    if (Assigns(a, member, parser, ct)) (notFollowed ??= []).Add((a, Where(a, statement)));
                if (called is not null)
                    foreach (var a in called)
                        if (Assigns(a.At, member, parser, ct)) (notFollowed ??= []).Add(a);
                if (notFollowed is not null) stores.Add(new ConstructorStore(null, notFollowed));
            }
            return stores;
        }

        // Whether an assignment's target is the member ('M', 'this.M', 'base.M', or one of a deconstruction's).
        private static bool Assigns(AssignmentExpressionSyntax a, ISymbol member, ModelParser parser, CancellationToken ct)
        {
            if (a.Left is TupleExpressionSyntax tuple)
            {
                foreach (ArgumentSyntax argument in tuple.Arguments)
                    if (Names(argument.Expression, member, parser, ct)) return true;
                return false;
            }
            return Names(a.Left, member, parser, ct);
        }

        // Bound only when the name is the member's (a local or another type's member may have it too).
        private static bool Names(ExpressionSyntax target, ISymbol member, ModelParser parser, CancellationToken ct)
        {
            string? name = target switch
            {
                IdentifierNameSyntax id => id.Identifier.ValueText,
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or BaseExpressionSyntax } access => access.Name.Identifier.ValueText,
                _ => null,
            };
            return name == member.Name && parser.SemanticModelOf(target.SyntaxTree)?.GetSymbolInfo(target, ct).Symbol is { } bound
                && SymbolEqualityComparer.Default.Equals(bound.OriginalDefinition, member.OriginalDefinition);
        }

        // Where a constructor's assignment is that loading does not follow, as MG0024 says it.
        private static string Where(AssignmentExpressionSyntax a, SyntaxNode statement)
        {
            if (a.Left is TupleExpressionSyntax) return "by deconstruction";
            if (a.IsKind(SyntaxKind.CoalesceAssignmentExpression)) return "with '??='";
            if (!a.IsKind(SyntaxKind.SimpleAssignmentExpression)) return "with a compound assignment";
            for (SyntaxNode? node = a.Parent; node is not null; node = node == statement ? null : node.Parent)
                switch (node)
                {
                    case IfStatementSyntax or ElseClauseSyntax or SwitchStatementSyntax or SwitchExpressionSyntax or ConditionalExpressionSyntax or BinaryExpressionSyntax:
                        return "in a branch";
                    case ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax:
                        return "in a loop";
                    case AnonymousFunctionExpressionSyntax:
                        return "in a lambda";
                    case LocalFunctionStatementSyntax:
                        return "in a local function";
                    case TryStatementSyntax or CatchClauseSyntax or FinallyClauseSyntax:
                        return "in a try statement";
                }
            return "inside another statement";
        }
    }

    // The metadata name ("Dictionary`2") of a generic type of System.Collections.Generic; null for any other type.
    private static string? GenericCollectionType(ITypeSymbol? type) =>
        type is INamedTypeSymbol { IsGenericType: true, ContainingNamespace: { Name: "Generic", ContainingNamespace: { Name: "Collections", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } } named
            ? named.MetadataName : null;

    private static ExpressionSyntax? InitializerOf(ISymbol member, CancellationToken ct)
    {
        foreach (SyntaxReference reference in member.DeclaringSyntaxReferences)
            switch (reference.GetSyntax(ct))
            {
                case PropertyDeclarationSyntax { Initializer: { } init }: return init.Value;
                case VariableDeclaratorSyntax { Initializer: { } init }: return init.Value;
            }
        return null;
    }

    // The parameter as it is: bare, null-forgiven, checked by an expression that throws ('p ?? throw ...',
    // 'c ? throw ... : p'), or copied ('p.ToArray()', '(T[])p.Clone()', 'new(p)', '[.. p]'); 'p ?? fallback' too when the
    // member is never null.
    private static bool AsItIs(ExpressionSyntax e, string p, bool neverNull) => e switch
    {
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } fallback when neverNull => AsItIs(fallback.Left, p, neverNull),
        IdentifierNameSyntax id => id.Identifier.ValueText == p,
        ParenthesizedExpressionSyntax paren => AsItIs(paren.Expression, p, neverNull),
        PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } bang => AsItIs(bang.Operand, p, neverNull),
        CastExpressionSyntax cast => AsItIs(cast.Expression, p, neverNull),
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression, Right: ThrowExpressionSyntax } coalesce => AsItIs(coalesce.Left, p, neverNull),
        ConditionalExpressionSyntax { WhenTrue: ThrowExpressionSyntax } c => AsItIs(c.WhenFalse, p, neverNull),
        ConditionalExpressionSyntax { WhenFalse: ThrowExpressionSyntax } c => AsItIs(c.WhenTrue, p, neverNull),
        InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Expression: MemberAccessExpressionSyntax access } =>
            access.Name.Identifier.ValueText is "ToArray" or "ToList" or "Clone" or "ToImmutableArray" or "ToImmutableList" or "ToHashSet" or "ToDictionary" or "ToFrozenSet" or "ToFrozenDictionary"
            && AsItIs(access.Expression, p, neverNull),
        BaseObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 1, Initializer: null } creation => AsItIs(creation.ArgumentList!.Arguments[0].Expression, p, neverNull),
        CollectionExpressionSyntax { Elements.Count: 1 } collection => collection.Elements[0] is SpreadElementSyntax spread && AsItIs(spread.Expression, p, neverNull),
        _ => false,
    };

    private static bool Mentions(ExpressionSyntax e, string p) =>
        e.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(id => id.Identifier.ValueText == p);

    // Whether the generated code of a model can call an accessor declared in the model itself (own) or in a base type.
    private static bool Reachable(IMethodSymbol accessor, bool own, bool inSource) => own || accessor.DeclaredAccessibility switch
    {
        Accessibility.Private => false,
        // Reachable from the same assembly only: a base declared in source is in it.
        Accessibility.Internal or Accessibility.ProtectedAndInternal => inSource,
        _ => true,
    };

    private static string AccessorAccess(IMethodSymbol accessor) => accessor.DeclaredAccessibility switch
    {
        Accessibility.Private => "private",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => "internal",
    };

    // A non-public field that a saved property's setter (or init accessor) assigns is that property's storage: loading
    // sets the property, which fills the field, so the field is not unsaved state. Read from the setter's syntax, and
    // only for a field about to be reported (most models have none).
    private static bool SetBySavedProperty(ISymbol member, INamedTypeSymbol declaring, CancellationToken ct)
    {
        if (member is not IFieldSymbol field) return false;
        foreach (ISymbol other in declaring.GetMembers())
        {
            if (other is not IPropertySymbol { IsStatic: false, SetMethod: not null } property || HasAttribute(property, IgnoreAttribute)
                || (property.DeclaredAccessibility != Accessibility.Public && !HasAttribute(property, MemberAttribute))) continue;
            // A partial property's body is in its implementing declaration.
            IMethodSymbol setter = (property.PartialImplementationPart ?? property).SetMethod!;
            foreach (SyntaxReference reference in setter.DeclaringSyntaxReferences)
                if (reference.GetSyntax(ct) is AccessorDeclarationSyntax accessor && Assigns(accessor, field.Name)) return true;
        }
        return false;
    }

    private static bool Assigns(AccessorDeclarationSyntax accessor, string field)
    {
        foreach (AssignmentExpressionSyntax assignment in accessor.DescendantNodes().OfType<AssignmentExpressionSyntax>())
        {
            if (assignment.Left is IdentifierNameSyntax { Identifier.ValueText: var name } && name == field) return true;
            if (assignment.Left is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name.Identifier.ValueText: var named } && named == field) return true;
        }
        return false;
    }

    private static bool IsAutoProperty(IPropertySymbol p) =>
        p.ContainingType.GetMembers().OfType<IFieldSymbol>().Any(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, p));

    // The primary constructor parameter a compiler-declared field captures (the compiler names the field after it:
    // "<name>P"); null when the name does not tell.
    private static IParameterSymbol? CapturedParameter(INamedTypeSymbol type, IFieldSymbol captured, CancellationToken ct)
    {
        foreach (IMethodSymbol constructor in type.InstanceConstructors)
            foreach (IParameterSymbol p in constructor.Parameters)
                if (captured.Name.StartsWith("<" + p.Name + ">", StringComparison.Ordinal)
                    && constructor.DeclaringSyntaxReferences.Any(r => r.GetSyntax(ct) is TypeDeclarationSyntax))
                    return p;
        return null;
    }

    // The constructor parameter that takes a member (names compared ignoring case). (A loop: asked for every member.)
    private static IParameterSymbol? ParameterNamed(IMethodSymbol constructor, string member)
    {
        foreach (IParameterSymbol p in constructor.Parameters)
            if (string.Equals(p.Name, member, StringComparison.OrdinalIgnoreCase)) return p;
        return null;
    }

    private static IMethodSymbol? ChooseConstructor(INamedTypeSymbol type, List<Candidate> candidates)
    {
        IMethodSymbol? best = null;
        foreach (IMethodSymbol ctor in type.InstanceConstructors)
        {
            if (ctor.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(ctor.Parameters[0].Type, type)) continue; // record copy constructor
            if (ctor.GetAttributes().Any(a => TypeShapes.Is(a.AttributeClass, "System.ObsoleteAttribute"))) continue;
            bool matches = ctor.Parameters.All(p => candidates.Any(c =>
                string.Equals(c.Symbol.Name, p.Name, StringComparison.OrdinalIgnoreCase)
                && SymbolEqualityComparer.Default.Equals(c.ClrType.WithNullableAnnotation(NullableAnnotation.None), p.Type.WithNullableAnnotation(NullableAnnotation.None))));
            if (!matches) continue;
            if (best is null || ctor.Parameters.Length > best.Parameters.Length) best = ctor;
        }
        return best;
    }

    // Each mistake is reported at the [ModelUnion] argument that makes it: the typeof(...) or the tag.
    private List<UnionCaseSpec> ParseUnionCases(INamedTypeSymbol type, ref bool ok, CancellationToken ct)
    {
        var cases = new List<UnionCaseSpec>();
        foreach (AttributeData a in type.GetAttributes())
        {
            if (!TypeShapes.Is(a.AttributeClass, UnionAttribute) || a.ConstructorArguments.Length != 2) continue;
            if (a.ConstructorArguments[0].Value is not string tag || a.ConstructorArguments[1].Value is not INamedTypeSymbol sub) continue;
            Location? tagAt = ArgumentLocation(a, 0, ct) ?? type.Locations.FirstOrDefault();
            Location? subAt = ArgumentLocation(a, 1, ct) ?? type.Locations.FirstOrDefault();
            if (!Derives(sub, type))
            {
                Report(DiagnosticDescriptors.UnionSubtypeNotDerived, subAt, sub.ToDisplayString(), type.Name);
                ok = false;
                continue;
            }
            if (!TypeShapes.IsModel(sub))
            {
                Report(DiagnosticDescriptors.NestedTypeNotModel, subAt, $"Union case '{tag}'", sub.ToDisplayString(), HowToMarkModel(sub));
                ok = false;
                continue;
            }
            if (!TypeShapes.CanDeclarePartial(sub))
            {
                ok = false; // the subtype reports its own error; no follow-on error here
                continue;
            }
            string subName = TypeShapes.CSharpName(sub);
            UnionCaseSpec? same = cases.FirstOrDefault(c => c.Tag == tag || c.FullTypeName == subName);
            if (same is not null)
            {
                bool tagRepeated = same.Tag == tag;
                Report(DiagnosticDescriptors.DuplicateUnionTag, tagRepeated ? tagAt : subAt, type.Name,
                    tagRepeated ? $"the tag '{tag}'" : $"the subtype '{sub.ToDisplayString()}'");
                ok = false;
                continue;
            }
            // The schema table holds each case's tag.
            if (!FitsBinaryFormat(tag, $"The union tag of '{sub.Name}'", tagAt, type))
            {
                ok = false;
                continue;
            }
            cases.Add(new UnionCaseSpec(tag, subName, TypeShapes.ModelName(sub), Depth(sub)));
        }
        // Most derived first, so that no type pattern in the generated switch hides a later one.
        return cases.OrderByDescending(c => c.Depth).ToList();
    }

    private static string? FindOwnUnionTag(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? t = type.BaseType; t is not null && t.SpecialType == SpecialType.None; t = t.BaseType)
            if (UnionTagIn(t, type) is { } tag) return tag;
        foreach (INamedTypeSymbol i in type.AllInterfaces)
            if (UnionTagIn(i, type) is { } tag) return tag;
        return null;
    }

    private static string? UnionTagIn(INamedTypeSymbol super, INamedTypeSymbol type)
    {
        foreach (AttributeData a in super.GetAttributes())
            if (TypeShapes.Is(a.AttributeClass, UnionAttribute) && a.ConstructorArguments.Length == 2
                && a.ConstructorArguments[1].Value is INamedTypeSymbol sub && SymbolEqualityComparer.Default.Equals(sub, type)
                && a.ConstructorArguments[0].Value is string tag)
                return tag;
        return null;
    }

    private static int Depth(INamedTypeSymbol type)
    {
        int depth = 0;
        for (INamedTypeSymbol? t = type.BaseType; t is not null; t = t.BaseType) depth++;
        return depth;
    }

    // Base types below System.Object/ValueType/Enum: those carry no model attributes and no generated members.
    private static IEnumerable<INamedTypeSymbol> BaseTypes(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? t = type.BaseType; t is not null && t.SpecialType == SpecialType.None; t = t.BaseType) yield return t;
    }

    // Static members of base classes are inherited (and hidden by ours); those of interfaces are not.
    private static IEnumerable<INamedTypeSymbol> BaseModels(INamedTypeSymbol type) => BaseTypes(type).Where(TypeShapes.IsModel);

    private static bool Derives(INamedTypeSymbol sub, INamedTypeSymbol baseType) =>
        BaseTypes(sub).Any(b => SymbolEqualityComparer.Default.Equals(b, baseType))
        || sub.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, baseType));

    private static List<ValidationSpec> ParseValidations(ISymbol member, IParameterSymbol? parameter)
    {
        var result = new List<ValidationSpec>();
        IEnumerable<AttributeData> attributes = member.GetAttributes();
        if (parameter is not null) attributes = attributes.Concat(parameter.GetAttributes());
        foreach (AttributeData a in attributes)
        {
            string? message = a.NamedArguments.FirstOrDefault(n => n.Key == "ErrorMessage").Value.Value as string;
            if (TypeShapes.Is(a.AttributeClass, RequiredAttribute))
            {
                bool allowEmpty = a.NamedArguments.Any(n => n.Key == "AllowEmptyStrings" && n.Value.Value is true);
                result.Add(new ValidationSpec(allowEmpty ? ValidationKind.RequiredAllowEmpty : ValidationKind.Required, default, default, false, false, message));
            }
            else if (TypeShapes.Is(a.AttributeClass, RangeAttribute) && a.ConstructorArguments.Length == 2)
            {
                // [Range(int, int)] or [Range(double, double)]; the (Type, string, string) form is not checked.
                if (Bound(a.ConstructorArguments[0].Value) is not RangeBound min || Bound(a.ConstructorArguments[1].Value) is not RangeBound max) continue;
                bool minEx = a.NamedArguments.Any(n => n.Key == "MinimumIsExclusive" && n.Value.Value is true);
                bool maxEx = a.NamedArguments.Any(n => n.Key == "MaximumIsExclusive" && n.Value.Value is true);
                result.Add(new ValidationSpec(ValidationKind.Range, min, max, minEx, maxEx, message));
            }
        }
        return result;
    }

    private static RangeBound? Bound(object? value) => value switch
    {
        int i => new RangeBound(i, IsInteger: true),
        double d => new RangeBound(d, IsInteger: false),
        _ => null,
    };

    /// <summary>A C# expression for a constant default parameter value.</summary>
    private static string Literal(object? value, ITypeSymbol type)
    {
        ITypeSymbol target = type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T ? ((INamedTypeSymbol)type).TypeArguments[0] : type;
        if (value is null) return "default";
        if (target.TypeKind == TypeKind.Enum)
            return $"({TypeShapes.CSharpName(target)})({Convert.ToString(value, CultureInfo.InvariantCulture)})";
        return value switch
        {
            float f when float.IsNaN(f) => "float.NaN",
            float f when float.IsPositiveInfinity(f) => "float.PositiveInfinity",
            float f when float.IsNegativeInfinity(f) => "float.NegativeInfinity",
            float f => f.ToString("R", CultureInfo.InvariantCulture) + "f",
            double d when double.IsNaN(d) => "double.NaN",
            double d when double.IsPositiveInfinity(d) => "double.PositiveInfinity",
            double d when double.IsNegativeInfinity(d) => "double.NegativeInfinity",
            double d => d.ToString("R", CultureInfo.InvariantCulture) + "d",
            decimal m => m.ToString(CultureInfo.InvariantCulture) + "m",
            long l => l.ToString(CultureInfo.InvariantCulture) + "L",
            ulong u => u.ToString(CultureInfo.InvariantCulture) + "UL",
            uint u => u.ToString(CultureInfo.InvariantCulture) + "U",
            _ => $"({TypeShapes.CSharpName(target)}){SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false)}",
        };
    }

    // A positional record's [PreviousName] and [ModelMember] sit on the constructor parameter, not on the property.
    internal static IEnumerable<AttributeData> AttributesOf(ISymbol member) =>
        member.ContainingType is { IsRecord: true } record && member is IPropertySymbol
            ? member.GetAttributes().Concat(record.InstanceConstructors.SelectMany(c => c.Parameters).Where(p => p.Name == member.Name).Take(1).SelectMany(p => p.GetAttributes()))
            : member.GetAttributes();

    // MG0025: another serializer's attribute that would have the member saved otherwise than ModelGen saves it. Not
    // where the member says what ModelGen does ([ModelMember] for a member left out, a name set or read as previous).
    private void ReportForeignAttributes(ISymbol member, ImmutableArray<AttributeData> attributes, bool marked, bool named, string name, int key, List<string> previous, string? optIn, INamedTypeSymbol? inheritedBy)
    {
        if (optIn is not null && !marked && !HasOptIn(attributes))
            Report(DiagnosticDescriptors.ForeignSerializerAttribute, member, ForeignSerializerAttributeArguments.NotOptedIn(member.Name, optIn));
        foreach (AttributeData a in attributes)
        {
            string[]? parts = ForeignAttributes.Of(a, out string? foreignName) switch
            {
                ForeignAttributes.Effect.Name when !named && foreignName != name && !previous.Contains(foreignName!) =>
                    ForeignSerializerAttributeArguments.Name(member.Name, ForeignAttributes.ShortName(a), foreignName!, name, key, LooseNames.Match(foreignName!, name)),
                ForeignAttributes.Effect.Ignored when !marked => ForeignSerializerAttributeArguments.Ignored(member.Name, ForeignAttributes.ShortName(a)),
                ForeignAttributes.Effect.ExtensionData when !marked => ForeignSerializerAttributeArguments.ExtensionData(member.Name, ForeignAttributes.ShortName(a)),
                _ => null,
            };
            if (parts is null) continue;
            if (inheritedBy is null) ReportAt(DiagnosticDescriptors.ForeignSerializerAttribute, a, member, parts);
            else Report(DiagnosticDescriptors.ForeignSerializerAttribute, inheritedBy, ForeignSerializerAttributeArguments.Inherited(parts, member.ContainingType.Name, inheritedBy.Name));
        }
    }

    private static bool HasOptIn(ImmutableArray<AttributeData> attributes)
    {
        foreach (AttributeData a in attributes)
            if (ForeignAttributes.OptsIn(a)) return true;
        return false;
    }

    // AttributesOf, given the member's own attributes (without LINQ: asked for every member of every model).
    private static ImmutableArray<AttributeData> AttributesOf(ISymbol member, ImmutableArray<AttributeData> own)
    {
        if (member.ContainingType is not { IsRecord: true } record || member is not IPropertySymbol) return own;
        foreach (IMethodSymbol constructor in record.InstanceConstructors)
            foreach (IParameterSymbol p in constructor.Parameters)
                if (p.Name == member.Name) return own.AddRange(p.GetAttributes());
        return own;
    }

    // (A loop, not Any with a lambda: asked for every member, where the lambda's closure was an allocation a call.)
    private static bool HasAttribute(ISymbol symbol, string name)
    {
        foreach (AttributeData a in symbol.GetAttributes())
            if (TypeShapes.Is(a.AttributeClass, name)) return true;
        return false;
    }

    /// <summary>An argument of an attribute as written: a named one (<c>Version = 0</c>), or null when the attribute
    /// has no syntax or no such argument.</summary>
    private static Location? ArgumentLocation(AttributeData attribute, string name, CancellationToken ct) =>
        (attribute.ApplicationSyntaxReference?.GetSyntax(ct) as AttributeSyntax)?.ArgumentList?.Arguments
            .FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name)?.GetLocation();

    /// <summary>A positional argument of an attribute as written.</summary>
    private static Location? ArgumentLocation(AttributeData attribute, int position, CancellationToken ct) =>
        (attribute.ApplicationSyntaxReference?.GetSyntax(ct) as AttributeSyntax)?.ArgumentList?.Arguments
            .Where(a => a.NameEquals is null).ElementAtOrDefault(position)?.Expression.GetLocation();

    /// <summary>The type of a property, field or positional record parameter as written.</summary>
    private static Location? TypeLocation(ISymbol member, CancellationToken ct) =>
        member.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(ct) switch
        {
            PropertyDeclarationSyntax p => p.Type.GetLocation(),
            VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax d } => d.Type.GetLocation(),
            ParameterSyntax { Type: { } t } => t.GetLocation(),
            _ => member.Locations.FirstOrDefault(),
        };

    /// <summary>Where a member takes a name or key that another member has: the [ModelMember] or [PreviousName]
    /// argument that gives it, or the member's name when the name or key comes from the member's name.</summary>
    private static Location? DuplicateLocation(ISymbol member, string? name, int? key, CancellationToken ct)
    {
        foreach (AttributeData a in member.GetAttributes())
        {
            if (TypeShapes.Is(a.AttributeClass, MemberAttribute))
            {
                foreach (var arg in a.NamedArguments)
                    if ((arg.Key == "Name" && name is not null && arg.Value.Value as string == name) || (arg.Key == "Key" && key is not null && arg.Value.Value is int k && k == key))
                        return ArgumentLocation(a, arg.Key, ct);
            }
            else if (TypeShapes.Is(a.AttributeClass, PreviousNameAttribute) && a.ConstructorArguments.Length == 1 && a.ConstructorArguments[0].Value is string previous
                && (previous == name || (key is not null && MemberKeys.Of(previous) == key)))
            {
                return ArgumentLocation(a, 0, ct);
            }
        }
        return member.Locations.FirstOrDefault();
    }

    // The type to mark in MG0006: the element of an array or collection when that is what is not a model.
    private static ITypeSymbol NotModelType(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol array) return NotModelType(array.ElementType);
        if (type is INamedTypeSymbol { IsGenericType: true } named && !TypeShapes.IsModel(named))
        {
            foreach (ITypeSymbol argument in named.TypeArguments)
            {
                TypeShapes.Map(argument, out TypeShapes.Failure failure);
                if (failure == TypeShapes.Failure.NotModel) return NotModelType(argument);
            }
        }
        return type;
    }

    // Advice for MG0006 that, once followed, compiles.
    private static string HowToMarkModel(ITypeSymbol type)
    {
        if (type.DeclaringSyntaxReferences.Length == 0)
            return "it is not declared in this project, so use a model type instead or exclude the member with [ModelIgnore]";
        if (type.IsAbstract || type.TypeKind == TypeKind.Interface)
            return $"mark it [SerializableModel], make it partial, and declare each implementation with [ModelUnion(\"tag\", typeof(Implementation))] on '{type.Name}' (each implementation a [SerializableModel] too)";
        return "mark it [SerializableModel] and make it partial (and every type that contains it)";
    }

    private static IEnumerable<ContainingTypeSpec> ContainingTypes(INamedTypeSymbol type)
    {
        var list = new List<ContainingTypeSpec>();
        for (INamedTypeSymbol? t = type.ContainingType; t is not null; t = t.ContainingType)
            list.Insert(0, new ContainingTypeSpec(Keyword(t), Escape(t.Name)));
        return list;
    }

    private static TypeKeyword Keyword(INamedTypeSymbol type) => type switch
    {
        { TypeKind: TypeKind.Interface } => TypeKeyword.Interface,
        { IsRecord: true, IsValueType: true } => TypeKeyword.RecordStruct,
        { IsRecord: true } => TypeKeyword.Record,
        { IsValueType: true } => TypeKeyword.Struct,
        _ => TypeKeyword.Class,
    };

    // Instance state the generated code would drop: a field (not a property's hidden backing field) or an
    // auto-property, of a type ModelGen could save. Other types (locks, loggers, delegates) are not model data.
    private static bool IsUnsavedState(ISymbol member)
    {
        ITypeSymbol type;
        switch (member)
        {
            case IFieldSymbol f when !f.IsConst && !f.IsImplicitlyDeclared:
                type = f.Type;
                break;
            case IPropertySymbol p when !p.IsIndexer && IsAutoProperty(p):
                type = p.Type;
                break;
            default:
                return false;
        }
        return TypeShapes.Map(type, out _) is not null;
    }

    private static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}
