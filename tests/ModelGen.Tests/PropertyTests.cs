using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ModelGen.Internal;

namespace ModelGen.Tests;

/// <summary>Property-based round trips: random values of a model with primitives, strings, arrays, lists,
/// dictionaries, nullable members and a nested model survive all three forms unchanged.</summary>
public class PropertyTests
{
    private static string S(string? s) => s ?? "";

    private static Mixed Build(
        int i, long l, double d, float f, bool b, byte by, decimal m, string? text, string? maybeText, int? maybeInt, double? maybeDouble,
        int[]? ints, double[]? doubles, string?[]? strings, long[]? longs, string?[]? maybeStrings,
        (string?, int)[]? counts, (int, string?)[]? names, int color, string? innerName, float[]? innerWeights)
    {
        var counted = new Dictionary<string, int>();
        foreach ((string? k, int v) in counts ?? []) counted[S(k)] = v;
        var named = new Dictionary<int, string>();
        foreach ((int k, string? v) in names ?? []) named[k] = S(v);
        return new Mixed
        {
            Int = i, Long = l, Double = d, Float = f, Bool = b, Byte = by, Decimal = m,
            Text = S(text), MaybeText = maybeText, MaybeInt = maybeInt, MaybeDouble = maybeDouble,
            Ints = ints ?? [], Doubles = doubles ?? [], Strings = (strings ?? []).Select(S).ToArray(),
            Longs = (longs ?? []).ToList(), MaybeStrings = (maybeStrings ?? []).ToList(),
            Counts = counted, Names = named, Color = (Color)(Math.Abs(color % 3)),
            Inner = innerName is null ? null : new Inner { Name = innerName, Weights = innerWeights ?? [] },
        };
    }

    private static Arbitrary<Mixed> Models() =>
        (from a in ArbMap.Default.GeneratorFor<(int, long, double, float, bool, byte, decimal)>()
         from t in ArbMap.Default.GeneratorFor<(string?, string?, int?, double?)>()
         from c in ArbMap.Default.GeneratorFor<(int[]?, double[]?, string?[]?, long[]?, string?[]?)>()
         from dict in ArbMap.Default.GeneratorFor<((string?, int)[]?, (int, string?)[]?, int, string?, float[]?)>()
         select Build(a.Item1, a.Item2, a.Item3, a.Item4, a.Item5, a.Item6, a.Item7, t.Item1, t.Item2, t.Item3, t.Item4,
             c.Item1, c.Item2, c.Item3, c.Item4, c.Item5, dict.Item1, dict.Item2, dict.Item3, dict.Item4, dict.Item5))
        .ToArbitrary();

    [Property(MaxTest = 200)]
    public Property Binary_round_trip() => Prop.ForAll(Models(), m => { RoundTrip.Binary(m); });

    [Property(MaxTest = 200)]
    public Property Json_round_trip() => Prop.ForAll(Models(), m => { RoundTrip.Json(m); });

    [Property(MaxTest = 200)]
    public Property Dictionary_round_trip() => Prop.ForAll(Models(), m => { RoundTrip.Dictionary(m); });

    [Property(MaxTest = 300)]
    public bool Scalars_round_trip_in_every_form(long l, ulong ul, short s, sbyte sb, ushort us, uint ui, char ch, double d, float f, decimal m, Guid g, DateTimeOffset dto, TimeSpan ts)
    {
        if (char.IsSurrogate(ch)) ch = 'x'; // a lone surrogate is not a Unicode scalar value: UTF-8 cannot hold it
        var value = new AllScalars
        {
            Long = l, ULong = ul, Short = s, SByte = sb, UShort = us, UInt = ui, Char = ch, Double = d, Float = f,
            Decimal = m, Guid = g, DateTimeOffset = dto, TimeSpan = ts, Half = (Half)f, NInt = (nint)l, NUInt = (nuint)ul,
            DateTime = new DateTime(Math.Abs(l % DateTime.MaxValue.Ticks), (DateTimeKind)(Math.Abs(s % 2) * 1)),
        };
        RoundTrip.All(value);
        return true;
    }

    [Property(MaxTest = 300)]
    public bool Binary_reader_never_throws_anything_but_ModelFormatException(byte[]? garbage, int position, byte value)
    {
        // Random edits of a valid payload, resealed so that they reach the field reader.
        byte[] data = ModelSerializer.Serialize(Samples.NetworkSample());
        Envelope e = ModelSerializer.ReadEnvelope(data);
        byte[] payload = Payload.PayloadOf(data);
        payload[Math.Abs(position % payload.Length)] = value;
        if (garbage is { Length: > 0 }) payload = [.. payload.Take(Math.Abs(position % payload.Length)), .. garbage];
        byte[] edited = Payload.Wrap(e.ModelName, e.SchemaVersion, e.Fingerprint, payload);
        try
        {
            ModelSerializer.Deserialize<Network>(edited);
        }
        catch (ModelFormatException ex)
        {
            return ex.Message.Contains("byte offset");
        }
        return true;
    }
}
