// Shared source: compiled into the runtime and linked into the analyzers, so the schema JSON that ModelSchema.ToJson()
// writes and the lock file that the analyzers check and the code fixes edit are one format, written by one piece of
// code. No dependencies (the analyzers target netstandard2.0 and cannot rely on System.Text.Json).
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace ModelGen.Schema;

/// <summary>One model version as stored in a schema document or lock file.</summary>
internal sealed class SchemaEntry
{
    public string Name = "";
    public int Version;
    public ulong Fingerprint;
    public List<MemberEntry> Members = new();
    public List<UnionCaseEntry> UnionCases = new();   // for a union base: its declared subtypes
    public List<EnumEntry> Enums = new();             // the enums its members use, with their values (not in the fingerprint)
}

/// <summary>An enum a model's members use: each member's name and value (in decimal). Binary data stores the value,
/// so a lock file that records them can tell a renumbered member, which would read old data as another.</summary>
internal sealed class EnumEntry
{
    public string Name = "";
    /// <summary>The underlying type's schema name (<c>uint8</c>, <c>int32</c>...), whose range a reader enforces; null
    /// in documents written before it was recorded. Not compared by the lock's checks.</summary>
    public string? Underlying;
    public List<(string Name, string Value)> Values = new();
}

internal sealed class UnionCaseEntry
{
    public string Tag = "";
    public string Model = "";
}

internal sealed class MemberEntry
{
    public string Name = "";
    public int Key;
    public string Type = "";
    public bool Required;
    public List<string> PreviousNames = new();
}

/// <summary>Writes and reads schema documents: stable order, one member per line, so a lock file diffs well.</summary>
internal static class SchemaDocument
{
    public const string LockFileName = "ModelSchemas.lock.json";

    public static string FingerprintText(ulong fingerprint) => fingerprint.ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>The layout fingerprint: FNV-1a-64 of one line per member (by key) and, for a union base, one line per
    /// case (by tag), so adding or removing a case changes it as adding or removing a member does.</summary>
    public static ulong Fingerprint(SchemaEntry entry) =>
        Fnv64(MemberLines(entry) + string.Concat(entry.UnionCases.OrderBy(c => c.Tag, StringComparer.Ordinal).Select(c => $"\ncase|{c.Tag}|{c.Model}")));

    // The fingerprint before union cases took part in it: entries locked then carry it.
    private static ulong MemberFingerprint(SchemaEntry entry) => Fnv64(MemberLines(entry));

    private static string MemberLines(SchemaEntry entry) =>
        string.Join("\n", entry.Members.OrderBy(m => m.Key).Select(m => $"{m.Name}|{m.Key}|{m.Type}|{string.Join(",", m.PreviousNames)}"));

    /// <summary>True when <paramref name="locked"/> records the layout of <paramref name="current"/>: the same
    /// fingerprint, or a union base locked before union cases took part in the fingerprint, with the same members
    /// and (where the entry records them) the same cases.</summary>
    public static bool SameLayout(SchemaEntry current, SchemaEntry locked) =>
        current.Fingerprint == locked.Fingerprint
        || (current.UnionCases.Count > 0 && MemberFingerprint(current) == locked.Fingerprint
            && (locked.UnionCases.Count == 0 || SameCases(current, locked)));

    private static bool SameCases(SchemaEntry a, SchemaEntry b) =>
        a.UnionCases.Select(c => c.Tag + "|" + c.Model).OrderBy(x => x, StringComparer.Ordinal)
            .SequenceEqual(b.UnionCases.Select(c => c.Tag + "|" + c.Model).OrderBy(x => x, StringComparer.Ordinal));

    // FNV-1a-64 of UTF-8 text: the same on every build and machine (string.GetHashCode is not).
    private static ulong Fnv64(string text)
    {
        ulong hash = 14695981039346656037;
        // ASCII (every member and type name in practice) is its own UTF-8: hashed without encoding it to bytes first.
        foreach (char c in text)
        {
            if (c >= 0x80) return Fnv64Utf8(text);
            hash = (hash ^ c) * 1099511628211;
        }
        return hash;
    }

