using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ModelGen.Generator.Model;

namespace ModelGen.Generator.Emit;

internal static partial class ModelEmitter
{
    // What a reader found, before the value is created: one holder for the binary, JSON and dictionary readers, whose
    // Build runs the migration hook, checks required members, constructs the model and validates hyperparameters.
    private static void EmitValues(SourceWriter w, Target t)
    {
        ModelSpec m = t.Model;
        w.WriteLine("// What a reader found, before the value is created; shared by the binary, JSON and dictionary readers.");
        w.OpenBlock($"private {New(m.Hides, InheritedNames.PrivateMembers)}struct {Values}");
        foreach (Slot s in t.Slots)
        {
            w.WriteLine($$"""
                public {{TypeRenderer.CSharpType(s.Member.Type)}} {{s.Value}};
                public bool {{s.Has}};
                """);
            if (s.HasPrevious) w.WriteLine($"public bool {s.ByCurrentName};");
            if (s.KeepsNullError) w.WriteLine($"public {Rt}ModelFormatException? {s.NullError};");
        }
        w.WriteLine("public int Version;");
        if (Captures(m)) w.WriteLine($"public {In}UnknownMembers? Unknown;");
        w.WriteLine();

        w.OpenBlock($"public {t.Self} Build()");
        foreach (Slot s in t.Slots.Where(s => s.KeepsNullError))
            w.WriteLine($"if ({s.NullError} is not null) throw {s.NullError};");
        if (m.MigrationMethod is not null)
        {
            w.WriteLine($$"""
                if (Version < {{Int(m.Version)}})
                {
                    // The hook reads and sets members by name through a view of these values.
                    var target = new {{MigrationTarget(m)}} { Values = this };
                    var migration = new {{Rt}}ModelMigration(Version, {{Int(m.Version)}}, target, Unknown);
                    {{t.Self}}.{{m.MigrationMethod}}(migration);
                    migration.Complete();
                    this = target.Values;
                }
                """);
        }
        foreach (Slot s in t.Slots.Where(s => s.Member.IsRequired))
            w.WriteLine($"if (!{s.Has}) throw {Rt}ModelFormatException.MissingMember({Str(s.Member.Name)});");
        EmitConstruction(w, t, s => s.Value, s => s.Has);
        // Validation is not done here: the runtime validates once, at the outermost [Hyperparameters] value of a read,
        // so that one error lists every violation in the tree (ModelGen.Internal.ReadValidation).
        if (m.KeepsUnknownMembers)
        {
            w.WriteLine($$"""
                {{In}}UnknownMembers.KeepVersion(ref Unknown, Version, {{Int(m.Version)}});
                // A new value keeps nothing yet: the store (a write barrier, for a class) is made only when there is something to keep.
                if (Unknown is not null) result.__modelGenUnknown.Members = Unknown;
                """);
        }
        w.WriteLine("return result;");
        w.CloseBlock();
        w.CloseBlock();
        if (m.MigrationMethod is not null) EmitMigrationTarget(w, t);
    }

