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
        EmitConstruction(w, t, "", s => s.Value, hasFields: true);
        // Validation is not done here: the runtime validates once, at the outermost [Hyperparameters] value of a read,
        // so that one error lists every violation in the tree (ModelGen.Internal.ReadValidation).
        if (m.KeepsUnknownMembers)
        {
            w.WriteLine($$"""
                {{In}}UnknownMembers.KeepVersion(ref Unknown, Version, {{Int(m.Version)}});
                // A new value keeps nothing yet: the store (a write barrier, for a class) is made only when there is something to keep.
                if (Unknown is not null) result.{{m.KeptMembersField}}.Members = Unknown;
                """);
        }
        w.WriteLine("return result;");
        w.CloseBlock();
        if (BuildsComplete(t))
        {
            w.WriteLine();
            w.WriteLine("// Every member read, in this version's layout (the binary reader's fast paths): the value at once, without Build's checks.");
            w.OpenBlock($"public {t.Self} BuildComplete()");
            EmitConstruction(w, t, "", s => s.Value, hasFields: false);
            w.WriteLine("return result;");
            w.CloseBlock();
        }
        w.CloseBlock();
        if (m.MigrationMethod is not null) EmitMigrationTarget(w, t);
    }

    // The value from the members read: holder + name(s) is where a member's value is; hasFields: whether the input had
    // it is in the holder's Has field (false: every member is there, as after a straight read of the reader's own layout).
    // Unless catches is false (the loop of straight items, whose caller reads the items again the checked way when
    // a constructor throws), a constructor's exception becomes a ModelFormatException.
    // Written straight into the writer, member by member: every model builds its value three or four times over.
    private static void EmitConstruction(SourceWriter w, Target t, string holder, System.Func<Slot, string> name, bool hasFields, bool catches = true)
    {
        ModelSpec m = t.Model;
        bool inits = t.Slots.Any(s => s.Member.Assignment == MemberAssignment.Init);
        w.WriteLine($"{t.Self} result;");
        if (catches) w.OpenBlock("try");
        if (hasFields && inits)
        {
            // An init-only member can only be set in the object initializer, and is set there whether the input had it
            // or not: a missing one keeps its initializer's value, read from an instance built without it.
            w.WriteLine("""
                // A missing init-only member keeps the value its initializer gives: 'proto' is built without the members
                // read, to read that value from (only when one is missing).
                """);
            w.Write($"{t.Self} proto = ");
            bool first = true;
            foreach (Slot s in t.Slots)
            {
                if (s.Member.Assignment != MemberAssignment.Init) continue;
                w.Write($"{(first ? "" : " && ")}{s.Has}");
                first = false;
            }
            w.WriteLine("");
            w.Indentation++;
            w.WriteLine("? default!");
            w.Write(": ");
            WriteConstructor(w, t, holder, name, hasFields);
            WriteInitializer(w, t, holder, name, hasFields, proto: true);
            w.Indentation--;
        }
        w.Write("result = ");
        WriteConstructor(w, t, holder, name, hasFields);
        WriteInitializer(w, t, holder, name, hasFields, proto: false);
        foreach (Slot s in t.Slots)
        {
            if (s.Member.Assignment != MemberAssignment.Setter) continue;
            if (hasFields) w.Write($"if ({s.Has}) ");
            w.WriteLine($"result.{s.Member.ClrName} = {Loaded(t, s, holder + name(s), $"result.{s.Member.ClrName}")};");
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

    // A member's value as the model gets it: a set or dictionary with the comparer the model gives it, which is not data
    // (every reader builds the default one). A member set after construction (current: where it is) takes the comparer
    // of the collection its initializer or constructor put there, whatever made it; any other, the one its initializer
    // or its constructor's body names (ComparerSpec).
    // A member read with the comparer (ComparedCodec) has it already; one set after construction is read with the
    // comparer its initializer or constructor names, if any (which DeclaredComparers keeps when the collection there
    // has that very comparer).
    private static string Loaded(Target t, Slot s, string value, string? current = null)
    {
        if (current is not null && ComparerSpec.CollectionOf(s.Member.Type) is { } kind)
            return $"{In}DeclaredComparers.{kind}({value}, {current}?.Comparer, {Str(s.Member.Name)})";
        if (ComparedCodec(t, s) is not null) return value;
        return s.Member.Comparer is { } c ? $"{In}DeclaredComparers.{c.Collection}({value}, {c.Expression}, {Str(s.Member.Name)})" : value;
    }


    // 'new T(...)': each constructor parameter from its member (when the input had it, with hasFields), else its
    // default value.
    private static void WriteConstructor(SourceWriter w, Target t, string holder, System.Func<Slot, string> name, bool hasFields)
    {
        w.Write($"new {t.Self}(");
        for (int p = 0; p < t.Model.Construction!.ParameterCount; p++)
        {
            if (p > 0) w.Write(", ");
            Slot? s = t.Slots.FirstOrDefault(s => s.Member.ConstructorIndex == p);
            if (s is null) w.Write("default!");
            else if (hasFields) w.Write($"{s.Has} ? {Loaded(t, s, holder + name(s))} : {s.Member.DefaultValue ?? "default!"}");
            else w.Write(Loaded(t, s, holder + name(s)));
        }
        w.Write(")");
    }

    // The object initializer, one member a line, and the statement's end: required members, then init-only ones (when
    // the input may lack one, from 'proto' then; 'proto' itself sets only the required ones).
    private static void WriteInitializer(SourceWriter w, Target t, string holder, System.Func<Slot, string> name, bool hasFields, bool proto)
    {
        if (!t.Slots.Any(s => s.Member.Assignment == MemberAssignment.Required || (!proto && s.Member.Assignment == MemberAssignment.Init)))
        {
            w.WriteLine(";");
            return;
        }
        w.WriteLine("");
        w.WriteLine("{");
        w.Indentation++;
        foreach (Slot s in t.Slots)
            if (s.Member.Assignment == MemberAssignment.Required) w.WriteLine($"{s.Member.ClrName} = {Loaded(t, s, holder + name(s))},");
        foreach (Slot s in t.Slots)
        {
            if (proto || s.Member.Assignment != MemberAssignment.Init) continue;
            if (hasFields) w.WriteLine($"{s.Member.ClrName} = {s.Has} ? {Loaded(t, s, holder + name(s))} : proto.{s.Member.ClrName},");
            else w.WriteLine($"{s.Member.ClrName} = {Loaded(t, s, holder + name(s))},");
        }
        w.Indentation--;
        w.WriteLine("};");
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
