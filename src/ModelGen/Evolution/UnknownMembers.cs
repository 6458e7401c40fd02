using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ModelGen.Internal;

/// <summary>Members found in the input that this version of the model does not know (written by a newer version),
/// and the newer schema version the input was written at. They are kept on the object and written back when it is
/// serialized again, so a read-modify-write through an older build loses nothing. Binary fields are written back to
/// binary; those read from format 2, whose schema table names and types them, also to JSON and dictionaries (as the
/// JSON the newer build writes, <see cref="KeptJson"/>), and they stay named in binary (a member description in
/// format 2; a named member in format 1 or when the value holds objects); format-1 fields carry a key, not a name, and
/// stay binary only. Named members (from JSON or a dictionary) are written back to JSON and dictionaries, and to binary
/// as their name and JSON text (<see cref="FieldKeys.NamedMember"/>), which a build that declares them reads as its
/// dictionary form reads the value. <see cref="ModelSerializer.GetUnknownMembers{T}"/> lists what was kept and the
/// forms each is written back in. Managed by generated code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class UnknownMembers
{
    private readonly List<(int Key, WireType WireType, byte[] Raw)> _binary = new();
    // For binary fields whose data names and types them (format 2: the writer's table or a member description), by
    // index in _binary: that description, and their JSON once made (a boxed JsonElement, or NoJson). Null while no
    // field has one: format 1 allocates nothing more.
    private List<KeptDescription?>? _described;
    private object?[]? _json;
    private int[]? _nesting; // of each binary field, once known (0: not yet, or a value that does not nest)
    private int[]? _namedLevels; // of each named member (NamedLevels), once known
    private static readonly object NoJson = new();
    private const ModelForms AllForms = ModelForms.Binary | ModelForms.Json | ModelForms.Dictionary;
    // A JsonElement when read from JSON (or binary, FieldKeys.NamedMember), a plain value when read from a dictionary.
    private readonly List<(string Name, object? Value)> _named = new();
    // For binary writes, by index in _named: each member's FieldKeys.NamedMember Bytes (name and JSON text), or NoJson
    // when the value has no JSON form a reader accepts. Made once, the first time a binary write or Members needs them.
    private object?[]? _namedFields;
    // The same by index in _binary, for fields their data named (written as named members where a description cannot
    // name them).
    private object?[]? _fieldsAsNamed;

    /// <summary>The schema version of the data these members were read from, when newer than the model's; else 0.</summary>
    public int DataVersion { get; private set; }

    // A newer build's record of copies ("$previousNames"), naming copies this model does not write itself
    // (CopiedNames.Keep): written back, so that the newer build still tells its copies from an edit.
    internal Dictionary<string, ulong>? CopiedNames { get; set; }

    /// <summary>Number of extension fields <see cref="WriteTo(ref ModelWriter)"/> writes in format 2.</summary>
    internal int ExtensionFieldCount
    {
        get
        {
            int n = 0;
            for (int i = 0; i < _named.Count; i++) n += NamedField(i) is null ? 0 : 1;
            for (int i = 0; i < _binary.Count; i++) n += FormOf(i, positional: true) == KeptForm.Described ? 2 : 1;
            return n + (CopiedNamesField() is null ? 0 : 1);
        }
    }

    /// <summary>Number of kept members.</summary>
    public int Count => _binary.Count + _named.Count;

    // JSON and dictionary readers have no options parameter (Utf8JsonReader is the BCL's, and nested models are read
    // through static interface members), so the ModelJson/ModelDictionary entry points that take options set this for
    // the duration of one synchronous read on this thread and restore it after.
    [ThreadStatic] private static bool t_rejectUnknown;

    internal static bool RejectOnThisThread
    {
        get => t_rejectUnknown;
        set => t_rejectUnknown = value;
    }

    private static ModelFormatException Unrecognised(string name, long offset = -1) =>
        new($"unrecognised member '{name}' (the model does not declare it, and unknown members are rejected)", offset);

    /// <summary>The error of a JSON object or dictionary none of whose members the model declares, by any name, and that
    /// carries none of the forms' own members (<c>"$version"</c>, <c>"$type"</c>, <c>"$fields"</c>), which every
    /// ModelGen writer writes: another model's document, or this model's wrapped in another object. Read, it would be
    /// the model's defaults with the data kept aside as unknown members, silently.</summary>
    public static ModelFormatException NoneRecognised(string model, string first) =>
        new($"none of the object's members is a member of {model} ('{first}' is not): another model's data, or this model's inside another object? (an object without \"$version\" is read as this version of the model)");

    /// <summary>Skips the field the reader is on (its tag already read), for a model that keeps no unknown members.</summary>
    public static void Skip(ref ModelReader reader, FieldTag tag)
    {
        if (tag.Key == FieldKeys.NamedMember)
        {
            Skip(ref reader, ReadNamed(ref reader, tag, out _));
            return;
        }
        if (reader.RejectsUnknownMembers) throw Unrecognised("#" + tag.Key, reader.Offset);
        reader.Skip(tag.WireType);
    }

    /// <summary>Ignores the named member <paramref name="name"/> just read (<see cref="ReadNamed"/>), for a model that
    /// keeps no unknown members.</summary>
    public static void Skip(ref ModelReader reader, string name)
    {
        if (reader.RejectsUnknownMembers) throw Unrecognised(name, reader.Offset);
    }

    /// <summary>Skips the value of JSON property <paramref name="name"/>, for a model that keeps no unknown members.</summary>
    public static void Skip(ref Utf8JsonReader reader, string name)
    {
        if (t_rejectUnknown) throw Unrecognised(name);
        JsonRead.Skip(ref reader);
    }

    /// <summary>Ignores dictionary entry <paramref name="name"/>, for a model that keeps no unknown members.</summary>
    public static void Skip(string name)
    {
        if (t_rejectUnknown) throw Unrecognised(name);
    }

    /// <summary>Keeps the field the reader is on (its tag already read), by copying its raw bytes.</summary>
    public static void Capture(ref UnknownMembers? unknown, ref ModelReader reader, FieldTag tag)
    {
        if (tag.Key == FieldKeys.NamedMember)
        {
            string name = ReadNamed(ref reader, tag, out object? value);
            Capture(ref unknown, ref reader, name, value);
            return;
        }
        if (reader.RejectsUnknownMembers) throw Unrecognised("#" + tag.Key, reader.Offset);
        // Kept in format 1 whatever the input's format: a format-2 value is positional against a table that the file
        // it is written back to does not hold (docs/format.md §9.3).
        KeptDescription? described = reader.KeptMember;
        byte[] raw = reader.SkipAndGetFormat1(tag.WireType);
        unknown ??= new UnknownMembers();
        if (described is not null || unknown._described is not null)
        {
            unknown._described ??= new List<KeptDescription?>();
            while (unknown._described.Count < unknown._binary.Count) unknown._described.Add(null);
            unknown._described.Add(described);
        }
        unknown._binary.Add((tag.Key, tag.WireType, raw));
        unknown._json = null;
        unknown._fieldsAsNamed = null;
    }

    /// <summary>Keeps the named member <paramref name="name"/> just read (<see cref="ReadNamed"/>), which the model
    /// does not declare.</summary>
    public static void Capture(ref UnknownMembers? unknown, ref ModelReader reader, string name, object? value)
    {
        if (reader.RejectsUnknownMembers) throw Unrecognised(name, reader.Offset);
        if (value is JsonElement json) CheckText(json, name, reader.Offset);
        (unknown ??= new UnknownMembers()).AddNamed(name, value);
    }

    /// <summary>Reads a <see cref="FieldKeys.NamedMember"/> field (its tag already read): returns the member's name,
    /// and its value as a <see cref="JsonElement"/>, which the dictionary form reads as it reads JSON.</summary>
    public static string ReadNamed(ref ModelReader reader, FieldTag tag, out object? value)
    {
        long at = reader.Offset;
        if (tag.WireType != WireType.Bytes) throw new ModelFormatException($"a named member (field key 4) must be Bytes, not {tag.WireType}", at);
        ReadOnlySpan<byte> bytes = reader.ReadBytes();
        long start = reader.Offset - bytes.Length;
        var body = new ModelReader(bytes, start, ModelSerializerOptions.Default);
        string name = Encoding.UTF8.GetString(SchemaTable.NonEmpty(ref body, "member name", "a named member"));
        int jsonAt = bytes.Length - body.Remaining;
        try
        {
            value = ParseNamedJson(bytes.Slice(jsonAt), reader.MaxDepth);
        }
        catch (JsonException e)
        {
            throw new ModelFormatException($"named member '{name}': malformed JSON: {e.Message}", start + jsonAt + (e.BytePositionInLine ?? 0), e);
        }
        return name;
    }

    // The JSON value of a named member: one value, nested no deeper than the JSON form of that depth limit allows. The
    // reader and the writer's check (a writer never writes what its reader rejects) both parse it here.
    private static JsonElement ParseNamedJson(ReadOnlySpan<byte> json, int maxDepth)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = FormatLimits.JsonTokenDepth(maxDepth) });
        JsonElement value = JsonElement.ParseValue(ref reader);
        // Anything but whitespace after the value throws here already (multiple values are not allowed).
        if (reader.Read()) throw new JsonException("more than one JSON value");
        return value;
    }

    /// <summary>Keeps the JSON property whose value the reader is on.</summary>
    public static void Capture(ref UnknownMembers? unknown, ref Utf8JsonReader reader, string name)
    {
        if (t_rejectUnknown) throw Unrecognised(name);
        JsonElement value;
        try
        {
            value = JsonElement.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw new ModelFormatException("malformed JSON: " + e.Message, reader.BytesConsumed, e);
        }
        CheckText(value, name, reader.TokenStartIndex);
        (unknown ??= new UnknownMembers()).AddNamed(name, value);
    }

    // A kept member's strings and names are checked as a declared member's are: a lone surrogate ("\ud800") is valid
    // JSON but no text, which a string member refuses on reading; kept, it made every later save fail (in any form)
    // with an InvalidOperationException instead of this error at the read.
    private static void CheckText(JsonElement value, string path, long offset)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                try
                {
                    value.GetString();
                }
                catch (InvalidOperationException)
                {
                    throw new ModelFormatException("a string in a member this model does not declare is not valid UTF-16 (a lone surrogate)", offset).InMember(path);
                }
                break;
            case JsonValueKind.Array:
                foreach (JsonElement item in value.EnumerateArray()) CheckText(item, path, offset);
                break;
            case JsonValueKind.Object:
                foreach (JsonProperty property in value.EnumerateObject())
                {
                    try
                    {
                        _ = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        throw new ModelFormatException("a property name in a member this model does not declare is not valid UTF-16 (a lone surrogate)", offset).InMember(path);
                    }
                    CheckText(property.Value, path, offset);
                }
                break;
        }
    }

    /// <summary>Keeps an entry of a plain dictionary.</summary>
    public static void Capture(ref UnknownMembers? unknown, string name, object? value)
    {
        if (t_rejectUnknown) throw Unrecognised(name);
        (unknown ??= new UnknownMembers()).AddNamed(name, value);
    }

    private void AddNamed(string name, object? value)
    {
        _named.Add((name, value));
        _namedFields = null;
        _namedLevels = null;
    }

    /// <summary>Records the schema version of the data when it is newer than the model's, so that writing the value
    /// back says which version's members it carries (and a newer reader does not migrate them again).</summary>
    public static void KeepVersion(ref UnknownMembers? unknown, int dataVersion, int modelVersion)
    {
        if (dataVersion > modelVersion) (unknown ??= new UnknownMembers()).DataVersion = dataVersion;
    }

    /// <summary>Writes the kept named members back into a dictionary (binary fields that have a JSON form as its
    /// <see cref="JsonElement"/>, which the dictionary form reads as it reads the JSON form).</summary>
    public void WriteTo(Dictionary<string, object?> values)
    {
        foreach (var (name, value) in _named) values.TryAdd(name, value);
        for (int i = 0; i < _binary.Count; i++)
            if (Json(i) is { } json) values.TryAdd(Name(i)!, json);
        if (UnnamedFields() is { } fields) values.TryAdd(FieldsName, Convert.ToBase64String(fields));
    }

    /// <summary>Writes the kept binary fields back, and the named members that have a JSON form by name and JSON text.
    /// First, every kept member must fit below the depth limit where it is written now: the check before a write in any
    /// form runs this, so a value that keeps one nesting too deep for its new place is refused in every form (a reader
    /// of the version that declares the member would refuse the file).</summary>
    public void WriteTo(ref ModelWriter writer)
    {
        ModelForms form = writer.Check is { } check ? check.Form : ModelForms.Binary;
        for (int i = 0; i < _named.Count; i++)
            if ((NamedForms(i) & form) != 0) writer.CheckKeptNesting(NamedLevels(i), FieldKeys.NamedMember, _named[i].Name);
        for (int i = 0; i < _binary.Count; i++) writer.CheckKeptNesting(Nesting(i), _binary[i].Key, Name(i) ?? "#" + _binary[i].Key);
        for (int i = 0; i < _named.Count; i++)
        {
            if (NamedField(i) is not { } field) continue;
            writer.WriteTag(FieldKeys.NamedMember, WireType.Bytes);
            writer.WriteBytes(field);
        }
        // A newer build's record of copies that this model read (Internal.CopiedNames.Keep): by name too, so that the
        // newer build still tells its copies from an edit when this build saves binary.
        if (CopiedNamesField() is { } list)
        {
            writer.WriteTag(FieldKeys.NamedMember, WireType.Bytes);
            writer.WriteBytes(list);
        }
        for (int i = 0; i < _binary.Count; i++)
        {
            var (key, wireType, raw) = _binary[i];
            switch (FormOf(i, writer.IsPositional))
            {
                case KeptForm.Named:
                    writer.WriteTag(FieldKeys.NamedMember, WireType.Bytes);
                    writer.WriteBytes(FieldAsNamed(i)!);
                    continue;
                case KeptForm.Described:
                    writer.WriteMemberDescription(Described(i)!.Name, Described(i)!.Type);
                    break;
            }
            writer.WriteTag(key, wireType);
            writer.WriteRaw(raw);
        }
    }

    // At most how many levels named member i nests, as a reader of the model that declares it counts them, found once:
    // each JSON object or array (a dictionary's map or list) one level. An upper bound, since a binary reader counts
    // no level for an array of numbers (packed) and one for all the brackets of a rectangular array.
    private int NamedLevels(int i)
    {
        if (_namedLevels is null || _namedLevels.Length != _named.Count)
        {
            _namedLevels = new int[_named.Count];
            for (int j = 0; j < _named.Count; j++) _namedLevels[j] = Levels(_named[j].Value);
        }
        return _namedLevels[i];
    }

    private static int Levels(object? value)
    {
        int deepest = 0;
        switch (value)
        {
            case JsonElement { ValueKind: JsonValueKind.Object } e:
                foreach (JsonProperty p in e.EnumerateObject()) deepest = Math.Max(deepest, Levels(p.Value));
                return deepest + 1;
            case JsonElement { ValueKind: JsonValueKind.Array } e:
                foreach (JsonElement item in e.EnumerateArray()) deepest = Math.Max(deepest, Levels(item));
                return deepest + 1;
            case null or string or JsonElement:
                return 0;
            case System.Collections.IDictionary map:
                foreach (System.Collections.DictionaryEntry entry in map) deepest = Math.Max(deepest, Levels(entry.Value));
                return deepest + 1;
            case System.Collections.IEnumerable items:
                foreach (object? item in items) deepest = Math.Max(deepest, Levels(item));
                return deepest + 1;
            default:
                return 0;
        }
    }

    // How many levels binary field i nests, found once (only objects and sequences nest).
    private int Nesting(int i)
    {
        var (_, wireType, raw) = _binary[i];
        if (wireType is not (WireType.Object or WireType.Sequence)) return 0;
        _nesting ??= new int[_binary.Count];
        if (_nesting.Length < _binary.Count) Array.Resize(ref _nesting, _binary.Count);
        if (_nesting[i] == 0) _nesting[i] = ModelReader.NestingOf(raw, wireType);
        return _nesting[i];
    }

    private enum KeptForm { Raw, Described, Named }

    // How binary field i goes back to binary. A field the data named (format 2) keeps its name: in format 2 by a member
    // description before the raw field (docs/format.md §9.3), except a value holding objects, whose fields the
    // description cannot name (the file's table will have no entries for them), and in format 1, which has no
    // descriptions: these go by name with their JSON text (a named member), when they have one. Else the raw field, by key.
    private KeptForm FormOf(int i, bool positional)
    {
        if (Described(i) is not { } d) return KeptForm.Raw;
        if ((!positional || d.Type.Contains("model:")) && FieldAsNamed(i) is not null) return KeptForm.Named;
        return positional ? KeptForm.Described : KeptForm.Raw;
    }

    /// <summary>Writes the kept named members back as JSON properties (a dictionary value that JSON cannot carry is
    /// left out; <see cref="Members"/> says so), and the kept binary fields without a name under
    /// <see cref="FieldsName"/>.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        foreach (var (name, value) in _named)
        {
            if (!HasJsonForm(name, value)) continue;
            writer.WritePropertyName(name);
            PlainJson.Write(writer, value);
        }
        for (int i = 0; i < _binary.Count; i++)
        {
            if (Json(i) is not { } json) continue;
            writer.WritePropertyName(Name(i)!);
            json.WriteTo(writer);
        }
        if (UnnamedFields() is { } fields) writer.WriteBase64String(FieldsName, fields);
    }

    /// <summary>The property under which JSON and the dictionary form carry the kept binary fields that have no name
    /// (format-1 fields, which carry a key): their bytes as binary writes them, base64. A build that declares them
    /// reads them as its binary form does; one that does not keeps them again (docs/versioning.md).</summary>
    public const string FieldsName = "$fields";

    // The kept binary fields that have no JSON form by name, one after another as binary writes them (tag, value), or null.
    private byte[]? UnnamedFields()
    {
        int length = 0;
        for (int i = 0; i < _binary.Count; i++)
            if (Json(i) is null) length += ModelWriter.VarUIntLength(TagOf(i)) + _binary[i].Raw.Length;
        if (length == 0) return null;
        byte[] fields = new byte[length];
        int at = 0;
        for (int i = 0; i < _binary.Count; i++)
        {
            if (Json(i) is not null) continue;
            at += ScalarRun.VarUInt64(fields, at, TagOf(i));
            _binary[i].Raw.CopyTo(fields, at);
            at += _binary[i].Raw.Length;
        }
        return fields;
    }

    private ulong TagOf(int i) => ((ulong)(uint)_binary[i].Key << 3) | (byte)_binary[i].WireType;

    /// <summary>Reads a <see cref="FieldsName"/> JSON property (the reader on its value) into the values a JSON read of
    /// <typeparamref name="T"/> found so far: <see cref="ReadFields{T, TValues}(TValues, byte[])"/>.</summary>
    public static TValues ReadFields<T, TValues>(ref Utf8JsonReader reader, TValues values) where T : IModelSerializable<T> =>
        ReadFields<T, TValues>(values, FieldsFromJson(ref reader));

    /// <summary>Reads a <see cref="FieldsName"/> dictionary entry's value into the values a dictionary read of
    /// <typeparamref name="T"/> found so far: <see cref="ReadFields{T, TValues}(TValues, byte[])"/>.</summary>
    public static TValues ReadFields<T, TValues>(object? value, TValues values) where T : IModelSerializable<T> =>
        ReadFields<T, TValues>(values, FieldsFromPlain(value));

    // The kept fields are read by T's own binary read (IModelSerializable.ReadFields), over a reader whose object is
    // those fields (ModelReader.OverKeptFields): it reads them into the values so far with the switch it reads binary
    // members with, in their order (a member both named and kept takes the later of the two, as in any form), and
    // hands the values back instead of making the model. (Not a loop of its own per model: the generated code has one
    // switch of binary members.)
    private static TValues ReadFields<T, TValues>(TValues values, byte[] fields) where T : IModelSerializable<T>
    {
        var box = new System.Runtime.CompilerServices.StrongBox<TValues>(values);
        var reader = ModelReader.OverKeptFields(fields, box);
        T.ReadFields(ref reader);
        return box.Value!;
    }

    // The bytes of a FieldsName JSON property (base64), the reader on its value.
    private static byte[] FieldsFromJson(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String || !reader.TryGetBytesFromBase64(out byte[]? fields))
            throw JsonRead.Error(ref reader, $"\"{FieldsName}\" must be the base64 of kept binary fields");
        return fields;
    }

    // The bytes of a FieldsName dictionary entry: base64 text (as ToDictionary writes it, or a JsonElement string
    // after System.Text.Json) or the bytes themselves.
    private static byte[] FieldsFromPlain(object? value)
    {
        switch (value)
        {
            case byte[] bytes:
                return bytes;
            case string text:
                try
                {
                    return Convert.FromBase64String(text);
                }
                catch (FormatException)
                {
                    break;
                }
            case JsonElement { ValueKind: JsonValueKind.String } e when e.TryGetBytesFromBase64(out byte[]? fromJson):
                return fromJson;
        }
        throw new ModelFormatException($"\"{FieldsName}\" must be the base64 of kept binary fields").InMember(FieldsName);
    }

    /// <summary>What was kept, and the forms each member is written back in.</summary>
    public IReadOnlyList<UnknownMember> Members
    {
        get
        {
            var members = new List<UnknownMember>(Count);
            for (int i = 0; i < _named.Count; i++) members.Add(new UnknownMember(_named[i].Name, NamedForms(i)));
            for (int i = 0; i < _binary.Count; i++)
                // Every form: JSON and dictionaries by name when the data named it, else under FieldsName.
                members.Add(new UnknownMember(Name(i) ?? "#" + _binary[i].Key.ToString(CultureInfo.InvariantCulture), AllForms));
            return members;
        }
    }

    // The forms named member i is written in: binary when its JSON text reads back, JSON when it has a faithful JSON
    // form, dictionaries always.
    private ModelForms NamedForms(int i) =>
        (NamedField(i) is null ? ModelForms.None : ModelForms.Binary) |
        (HasJsonForm(_named[i].Name, _named[i].Value) ? ModelForms.Json | ModelForms.Dictionary : ModelForms.Dictionary);


    /// <summary>The plain value of a kept member by its serialized name (binary members are found by the name's
    /// default key), or false.</summary>
    public bool TryGetPlain(string name, out object? value)
    {
        foreach (var (n, v) in _named)
        {
            if (n != name) continue;
            value = v;
            return true;
        }
        int key = MemberKeys.Of(name);
        for (int i = 0; i < _binary.Count; i++)
        {
            var (k, wireType, raw) = _binary[i];
            if (k != key && Name(i) != name) continue;
            var reader = new ModelReader(raw, 0, ModelSerializerOptions.Default);
            value = PlainDecoder.Read(ref reader, wireType);
            return true;
        }
        value = null;
        return false;
    }

    /// <summary>Forgets a kept member (after a migration moved its value into the current members).</summary>
    public void Remove(string name)
    {
        int key = MemberKeys.Of(name);
        if (_named.RemoveAll(x => x.Name == name) > 0)
        {
            _namedFields = null;
            _namedLevels = null;
        }
        for (int i = _binary.Count - 1; i >= 0; i--)
        {
            if (_binary[i].Key != key && Name(i) != name) continue;
            _binary.RemoveAt(i);
            if (_described is not null && i < _described.Count) _described.RemoveAt(i);
            _json = null;
            _fieldsAsNamed = null;
            _nesting = null;
        }
    }

    // A named member has a JSON form when its name and value can be written as they are (no unpaired surrogate, which
    // UTF-8 JSON would replace).
    private static bool HasJsonForm(string name, object? value) => WriteCheck.Unpaired(name) < 0 && PlainJson.CanWrite(value);

    // The Bytes of binary field i as a FieldKeys.NamedMember field, from its JSON (which names it), or null.
    private byte[]? FieldAsNamed(int i)
    {
        object?[] made = _fieldsAsNamed ??= new object?[_binary.Count];
        object field = made[i] ??= (Json(i) is { } json ? MakeNamedField(Name(i)!, json) : null) ?? NoJson;
        return field as byte[];
    }

    // The Bytes of named member i as a FieldKeys.NamedMember field: its name and its JSON text, when the value has a
    // JSON form that ReadNamed accepts (checked by reading it back: a writer never writes what its reader rejects).
    // The record of copies as a named field, made once (a format-2 write counts it, then writes it).
    private byte[]? CopiedNamesField() =>
        CopiedNames is { } copied ? _copiedNamesField ??= MakeNamedField(Internal.CopiedNames.Member, Internal.CopiedNames.Plain(copied)) : null;

    private byte[]? _copiedNamesField;

    private byte[]? NamedField(int i)
    {
        object?[] made = _namedFields ??= new object?[_named.Count];
        // Two threads may both make it: the same bytes, and a reference write cannot tear.
        object field = made[i] ??= MakeNamedField(_named[i].Name, _named[i].Value) ?? NoJson;
        return field as byte[];
    }

    private static byte[]? MakeNamedField(string name, object? value)
    {
        int nameBytes = Encoding.UTF8.GetByteCount(name);
        if (nameBytes is 0 or > FormatLimits.MaxSchemaName || !HasJsonForm(name, value)) return null;
        using var buffer = new PooledBufferWriter(256);
        var prefix = new ModelWriter(buffer, hash: null, int.MaxValue);
        prefix.WriteString(name);
        prefix.Flush();
        int jsonAt = buffer.WrittenSpan.Length;
        using (var writer = new Utf8JsonWriter(buffer))
            PlainJson.Write(writer, value);
        byte[] field = buffer.WrittenSpan.ToArray();
        try
        {
            ParseNamedJson(field.AsSpan(jsonAt), FormatLimits.DefaultMaxDepth);
        }
        catch (JsonException)
        {
            return null;
        }
        return field;
    }

    private KeptDescription? Described(int i) => _described is not null && i < _described.Count ? _described[i] : null;

    // The name of binary field i, when the data names it.
    private string? Name(int i) => Described(i)?.Name;

    // The JSON of binary field i, made the first time a JSON or dictionary write (or Members) needs it.
    private JsonElement? Json(int i)
    {
        if (Described(i) is not { } d) return null;
        object?[] made = _json ??= new object?[_binary.Count];
        // Two threads may both make it: the same value, and a reference write cannot tear.
        object json = made[i] ??= KeptJson.TryConvert(d, _binary[i].Raw, _binary[i].WireType) is { } element ? element : NoJson;
        return json is JsonElement e ? e : null;
    }
}