    // The value from the members read: value(s) names where a member's value is, has(s) whether the input had it (null:
    // every member is there, as after a straight read of the reader's own layout).
    // Unless catches is false (the loop of straight items, whose caller reads the items again the checked way when
    // a constructor throws), a constructor's exception becomes a ModelFormatException.
    private static void EmitConstruction(SourceWriter w, Target t, System.Func<Slot, string> value, System.Func<Slot, string>? has, bool catches = true)
    {
        ModelSpec m = t.Model;
        var arguments = new string[m.Construction!.ParameterCount];
        for (int p = 0; p < arguments.Length; p++) arguments[p] = "default!";
        foreach (Slot s in t.Slots.Where(s => s.Member.ConstructorIndex >= 0))
            arguments[s.Member.ConstructorIndex] = has is null ? value(s) : $"{has(s)} ? {value(s)} : {s.Member.DefaultValue ?? "default!"}";
        string construct = $"new {t.Self}({string.Join(", ", arguments)})";
        List<Slot> required = t.Slots.Where(s => s.Member.Assignment == MemberAssignment.Required).ToList();
        List<Slot> inits = t.Slots.Where(s => s.Member.Assignment == MemberAssignment.Init).ToList();

        w.WriteLine($"{t.Self} result;");
        if (catches) w.OpenBlock("try");
        if (has is null)
        {
            IEnumerable<string> all = required.Concat(inits).Select(s => $"{s.Member.ClrName} = {value(s)},");
            w.WriteLine($"result = {construct}{Initializer(all, "")};");
            foreach (Slot s in t.Slots.Where(s => s.Member.Assignment == MemberAssignment.Setter))
                w.WriteLine($"result.{s.Member.ClrName} = {value(s)};");
        }
        else if (inits.Count > 0)
        {
            // An init-only member can only be set in the object initializer, and is set there whether the input had it
            // or not: a missing one keeps its initializer's value, read from an instance built without it.
            w.WriteLine($$"""
                // A missing init-only member keeps the value its initializer gives: 'proto' is built without the members
                // read, to read that value from (only when one is missing).
                {{t.Self}} proto = {{string.Join(" && ", inits.Select(has!))}}
                    ? default!
                    : {{construct}}{{Initializer(required.Select(s => $"{s.Member.ClrName} = {value(s)},"), "    ")}};
                """);
        }
        if (has is not null)
        {
            IEnumerable<string> assignments = required.Select(s => $"{s.Member.ClrName} = {value(s)},")
                .Concat(inits.Select(s => $"{s.Member.ClrName} = {has(s)} ? {value(s)} : proto.{s.Member.ClrName},"));
            w.WriteLine($"result = {construct}{Initializer(assignments, "")};");
            foreach (Slot s in t.Slots.Where(s => s.Member.Assignment == MemberAssignment.Setter))
                w.WriteLine($"if ({has(s)}) result.{s.Member.ClrName} = {value(s)};");
        }
        if (!catches) return;
        w.CloseBlock();
        w.WriteLine($$"""
            catch (global::System.Exception e) when (e is not {{Rt}}ModelFormatException)
            {
                throw {{Rt}}ModelFormatException.Construction({{Str(m.TypeName)}}, e);
            }
            """);
    }

    // An object initializer, one member a line; nothing when there are no members to set.
    private static string Initializer(IEnumerable<string> assignments, string indent)
    {
        List<string> list = assignments.ToList();
        return list.Count == 0 ? "" : $"\n{indent}{{\n" + string.Concat(list.Select(a => $"{indent}    {a}\n")) + indent + "}";
    }

    // A model nested in its concrete base model sees the base's private view class: its own is named apart (as its
    // encoded JSON names are), since 'new' would warn when the base has no migration hook.
    private static string MigrationTarget(ModelSpec m) =>
        (m.Hides & InheritedNames.PrivateMembers) != 0 ? Values + "Target_" + m.TypeName.TrimStart('@') : Values + "Target";

    // The hook reads and sets members by name through this view of the values read so far.
    private static void EmitMigrationTarget(SourceWriter w, Target t)
    {
        w.WriteLine();
        w.OpenBlock($"private sealed class {MigrationTarget(t.Model)} : {In}IModelMigrationTarget");
        w.WriteLine($"public {Values} Values;");
        w.WriteLine();
        w.OpenBlock("public bool TryGet(string name, out object? value)");
        if (t.Slots.Count > 0)
        {
            w.OpenBlock("switch (__ModelGenNames.IndexOf(name))");
            foreach (Slot s in t.Slots)
            {
                w.WriteLine($$"""
                    case {{Int(s.Index)}}: // {{s.Member.Name}}
                        value = Values.{{s.Has}} ? {{MemberCodec(s.Member)}}.ToPlain(Values.{{s.Value}}) : null;
                        return Values.{{s.Has}};
                    """);
            }
            w.CloseBlock();
        }
        w.WriteLine("""
            value = null;
            return false;
            """);
        w.CloseBlock();
        w.WriteLine();
        w.OpenBlock("public void Set(string name, object? value)");
        w.OpenBlock("switch (__ModelGenNames.IndexOf(name))");
        foreach (Slot s in t.Slots)
        {
            w.WriteLine($$"""
                case {{Int(s.Index)}}: // {{s.Member.Name}}
                    Values.{{s.Value}} = {{MemberCodec(s.Member)}}.FromPlain(value, {{Bool(s.Member.IsNullable)}}, true);
                    Values.{{s.Has}} = true;
                    return;
                """);
        }
        w.WriteLine($$"""
            default:
                throw new {{Rt}}ModelFormatException("the migration sets '" + name + {{Str($"', which is not a member of {t.Model.TypeName}")}});
            """);
        w.CloseBlock();
        w.CloseBlock();
        w.CloseBlock();
    }

