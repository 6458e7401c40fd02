using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using ModelGen.Internal;
using Xunit;
using Xunit.Sdk;

namespace ModelGen.Tests;

/// <summary>A bounded, deterministic mutation run over every test model (the CI side of fuzz/, docs/security.md):
/// bit flips, truncations, insertions, deletions and length-field edits of serialized models. Every input either
/// reads or throws <see cref="ModelFormatException"/>, never anything else.</summary>
public class MutationTests
{
    private const int Seed = 20240607;
    private const int MutationsPerModel = 1500;

    /// <summary>One sample model: how to read bytes as its type, and its value.</summary>
    public sealed record Case(string Name, object Value, Func<byte[], object> Read, Func<object, byte[]> Write)
    {
        public override string ToString() => Name;
    }

    private static Case Of<T>(string name, T value) where T : IModelSerializable<T> =>
        new(name, value!, data => ModelSerializer.Deserialize<T>(data)!, v => ModelSerializer.Serialize((T)v));

    public static readonly Case[] Cases =
    [
        Of("network", Samples.NetworkSample()),
        Of("collections", Samples.CollectionsFull()),
        Of("collections-empty", Samples.CollectionsEmpty(dimensionsAfterZero: true)),
        Of("pipeline", Samples.PipelineSample()),
        Of("scalars", Samples.ScalarsMax()),
        Of("nullables", Samples.NullablesSet()),
        Of("config", new Config("cfg", Note: "note")),
        Of("hyper", new Hyper(Dropout: 0.25) { Patience = 4 }),
        Of("struct-holder", new StructHolder { Point = new PointStruct { X = 1, Label = "p" }, Pairs = [new PairRecordStruct(1, "b")], Record = new ReadOnlyRecordStruct(7, [1f, 2f]) }),
        Of("chain", new Chain { Value = 1, Child = new Chain { Value = 2 } }),
        // Members kept by name from JSON, written as named members (field key 4: a name and JSON text).
        Of("named-members", ModelJson.Deserialize<Chain>("""{"value":1,"child":{"value":2,"extra":[1,{"a":"b"},null]},"note":"n","rate":3.5}""")),
        Of("init-required", new InitAndRequired { Id = "id", Weight = 2.5, FieldList = [1, 2] }),
        Of("renamed", new RenamedV2 { Lr = 0.5, Iterations = 9, Labels = ["x", "y"] }),
        Of("attributed", new Attributed { LearningRate = 0.1, WithKey = 5, Kept = "k" }),
        Of("mixed", new Mixed { Text = "t", Ints = [1, 2, 3], Counts = new() { ["a"] = 1 }, MaybeStrings = [null, "s"], Inner = new Inner { Name = "i", Weights = [0.5f] } }),
        // Sequences of models of scalars, read by their straight loops (StraightItemsTests) around a null.
        Of("items", new ItemBag
        {
            Nodes = [new ItemNode { Feature = -3, Threshold = 0.5f, Left = 1L << 40, Leaf = true, Level = Level.High, Value = 2 }, null, new ItemNode { Feature = 300, Left = -1 }],
            Versioned = [new VersionedItem { A = -20000, B = 200 }, new VersionedItem { A = 5 }],
            Points = [new ItemPoint { X = 1.5, Y = -7 }],
            Records = [new ItemRecord(int.MinValue, -1f), new ItemRecord(3, 0f)],
        }),
    ];

    // Each case also in format 2 (name@2): its mutations reach the schema table as well as the payload.
    public static TheoryData<string> CaseNames => new(Cases.Select(c => c.Name).Concat(Cases.Select(c => c.Name + "@2")));

    // string.GetHashCode is randomized per process; the runs must be the same on every run.
    private static int StableHash(string s) => s.Aggregate(17, (h, ch) => h * 31 + ch);