    private static ulong Fnv64Utf8(string text)
    {
        ulong hash = 14695981039346656037;
        foreach (byte b in Encoding.UTF8.GetBytes(text)) hash = (hash ^ b) * 1099511628211;
        return hash;
    }

    /// <summary>A lock file: every entry, sorted by model name and version.</summary>
    public static string WriteLock(IEnumerable<SchemaEntry> entries)
    {
        var sb = new StringBuilder();
        sb.Append("{\n  \"lockVersion\": 1,\n  \"schemas\": [");
        bool first = true;
        foreach (SchemaEntry e in entries.OrderBy(e => e.Name, StringComparer.Ordinal).ThenBy(e => e.Version))
        {
            sb.Append(first ? "\n" : ",\n");
            first = false;
            WriteEntry(sb, e, "    ");
        }
        sb.Append(first ? "]\n}\n" : "\n  ]\n}\n");
        return sb.ToString();
    }

    /// <summary>One entry as a JSON object (members sorted by name).</summary>
    public static string WriteEntry(SchemaEntry entry)
    {
        // About a line of 100 characters a member (the generator writes one entry for every model it emits).
        var sb = new StringBuilder(256 + 128 * (entry.Members.Count + entry.Enums.Count));
        WriteEntry(sb, entry, "");
        return sb.Append('\n').ToString();
    }