    // [Range] and [Required] of hyperparameters, checked after every load and before every write.
    private static void EmitValidate(SourceWriter w, Target t)
    {
        string error = $"{Rt}ModelValidationError";
        w.WriteLine($$"""
            /// <summary>Checks the [Range] and [Required] attributes of every member, and of every [Hyperparameters] value nested in the members, and returns every violation with its member path.</summary>
            public global::System.Collections.Generic.IReadOnlyList<{{error}}> Validate()
            {
                // The list is created on the first violation: a valid value (every load of good data) allocates nothing here.
                global::System.Collections.Generic.List<{{error}}>? errors = null;
            """);
        w.Indentation++;
        var locals = new HashSet<string>(System.StringComparer.Ordinal) { "errors" };
        foreach (Slot s in t.Slots)
        {
            MemberSpec member = s.Member;
            foreach (ValidationSpec v in member.Validations)
            {
                string Add(string text) => $$"""
                    {
                        (errors ??= new()).Add(new {{error}}({{Str(member.Name)}}, {{Str(v.Message ?? text)}}));
                    }
                    """;
                if (v.Kind is ValidationKind.Required or ValidationKind.RequiredAllowEmpty)
                {
                    if (member.Type is ScalarType { Kind: ScalarKind.String } && v.Kind == ValidationKind.Required)
                        w.WriteLine($"if (global::System.String.IsNullOrWhiteSpace(this.{member.ClrName}))\n{Add("is required")}");
                    else if (member.Type.IsReferenceOrNullable)
                        w.WriteLine($"if (this.{member.ClrName} is null)\n{Add("is required")}");
                }
                else if (v.Kind == ValidationKind.Range && member.Type.IsNumeric)
                {
                    string local = Local(locals, s);
                    string text = $"must be between {Display(v.Minimum)} and {Display(v.Maximum)}"
                        + (v.MinimumExclusive || v.MaximumExclusive ? " (bounds excluded where marked)" : "");
                    // Written as "not inside" so that NaN fails the check.
                    string Inside(string x) =>
                        $"{x} {(v.MinimumExclusive ? ">" : ">=")} {Literal(v.Minimum)} && {x} {(v.MaximumExclusive ? "<" : "<=")} {Literal(v.Maximum)}";
                    if (member.Type.IsReferenceOrNullable)
                        w.WriteLine($"if (this.{member.ClrName} is {{ }} {local} && !({Inside($"(double){local}")}))\n{Add(text)}");
                    else
                        w.WriteLine($"double {local} = (double)this.{member.ClrName};\nif (!({Inside(local)}))\n{Add(text)}");
                }
            }
        }
        // Values nested in members (directly, in other models or in collections) report with their paths.
        if (t.Slots.Any(s => s.Member.Type.ContainsModel)) w.WriteLine($"{In}NestedValidation.Add(this, ref errors);");
        w.Indentation--;
        w.WriteLine($$"""
                return (global::System.Collections.Generic.IReadOnlyList<{{error}}>?)errors ?? global::System.Array.Empty<{{error}}>();
            }

            """);
    }

    // A local named after the member, unique in the method.
    private static string Local(HashSet<string> locals, Slot s)
    {
        string name = s.Value.TrimStart('@');
        name = char.ToLowerInvariant(name[0]) + name.Substring(1);
        if (Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None
            || Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetContextualKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None)
            name += "Value";
        string unique = name;
        for (int i = 2; !locals.Add(unique); i++) unique = name + i.ToString(CultureInfo.InvariantCulture);
        return unique;
    }

    // A bound as C#: an int as written, a double with its 'd' suffix, an unbounded side as the infinity.
    private static string Literal(RangeBound bound) =>
        double.IsNegativeInfinity(bound.Value) ? "double.NegativeInfinity"
        : double.IsPositiveInfinity(bound.Value) ? "double.PositiveInfinity"
        : bound.IsInteger ? ((long)bound.Value).ToString(CultureInfo.InvariantCulture)
        : bound.Value.ToString("R", CultureInfo.InvariantCulture) + "d";

    // A bound in a validation message.
    private static string Display(RangeBound bound) => Literal(bound).TrimEnd('d');
}