    private static Case Find(string name)
    {
        if (!name.EndsWith("@2", StringComparison.Ordinal)) return Cases.Single(c => c.Name == name);
        Case c = Cases.Single(c => c.Name == name[..^2]);
        var options = new ModelSerializerOptions { FormatVersion = 2 };
        Func<object, byte[]> format1 = c.Write;
        // The case's writer writes format 1; format 2 goes through the same Serialize with options (by reflection on T).
        return c with
        {
            Name = name,
            Write = v => (byte[])typeof(ModelSerializer).GetMethods()
                .Single(m => m.Name == nameof(ModelSerializer.Serialize) && m.GetParameters().Length == 2 && m.GetParameters()[1].ParameterType == typeof(ModelSerializerOptions) && m.ReturnType == typeof(byte[]))
                .MakeGenericMethod(c.Value.GetType()).Invoke(null, BindingFlags.DoNotWrapExceptions, null, [v, options], null)!,
        };
    }

    /// <summary>Runs <paramref name="read"/>: a value, or null after a <see cref="ModelFormatException"/>; anything else fails the test.</summary>
    private static object? ReadOrReject(Func<byte[], object> read, byte[] data, string what)
    {
        try
        {
            return read(data);
        }
        catch (ModelFormatException)
        {
            return null;
        }
        catch (Exception e)
        {
            throw new XunitException($"{what}: {e.GetType().Name} escaped instead of ModelFormatException for input {Convert.ToHexString(data)}: {e}");
        }
    }

    /// <summary>One deterministic mutation of <paramref name="data"/> within [start, end).</summary>
    private static byte[] Mutate(Random random, byte[] data, int start, int end, out string what)
    {
        var list = new List<byte>(data);
        int at = random.Next(start, end);
        switch (random.Next(6))
        {
            case 0:
                int bit = random.Next(8);
                list[at] ^= (byte)(1 << bit);
                what = $"flip bit {bit} of byte {at}";
                break;
            case 1:
                list.RemoveRange(at, end - at);
                what = $"truncate at {at}";
                break;
            case 2:
                int n = random.Next(1, 5);
                byte[] inserted = new byte[n];
                random.NextBytes(inserted);
                list.InsertRange(at, inserted);
                what = $"insert {Convert.ToHexString(inserted)} at {at}";
                break;
            case 3:
                int count = Math.Min(random.Next(1, 5), end - at);
                list.RemoveRange(at, count);
                what = $"delete {count} at {at}";
                break;
            default:
                // A length or count field: a varint overwritten with a boundary value (the next byte is often one).
                ulong[] lengths = [0, 1, 2, 0x7F, 0x80, 0xFF, 0x3FFF, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, ulong.MaxValue, (ulong)random.Next()];
                ulong value = lengths[random.Next(lengths.Length)];
                int old = VarintLength(data, at);
                list.RemoveRange(at, Math.Min(old, list.Count - at));
                list.InsertRange(at, Varint(value));
                what = $"length field at {at} set to {value}";
                break;
        }
        return list.ToArray();
    }

    private static int VarintLength(byte[] data, int at)
    {
        int n = 1;
        while (at + n - 1 < data.Length && data[at + n - 1] >= 0x80 && n < 10) n++;
        return n;
    }

