using System;
using System.Linq;
using ModelGen.Generator.Model;

namespace ModelGen.Generator.Emit;

internal static partial class ModelEmitter
{
    // An abstract model (a union): writers switch on the value's type, readers on the tag, and each case's own
    // generated code does the rest. Cases are ordered most derived first, so no type pattern hides a later one.
    private static void EmitUnionDispatch(SourceWriter w, Target t)
    {
        ModelSpec m = t.Model;
        string expected = string.Join(", ", m.UnionCases.Select(c => c.Tag));

        EmitDescribeBinary(w, t);
        // Format 2 names the case by its number in the schema's case list (docs/format.md §9.3); format 1 by the
        // tag that the case's object starts with.
        EmitWriteDispatch(w, t, $"static void {t.Interface}.WriteFields(ref {In}ModelWriter writer, {t.Self} value)",
            (c, v) => $"writer.WriteUnionCase({Int(t.Model.UnionCases.AsSpan().IndexOf(c))}); {In}ModelFields.Write<{c.FullTypeName}>(ref writer, {v});", returns: false);
        EmitWriteDispatch(w, t, $"static void {t.Interface}.WriteJson(global::System.Text.Json.Utf8JsonWriter writer, {t.Self} value)",
            (c, v) => $"{In}ModelFields.WriteJson<{c.FullTypeName}>(writer, {v});", returns: false);
        EmitWriteDispatch(w, t, $"static global::System.Collections.Generic.Dictionary<string, object?> {t.Interface}.ToDictionary({t.Self} value)",
            (c, v) => $"return {In}ModelFields.ToDictionary<{c.FullTypeName}>({v});", returns: true);

        // The binary form writes the tag as the first field of the case's object.
        EmitReadDispatch(w, t, $"static {t.Self} {t.Interface}.ReadFields(ref {In}ModelReader reader)",
            "string? tag = reader.ReadUnionTag();",
            c => $"{In}ModelFields.Read<{c.FullTypeName}>(ref reader)",
            message => $"reader.Error({message})", expected);
        // JSON may have "$type" anywhere in the object: the reader looks ahead for it.
        EmitReadDispatch(w, t, $"static {t.Self} {t.Interface}.ReadJson(ref global::System.Text.Json.Utf8JsonReader reader)",
            $"string? tag = {In}JsonRead.PeekProperty(reader, \"$type\");",
            c => $"{In}ModelFields.ReadJson<{c.FullTypeName}>(ref reader)",
            message => $"{In}JsonRead.Error(ref reader, {message})", expected);
        EmitReadDispatch(w, t, $"static {t.Self} {t.Interface}.FromDictionary(global::System.Collections.Generic.IReadOnlyDictionary<string, object?> values)",
            $"string? tag = values.TryGetValue(\"$type\", out object? t) && !{In}PlainValue.IsNull(t) ? {In}PlainValue.ToStringValue(t!) : null;",
            c => $"{In}ModelFields.FromDictionary<{c.FullTypeName}>(values)",
            message => $"new {Rt}ModelFormatException({message})", expected);
    }

    private static void EmitWriteDispatch(SourceWriter w, Target t, string signature, Func<UnionCaseSpec, string, string> write, bool returns)
    {
        w.OpenBlock(signature);
        w.OpenBlock("switch (value)");
        for (int i = 0; i < t.Model.UnionCases.Count; i++)
        {
            UnionCaseSpec c = t.Model.UnionCases[i];
            string variable = "case" + Int(i);
            w.WriteLine($"case {c.FullTypeName} {variable}:");
            w.WriteLine("    " + write(c, variable));
            if (!returns) w.WriteLine("    return;");
        }
        w.WriteLine($$"""
            default:
                throw new global::System.InvalidOperationException("'" + value.GetType() + "' is not a declared [ModelUnion] subtype of {{t.Model.TypeName}}");
            """);
        w.CloseBlock();
        w.CloseBlock();
        w.WriteLine();
    }

    private static void EmitReadDispatch(SourceWriter w, Target t, string signature, string findTag, Func<UnionCaseSpec, string> read,
        Func<string, string> error, string expected)
    {
        w.OpenBlock(signature);
        w.WriteLine(findTag);
        w.OpenBlock("switch (tag)");
        foreach (UnionCaseSpec c in t.Model.UnionCases)
        {
            w.WriteLine($"case {Str(c.Tag)}:");
            w.WriteLine($"    return {read(c)};");
        }
        string missing = Str($"the union tag of {t.Model.TypeName} is missing (expected one of: {expected})");
        string unknown = $"\"unknown union tag '\" + tag + {Str($"' for {t.Model.TypeName} (expected one of: {expected})")}";
        w.WriteLine($$"""
            case null:
                throw {{error(missing)}};
            default:
                throw {{error(unknown)}};
            """);
        w.CloseBlock();
        w.CloseBlock();
        w.WriteLine();
    }
}
