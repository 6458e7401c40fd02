using System;
using System.Collections.Generic;
using System.Linq;
using ModelGen.Internal;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ModelGen.Tests;

/// <summary>What a small hostile input can make the reader allocate (docs/security.md, "Limits").</summary>
public class ResourceLimitTests(ITestOutputHelper output)
{
    private const int InputSize = 100;

    /// <summary>The bound asserted for every 100-byte input: 80 bytes allocated per input byte (8,000 bytes). The
    /// costliest input is not data but a failure deep down: an exception that unwinds through some twenty nested model
    /// readers captures a stack trace and a member path on the way out (about 6.3 KB measured). Inputs that do not
    /// nest models are held to 32 bytes per input byte (3,200 bytes), which covers what a legitimate input can need:
    /// a two-byte item (a tag and an end marker) becomes an object of 24 to 32 bytes plus an 8-byte array slot, a
    /// count preallocates at most one slot per remaining byte (two for map entries), plus the exception and its
    /// message when the read fails (measured worst: about 2.1 KB).</summary>
    private const int BytesPerInputByte = 80;
    private const int BytesPerInputByteWithoutNesting = 32;
    private static long Allocated<T>(byte[] data) where T : IModelSerializable<T>
    {
        // Read once first: the first use of a code path in the process (type loading, lazily built statics) costs
        // allocations that depend on which test ran first, not on the input.
        Read<T>(data);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Read<T>(data);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static void Read<T>(byte[] data) where T : IModelSerializable<T>
    {
        try
        {
            ModelSerializer.Deserialize<T>(data);
        }
        catch (ModelFormatException)
        {
        }
    }

    /// <summary>A file of exactly <see cref="InputSize"/> bytes: a valid envelope around <paramref name="payload"/>,
    /// cut or padded with end markers to fit.</summary>
    private static byte[] File<T>(Payload payload) where T : IModelSerializable<T>
    {
        int overhead = Payload.Wrap<T>([]).Length;
        byte[] body = payload.ToArray();
        Array.Resize(ref body, InputSize - overhead);
        byte[] file = Payload.Wrap<T>(body);
        Assert.Equal(InputSize, file.Length);
        return file;
    }

    private sealed record Input(string Name, byte[] Data, Func<byte[], long> Measure, bool NestsModels = false);

    private static Input In<T>(string name, Payload payload, bool nestsModels = false) where T : IModelSerializable<T> =>
        new(name, File<T>(payload), Allocated<T>, nestsModels);

    private static IEnumerable<Input> Adversarial()
    {
        int Key<T>(string member) where T : IModelSerializable<T> => Payload.Key<T>(member);
        ulong[] counts = [40, 60, 99, 0x7FFF_FFFF, ulong.MaxValue];
        foreach (ulong n in counts)
        {
            // Maps and sequences claiming many entries, followed by as many small items as fit.
            var map = new Payload().Tag(Key<Collections>("byString"), WireType.Sequence).VarUInt(0).VarUInt(n);
            for (int i = 0; i < 30; i++) map.Tag(1, WireType.Bytes).String(((char)('a' + i)).ToString()).Tag(1, WireType.Marker);
            yield return In<Collections>($"map of {n} string → null", map);

            var nulls = new Payload().Tag(Key<Collections>("strings"), WireType.Sequence).VarUInt(1).VarUInt(n);
            for (int i = 0; i < 80; i++) nulls.Tag(1, WireType.Marker);
            yield return In<Collections>($"sequence of {n} null strings", nulls);

            var empties = new Payload().Tag(Key<Collections>("inners"), WireType.Sequence).VarUInt(1).VarUInt(n);
            for (int i = 0; i < 40; i++) empties.Tag(1, WireType.Object).End();
            yield return In<Collections>($"sequence of {n} empty models", empties);

            var structs = new Payload().Tag(Key<StructHolder>("pairs"), WireType.Sequence).VarUInt(1).VarUInt(n);
            for (int i = 0; i < 40; i++) structs.Tag(1, WireType.Object).End();
            yield return In<StructHolder>($"list of {n} empty record structs", structs);

            var decimals = new Payload().Tag(Key<Collections>("decimals"), WireType.Sequence).VarUInt(1).VarUInt(n);
            yield return In<Collections>($"sequence of {n} decimals, none present", decimals);

            var nullableInts = new Payload().Tag(Key<Nullables>("nullableInts"), WireType.Sequence).VarUInt(1).VarUInt(n);
            for (int i = 0; i < 80; i++) nullableInts.Tag(1, WireType.Marker);
            yield return In<Nullables>($"sequence of {n} null int?", nullableInts);

            var nestedMaps = new Payload().Tag(Key<Collections>("listsByInt"), WireType.Sequence).VarUInt(0).VarUInt(n);
            for (int i = 0; i < 20; i++) nestedMaps.Tag(1, WireType.VarInt).VarInt(i).Tag(1, WireType.Sequence).VarUInt(1).VarUInt(1).Tag(1, WireType.Marker);
            yield return In<Collections>($"map of {n} lists of one null", nestedMaps);

            var jagged = new Payload().Tag(Key<Collections>("jaggedStrings"), WireType.Sequence).VarUInt(1).VarUInt(n);
            for (int i = 0; i < 15; i++) jagged.Tag(1, WireType.Sequence).VarUInt(1).VarUInt(1).Tag(1, WireType.Marker);
            yield return In<Collections>($"sequence of {n} sequences of one null", jagged);

            var guids = new Payload().Tag(Key<Collections>("guidCube"), WireType.Sequence).VarUInt(3).VarUInt(n).VarUInt(n).VarUInt(n);
            yield return In<Collections>($"Guid[{n},{n},{n}]", guids);

            var widened = new Payload().Tag(Key<Collections>("doubles"), WireType.Packed).Raw((byte)PackedElement.Byte).VarUInt(1).VarUInt(n).Raw(new byte[80]);
            yield return In<Collections>($"packed {n} bytes read into double[]", widened);

            var matrix = new Payload().Tag(Key<Collections>("stringMatrix"), WireType.Sequence).VarUInt(2).VarUInt(n).VarUInt(0);
            yield return In<Collections>($"string[{n}, 0]", matrix);

            var text = new Payload().Tag(Key<WideValue>("text"), WireType.Bytes).VarUInt(n).Raw(Enumerable.Repeat((byte)'x', 80).ToArray());
            yield return In<WideValue>($"string of {n} bytes", text);

            var unknown = new Payload().Tag(5000, WireType.Sequence).VarUInt(1).VarUInt(n);
            for (int i = 0; i < 80; i++) unknown.Tag(1, WireType.Marker);
            yield return In<Chain>($"unknown member: sequence of {n} nulls", unknown);
        }
        var deep = new Payload();
        for (int i = 0; i < 40; i++) deep.Tag(Key<Chain>("child"), WireType.Object);
        yield return In<Chain>("nested models, never closed", deep, nestsModels: true);
        var deepUnknown = new Payload();
        for (int i = 0; i < 60; i++) deepUnknown.Tag(5000, WireType.Sequence).VarUInt(1).VarUInt(1);
        yield return In<Chain>("60 nested unknown sequences", deepUnknown);
    }

    private static IEnumerable<Input> Random()
    {
        var random = new Random(100);
        foreach (Input template in new[]
        {
            In<Collections>("random collections", new Payload(), nestsModels: true),
            In<Network>("random network", new Payload(), nestsModels: true),
            In<Pipeline>("random pipeline", new Payload(), nestsModels: true),
            In<Nullables>("random nullables", new Payload()),
            In<StructHolder>("random structs", new Payload()),
            In<AllScalars>("random scalars", new Payload()),
        })
        {
            Envelope e = ModelSerializer.ReadEnvelope(template.Data);
            for (int i = 0; i < 400; i++)
            {
                byte[] body = new byte[e.PayloadLength];
                random.NextBytes(body);
                yield return template with { Name = $"{template.Name} #{i}", Data = Payload.Wrap(e.ModelName, e.SchemaVersion, e.Fingerprint, body) };
            }
        }
    }

    [Fact]
    public void No_100_byte_input_allocates_more_than_80_times_its_size()
    {
        List<Input> inputs = [.. Adversarial(), .. Random()];
        var measured = new List<(long Bytes, long Bound, string Name)>();
        foreach (Input input in inputs)
        {
            Assert.Equal(InputSize, input.Data.Length);
            input.Measure(input.Data); // warm up: type initializers and first-call costs are not the input's doing
            long bound = (input.NestsModels ? BytesPerInputByte : BytesPerInputByteWithoutNesting) * (long)InputSize;
            // The least of three reads: what the input makes the reader allocate is the same every time, while a rent
            // from the shared ArrayPool can miss (and allocate) when tests on other threads hold its arrays.
            long bytes = Math.Min(input.Measure(input.Data), Math.Min(input.Measure(input.Data), input.Measure(input.Data)));
            measured.Add((bytes, bound, input.Name));
        }
        measured.Sort((a, b) => b.Bytes.CompareTo(a.Bytes));
        foreach (var (bytes, _, name) in measured.Take(8)) output.WriteLine($"{bytes,7} bytes  {name}");
        var over = measured.Where(w => w.Bytes > w.Bound).ToList();
        if (over.Count > 0)
            throw new XunitException($"{over.Count} inputs of {InputSize} bytes allocated more than their bound: " + string.Join("; ", over.Take(10).Select(o => $"{o.Name}: {o.Bytes} > {o.Bound}")));
    }

    [Fact]
    public void Deep_nesting_through_every_container_ends_with_ModelFormatException()
    {
        // Nested models, and sequences and objects in skipped members, are covered by BadInputTests; here maps of
        // maps and sequences of objects, 100,000 deep, in a skipped member.
        var maps = new Payload().Tag(5000, WireType.Sequence);
        for (int i = 0; i < 100_000; i++) maps.VarUInt(0).VarUInt(1).Tag(1, WireType.Marker).Tag(1, WireType.Sequence);
        Bad.Binary<Chain>(Payload.Wrap<Chain>(maps.ToArray()), reason: "nesting is deeper");
        var objects = new Payload();
        for (int i = 0; i < 100_000; i++) objects.Tag(1, WireType.Object);
        Bad.Binary<Chain>(Payload.Wrap<Chain>([.. new Payload().Tag(5000, WireType.Sequence).VarUInt(1).VarUInt(1).ToArray(), .. objects.ToArray()]), reason: "nesting is deeper");
    }
}