    private static byte[] Varint(ulong v)
    {
        var bytes = new List<byte>();
        while (v >= 0x80) { bytes.Add((byte)(v | 0x80)); v >>= 7; }
        bytes.Add((byte)v);
        return bytes.ToArray();
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Mutated_payloads_read_or_fail_cleanly(string name)
    {
        // The envelope is rebuilt around each mutated payload (correct length and checksum), so every mutation
        // reaches the field readers; a value that reads must write and read back to an equal value, or fail cleanly:
        // the writer refuses (ModelFormatException, nothing written) what the reader would reject, e.g. the default of
        // a struct member whose array cannot be null, left by a deleted member (docs/security.md, finding 4).
        Case c = Find(name);
        byte[] data = c.Write(c.Value);
        Envelope e = ModelSerializer.ReadEnvelope(data);
        // Format 2: the schema table is mutated too (everything after the flags), and the trailer recomputed.
        bool format2 = data[4] == 2;
        byte[] payload = format2 ? data[6..^16] : Payload.PayloadOf(data);
        var random = new Random(Seed + StableHash(name));
        int read = 0;
        for (int i = 0; i < MutationsPerModel; i++)
        {
            byte[] mutated = Mutate(random, payload, 0, payload.Length, out string what);
            byte[] sealed_ = format2 ? Payload.Seal2([.. data[..6], .. mutated]) : Payload.Wrap(e.ModelName, e.SchemaVersion, e.Fingerprint, mutated);
            object? value = ReadOrReject(c.Read, sealed_, $"{name}, {what}");
            if (value is null) continue;
            read++;
            byte[] again;
            try
            {
                again = c.Write(value);
            }
            catch (ModelFormatException)
            {
                continue;
            }
            catch (Exception ex)
            {
                throw new XunitException($"{name}, {what}: a value that was read cannot be written: {ex}");
            }
            object? back = ReadOrReject(c.Read, again, $"{name}, {what}, written again");
            if (back is not null) Deep.Equal(value, back);
        }
        // The run is not vacuous: some mutations (e.g. of float bits or string bytes) still read.
        Assert.InRange(read, 1, MutationsPerModel - 1);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Mutated_checksummed_files_read_the_original_or_fail_cleanly(string name)
    {
        Case c = Find(name);
        byte[] data = c.Write(c.Value);
        var random = new Random(Seed - StableHash(name));
        for (int i = 0; i < MutationsPerModel / 3; i++)
        {
            byte[] mutated = Mutate(random, data, 0, data.Length, out string what);
            object? value = ReadOrReject(c.Read, mutated, $"{name}, {what}");
            if (value is not null) Deep.Equal(c.Value, value);
        }
    }

    [Fact]
    public void Every_single_bit_flip_of_a_checksummed_file_is_detected()
    {
        // Exhaustive: every bit of the envelope, payload and trailer of a small model, and of a larger one.
        foreach (Case c in new[] { Find("chain"), Find("config"), Find("network"), Find("chain@2"), Find("config@2"), Find("network@2") })
        {
            byte[] data = c.Write(c.Value);
            for (int i = 0; i < data.Length; i++)
            {
                for (int bit = 0; bit < 8; bit++)
                {
                    byte[] flipped = (byte[])data.Clone();
                    flipped[i] ^= (byte)(1 << bit);
                    if (ReadOrReject(c.Read, flipped, $"{c.Name}, bit {bit} of byte {i}") is not null)
                        throw new XunitException($"{c.Name}: flipping bit {bit} of byte {i} of {data.Length} was not detected");
                }
            }
        }
    }

    [Fact]
    public void Clearing_the_checksum_flag_does_not_turn_verification_off()
    {
        // Found by the exhaustive bit flips above: bit 0 of the flags byte turned the checksum off, so a flip there
        // (and any corruption along with it) went unnoticed. A file without a checksum has zero in its place.
        byte[] data = ModelSerializer.Serialize(new Chain { Value = 3 });
        byte[] cleared = (byte[])data.Clone();
        cleared[5] = 0;
        ModelFormatException e = Bad.Binary<Chain>(cleared, reason: "checksum flag is clear");
        Assert.Equal(5, e.Offset);
        // Written without a checksum: still reads, with or without verification.
        byte[] none = ModelSerializer.Serialize(new Chain { Value = 3 }, new ModelSerializerOptions { WriteChecksum = false });
        Assert.Equal(3, ModelSerializer.Deserialize<Chain>(none).Value);
        // A tool that looks at damaged files (verification off) still reads the cleared one.
        Assert.Equal(3, ModelSerializer.Deserialize<Chain>(cleared, new ModelSerializerOptions { VerifyChecksum = false }).Value);
    }

    [Fact]
    public void Every_single_bit_flip_of_a_payload_is_detected_by_the_checksum_alone()
    {
        // The same flips of the payload only, with verification on: the error names the checksum, not a field.
        // In format 2 the schema table is covered the same way (the table after its length).
        foreach (Case c in new[] { Find("network"), Find("network@2") })
        {
            byte[] data = c.Write(c.Value);
            Envelope e = ModelSerializer.ReadEnvelope(data);
            int start = data[4] == 2 ? (data[6] < 0x80 ? 7 : 8) : e.HeaderLength;
            for (int i = start; i < e.HeaderLength + e.PayloadLength; i++)
            {
                for (int bit = 0; bit < 8; bit++)
                {
                    byte[] flipped = (byte[])data.Clone();
                    flipped[i] ^= (byte)(1 << bit);
                    ModelFormatException ex = Bad.Throws(() => c.Read(flipped));
                    Assert.Contains("checksum mismatch", ex.Message);
                }
            }
        }
    }
}