    /// <summary>One entry as a JSON object into <paramref name="sb"/>, every line of it starting with <paramref name="indent"/>,
    /// without a final line break.</summary>
    public static void WriteEntry(StringBuilder sb, SchemaEntry e, string indent)
    {
        sb.Append(indent).Append("{\n");
        sb.Append(indent).Append("  \"name\": ").Append(Quote(e.Name)).Append(",\n");
        sb.Append(indent).Append("  \"version\": ").Append(e.Version.ToString(CultureInfo.InvariantCulture)).Append(",\n");
        sb.Append(indent).Append("  \"fingerprint\": ").Append(Quote(FingerprintText(e.Fingerprint))).Append(",\n");
        sb.Append(indent).Append("  \"members\": [");
        bool first = true;
        // (Names are unique in an entry: an unstable sort gives the one order; the generator writes an entry a model.)
        MemberEntry[] byName = e.Members.ToArray();
        Array.Sort(byName, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        foreach (MemberEntry m in byName)
        {
            sb.Append(first ? "\n" : ",\n");
            first = false;
            AppendQuoted(sb.Append(indent).Append("    { \"name\": "), m.Name)
              .Append(", \"key\": ").Append(m.Key.ToString(CultureInfo.InvariantCulture));
            AppendQuoted(sb.Append(", \"type\": "), m.Type)
              .Append(", \"required\": ").Append(m.Required ? "true" : "false")
              .Append(", \"previousNames\": [");
            for (int i = 0; i < m.PreviousNames.Count; i++) AppendQuoted(i > 0 ? sb.Append(", ") : sb, m.PreviousNames[i]);
            sb.Append("] }");
        }
        sb.Append(first ? "]" : "\n" + indent + "  ]");
        if (e.UnionCases.Count > 0)
        {
            sb.Append(",\n").Append(indent).Append("  \"unionCases\": [");
            sb.Append(string.Join(", ", e.UnionCases.Select(c => "{ \"tag\": " + Quote(c.Tag) + ", \"model\": " + Quote(c.Model) + " }")));
            sb.Append(']');
        }
        if (e.Enums.Count > 0)
        {
            sb.Append(",\n").Append(indent).Append("  \"enums\": [");
            bool firstEnum = true;
            foreach (EnumEntry en in e.Enums.OrderBy(x => x.Name, StringComparer.Ordinal))
            {
                sb.Append(firstEnum ? "\n" : ",\n");
                firstEnum = false;
                sb.Append(indent).Append("    { \"name\": ").Append(Quote(en.Name));
                if (en.Underlying is not null) sb.Append(", \"underlying\": ").Append(Quote(en.Underlying));
                sb.Append(", \"values\": { ")
                  .Append(string.Join(", ", en.Values.Select(v => Quote(v.Name) + ": " + v.Value))).Append(" } }");
            }
            sb.Append('\n').Append(indent).Append("  ]");
        }
        sb.Append('\n').Append(indent).Append('}');
    }

    private static string Quote(string s) => AppendQuoted(new StringBuilder(s.Length + 2), s).ToString();

    // Straight into the document's buffer: the generator writes an entry for every model it emits.
    private static StringBuilder AppendQuoted(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"');
    }

    /// <summary>Reads a lock file (an object with "schemas") or a single entry; throws FormatException when malformed.
    /// An empty (or blank) text is an empty lock file: `modelgen lock` and the analyzers start from it.</summary>
    public static List<SchemaEntry> Read(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return new List<SchemaEntry>();
        object? root = new JsonText(text).ParseDocument();
        var result = new List<SchemaEntry>();
        if (root is Dictionary<string, object?> obj && obj.TryGetValue("schemas", out object? schemas))
        {
            foreach (object? item in AsList(schemas, "schemas")) result.Add(ToEntry(item));
        }
        else result.Add(ToEntry(root));
        return result;
    }

    private static SchemaEntry ToEntry(object? value)
    {
        var obj = AsObject(value, "schema");
        var entry = new SchemaEntry
        {
            Name = AsString(Get(obj, "name"), "name"),
            Version = (int)AsNumber(Get(obj, "version"), "version"),
            Fingerprint = ulong.Parse(AsString(Get(obj, "fingerprint"), "fingerprint"), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
        };
        foreach (object? m in AsList(Get(obj, "members"), "members"))
        {
            var mo = AsObject(m, "member");
            entry.Members.Add(new MemberEntry
            {
                Name = AsString(Get(mo, "name"), "member name"),
                Key = (int)AsNumber(Get(mo, "key"), "key"),
                Type = AsString(Get(mo, "type"), "type"),
                Required = mo.TryGetValue("required", out object? r) && r is true,
                PreviousNames = mo.TryGetValue("previousNames", out object? p) ? AsList(p, "previousNames").Select(x => AsString(x, "previous name")).ToList() : new List<string>(),
            });
        }
        if (obj.TryGetValue("unionCases", out object? cases))
        {
            foreach (object? c in AsList(cases, "unionCases"))
            {
                var co = AsObject(c, "union case");
                entry.UnionCases.Add(new UnionCaseEntry { Tag = AsString(Get(co, "tag"), "tag"), Model = AsString(Get(co, "model"), "model") });
            }
        }
        if (obj.TryGetValue("enums", out object? enums))
        {
            foreach (object? en in AsList(enums, "enums"))
            {
                var eo = AsObject(en, "enum");
                var entryEnum = new EnumEntry
                {
                    Name = AsString(Get(eo, "name"), "enum name"),
                    Underlying = eo.TryGetValue("underlying", out object? u) ? AsString(u, "enum underlying type") : null,
                };
                foreach (KeyValuePair<string, object?> v in AsObject(Get(eo, "values"), "enum values"))
                    entryEnum.Values.Add((v.Key, AsIntegerText(v.Value, "enum value")));
                entry.Enums.Add(entryEnum);
            }
        }
        return entry;
    }

    private static object? Get(Dictionary<string, object?> obj, string name) =>
        obj.TryGetValue(name, out object? v) ? v : throw new FormatException($"missing \"{name}\"");
    private static Dictionary<string, object?> AsObject(object? v, string what) => v as Dictionary<string, object?> ?? throw new FormatException($"{what} must be an object");
    private static List<object?> AsList(object? v, string what) => v as List<object?> ?? throw new FormatException($"{what} must be an array");
    private static string AsString(object? v, string what) => v as string ?? throw new FormatException($"{what} must be a string");
    private static double AsNumber(object? v, string what) => v is JsonNumber n ? n.Value : throw new FormatException($"{what} must be a number");

    // An integer as its decimal text, exact to 64 bits (an enum's value: a ulong flag such as 0x8000000000000001 has
    // more digits than a double holds, and a value read through one was compared and written back rounded).
    private static string AsIntegerText(object? v, string what)
    {
        if (v is not JsonNumber n) throw new FormatException($"{what} must be a number");
        if (long.TryParse(n.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l)) return l.ToString(CultureInfo.InvariantCulture);
        if (ulong.TryParse(n.Text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong u)) return u.ToString(CultureInfo.InvariantCulture);
        return n.Value.ToString("R", CultureInfo.InvariantCulture); // not an integer in 64 bits: as before, never equal to one
    }

    // A JSON number: its text, and its value as a double.
    private sealed class JsonNumber(string text, double value)
    {
        public readonly string Text = text;
        public readonly double Value = value;
    }

    // A small JSON reader: objects, arrays, strings, numbers, true/false/null.
    private sealed class JsonText
    {
        private readonly string _s;
        private int _i;

        public JsonText(string s) => _s = s;

        public object? ParseDocument()
        {
            object? v = Value(0);
            Space();
            if (_i != _s.Length) throw Fail("unexpected text after the document");
            return v;
        }

        private FormatException Fail(string why) => new($"{why} at character {_i}");

        private void Space()
        {
            while (_i < _s.Length && char.IsWhiteSpace(_s[_i])) _i++;
        }

        private object? Value(int depth)
        {
            if (depth > 64) throw Fail("nesting too deep");
            Space();
            if (_i >= _s.Length) throw Fail("unexpected end");
            char c = _s[_i];
            if (c == '{')
            {
                _i++;
                var obj = new Dictionary<string, object?>(StringComparer.Ordinal);
                Space();
                if (Peek('}')) return obj;
                do
                {
                    Space();
                    string key = String();
                    Space();
                    Expect(':');
                    obj[key] = Value(depth + 1);
                    Space();
                } while (Peek(','));
                Expect('}');
                return obj;
            }
            if (c == '[')
            {
                _i++;
                var list = new List<object?>();
                Space();
                if (Peek(']')) return list;
                do list.Add(Value(depth + 1));
                while (Peek(','));
                Space();
                Expect(']');
                return list;
            }
            if (c == '"') return String();
            if (Word("true")) return true;
            if (Word("false")) return false;
            if (Word("null")) return null;
            int start = _i;
            while (_i < _s.Length && "+-0123456789.eE".IndexOf(_s[_i]) >= 0) _i++;
            string number = _s.Substring(start, _i - start);
            if (start == _i || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
                throw Fail("invalid value");
            return new JsonNumber(number, d);
        }

        private bool Peek(char c)
        {
            Space();
            if (_i < _s.Length && _s[_i] == c) { _i++; return true; }
            return false;
        }

        private void Expect(char c)
        {
            if (!Peek(c)) throw Fail($"expected '{c}'");
        }

        private bool Word(string w)
        {
            if (string.CompareOrdinal(_s, _i, w, 0, w.Length) != 0) return false;
            _i += w.Length;
            return true;
        }

        private string String()
        {
            Expect('"');
            var sb = new StringBuilder();
            while (true)
            {
                if (_i >= _s.Length) throw Fail("unterminated string");
                char c = _s[_i++];
                if (c == '"') return sb.ToString();
                if (c != '\\') { sb.Append(c); continue; }
                if (_i >= _s.Length) throw Fail("unterminated escape");
                char e = _s[_i++];
                switch (e)
                {
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'u':
                        if (_i + 4 > _s.Length) throw Fail("short \\u escape");
                        sb.Append((char)int.Parse(_s.Substring(_i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        _i += 4;
                        break;
                    default: sb.Append(e); break;
                }
            }
        }
    }
}
