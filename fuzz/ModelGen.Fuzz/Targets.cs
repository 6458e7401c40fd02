using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO.Hashing;
using System.Text.Json;
using ModelGen.Internal;
using ModelGen.Sample;
using ModelGen.Tests;
using ModelGen.Tool;

namespace ModelGen.Fuzz;

/// <summary>One fuzzed entry point: it reads one input and lets only <see cref="ModelFormatException"/> (or, where the
/// input is not even JSON, the JSON parser's own error) end the read; anything else escapes and is a crash.</summary>
internal sealed record Target(string Name, string Description, Action<byte[]> Run, Func<IEnumerable<byte[]>> Seeds);

/// <summary>A model type the targets read, with sample values for the seed corpus.</summary>
internal sealed record FuzzModel(string Name, Action<byte[]> Binary, Action<byte[]> Json, Action<byte[]> Dictionary, Func<IEnumerable<byte[]>> BinarySeeds, Func<IEnumerable<byte[]>> JsonSeeds, Func<IEnumerable<byte[]>> Binary2Seeds);

internal static class Targets
{

    private static FuzzModel Model<T>(params Func<T>[] samples) where T : IModelSerializable<T> => new(
        T.Schema.Name,
        ReadBinary<T>,
        ReadJson<T>,
        ReadDictionary<T>,
        () => Each(samples, v => ModelSerializer.Serialize(v)),
        () => Each(samples, v => ModelJson.SerializeToUtf8Bytes(v)),
        () => Each(samples, v => ModelSerializer.Serialize(v, Format2)));

    private static readonly ModelSerializerOptions Format2 = new() { FormatVersion = 2 };

    private static IEnumerable<byte[]> Each<T>(Func<T>[] samples, Func<T, byte[]> write)
    {
        foreach (Func<T> sample in samples) yield return write(sample());
    }

    /// <summary>The models, in the order of the selector byte of the JSON and dictionary inputs (byte % count).</summary>
    public static readonly FuzzModel[] Models =
    [
        Model(Samples.NetworkSample, () => new Network()),
        Model(Samples.CollectionsFull, () => Samples.CollectionsEmpty(true)),
        Model(Samples.PipelineSample),
        Model(Samples.ScalarsMax, Samples.ScalarsOther),
        Model(Samples.NullablesSet, () => new Nullables()),
        Model(() => new Config("cfg", Note: "n")),
        Model(() => new Hyper(Dropout: 0.2) { Patience = 3, Hidden = [4, 2] }),
        Model(() => new LogisticModel { Hyperparameters = new TrainingOptions(Epochs: 10) { L2 = 0.1 }, Coefficients = [1, 2], Bias = 0.5, FeatureMeans = [0, 1], FeatureScales = [1, 2], Metrics = new() { ["auc"] = 0.9 } }),
        Model(() => new StructHolder { Point = new PointStruct { X = 1, Y = 2, Label = "p" }, MaybePoint = new PointStruct(), Pairs = [new PairRecordStruct(1, "b")], Record = new ReadOnlyRecordStruct(7, [1f]) }),
        Model(() => new Chain { Value = 1, Child = new Chain { Value = 2, Child = new Chain { Value = 3 } } }),
        Model(() => new InitAndRequired { Id = "id", Weight = 2.5, FieldList = [1, 2] }),
        Model(() => new RenamedV2 { Lr = 0.1, Iterations = 3, Labels = ["a"] }),
        Model(() => new Mixed { Text = "t", MaybeText = "m", Ints = [1, 2], Strings = ["s"], Longs = [5], MaybeStrings = [null, "x"], Counts = new() { ["a"] = 1 }, Names = new() { [1] = "one" }, Inner = new Inner { Name = "i", Weights = [1f] } }),
    ];

    private static readonly Dictionary<string, FuzzModel> ByName = BuildIndex();

    private static readonly Lazy<TypedValues> FuzzTypes = new(() => new TypedValues(SchemaMetadata.ReadAssembly(typeof(Mixed).Assembly.Location)));

    private static Dictionary<string, FuzzModel> BuildIndex()
    {
        var index = new Dictionary<string, FuzzModel>();
        foreach (FuzzModel m in Models) index[m.Name] = m;
        return index;
    }

    public static readonly Target[] All =
    [
        new("binary", "ModelSerializer.Deserialize<T> of every model type, T chosen by the model name in the envelope; the input is a file without its 16-byte trailer, which the harness appends (correct length and checksum) so that mutations reach the field readers",
            Binary, BinarySeeds),
        new("binary2", "as binary, with seeds of binary format 2 (docs/format.md §9): mutations reach the schema table and the positional payload",
            Binary, Binary2Seeds),
        new("json", "ModelJson.Deserialize<T>; the first byte chooses T (byte % model count), the rest is the JSON",
            data => Json(data, m => m.Json), JsonSeeds),
        new("dictionary", "JSON parsed by System.Text.Json into Dictionary<string, object?> (what a JSON layer gives), then ModelDictionary.FromDictionary<T>; the first byte chooses T",
            data => Json(data, m => m.Dictionary), JsonSeeds),
        new("inspect", "the inspect tool's type-free decoder (DecodedFile.Decode, RawDecoder) and both printers; the input is a file without its trailer, as for binary",
            Inspect, BinarySeeds),
        new("inspect2", "as inspect, with seeds of binary format 2: mutations reach the tool's schema-table reader and its positional decoder",
            Inspect, Binary2Seeds),
    ];

    private static readonly ModelSerializerOptions Options = ModelSerializerOptions.Default;

    // ---- binary ----

    /// <summary>Appends the trailer that <see cref="ModelSerializer"/> writes: the payload length and the XXH3 checksum
    /// (format 2: of the header's and the payload's hashes, docs/format.md §9.1).</summary>
    public static byte[] Seal(byte[] withoutTrailer)
    {
        int headerLength = HeaderLength(withoutTrailer);
        var data = new byte[withoutTrailer.Length + Envelope.TrailerLength];
        withoutTrailer.CopyTo(data, 0);
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(withoutTrailer.Length), (ulong)Math.Max(0, withoutTrailer.Length - headerLength));
        ulong checksum = XxHash3.HashToUInt64(withoutTrailer);
        if (withoutTrailer.Length > 4 && withoutTrailer[4] == 2)
        {
            Span<byte> both = stackalloc byte[16];
            BinaryPrimitives.WriteUInt64LittleEndian(both, XxHash3.HashToUInt64(withoutTrailer.AsSpan(0, headerLength)));
            BinaryPrimitives.WriteUInt64LittleEndian(both.Slice(8), XxHash3.HashToUInt64(withoutTrailer.AsSpan(headerLength)));
            checksum = XxHash3.HashToUInt64(both);
        }
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(withoutTrailer.Length + 8), checksum);
        return data;
    }

    // The header length as the reader will see it (magic, version, flags, name, schema version, fingerprint); inputs
    // too damaged to have one get the whole input as header, which the reader rejects either way.
    private static int HeaderLength(byte[] data)
    {
        int pos = 6;
        if (data.Length > 4 && data[4] == 2)
        {
            // Format 2: the table length, then the table.
            if (!TryVarint(data, ref pos, out ulong tableLength) || tableLength > (ulong)(data.Length - pos)) return data.Length;
            return pos + (int)tableLength;
        }
        if (!TryVarint(data, ref pos, out ulong nameLength) || nameLength > (ulong)(data.Length - pos)) return data.Length;
        pos += (int)nameLength;
        if (!TryVarint(data, ref pos, out _) || data.Length - pos < 8) return data.Length;
        return pos + 8;
    }

    private static bool TryVarint(byte[] data, ref int pos, out ulong value)
    {
        value = 0;
        for (int shift = 0; shift < 64 && pos < data.Length; shift += 7)
        {
            byte b = data[pos++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return true;
        }
        return false;
    }

    private static void Binary(byte[] input)
    {
        byte[] data = Seal(input);
        string? name = null;
        try
        {
            name = ModelSerializer.ReadEnvelope(data, verifyChecksum: false).ModelName;
        }
        catch (ModelFormatException)
        {
            // A broken envelope: read it as any model, which must fail the same clean way.
        }
        FuzzModel model = name is not null && ByName.TryGetValue(name, out FuzzModel? m) ? m : Models[0];
        model.Binary(data);
    }

    private static void ReadBinary<T>(byte[] data) where T : IModelSerializable<T>
    {
        T value;
        try
        {
            value = ModelSerializer.Deserialize<T>(data, Options);
        }
        catch (ModelFormatException)
        {
            return;
        }
        // What was read must write again or be refused cleanly (a missing struct member reads as its C# default,
        // which may be a null the writer refuses: finding 4 in docs/security.md), and reading that back may fail only
        // cleanly.
        try
        {
            byte[] again = ModelSerializer.Serialize(value, data[4] == 2 ? Format2 : Options);
            ModelSerializer.Deserialize<T>(again, Options);
        }
        catch (ModelFormatException)
        {
        }
    }

    private static IEnumerable<byte[]> BinarySeeds()
    {
        foreach (FuzzModel m in Models)
            foreach (byte[] file in m.BinarySeeds())
                yield return file.AsSpan(0, file.Length - Envelope.TrailerLength).ToArray();
    }

    private static IEnumerable<byte[]> Binary2Seeds()
    {
        foreach (FuzzModel m in Models)
            foreach (byte[] file in m.Binary2Seeds())
                yield return file.AsSpan(0, file.Length - Envelope.TrailerLength).ToArray();
    }

    // ---- JSON and dictionary ----

    private static void Json(byte[] input, Func<FuzzModel, Action<byte[]>> entry)
    {
        if (input.Length == 0) return;
        entry(Models[input[0] % Models.Length])(input.AsSpan(1).ToArray());
    }

    private static void ReadJson<T>(byte[] json) where T : IModelSerializable<T>
    {
        T value;
        try
        {
            value = ModelJson.Deserialize<T>(json.AsSpan());
        }
        catch (ModelFormatException)
        {
            return;
        }
        try
        {
            byte[] again = ModelJson.SerializeToUtf8Bytes(value);
            ModelJson.Deserialize<T>(again.AsSpan());
        }
        catch (ModelFormatException)
        {
        }
    }

    private static void ReadDictionary<T>(byte[] json) where T : IModelSerializable<T>
    {
        Dictionary<string, object?>? plain;
        try
        {
            plain = JsonSerializer.Deserialize<Dictionary<string, object?>>(json);
        }
        catch (JsonException)
        {
            return; // not JSON at all: System.Text.Json's concern, not ModelGen's
        }
        if (plain is null) return;
        T value;
        try
        {
            value = ModelDictionary.FromDictionary<T>(plain);
        }
        catch (ModelFormatException)
        {
            return;
        }
        try
        {
            Dictionary<string, object?> again = ModelDictionary.ToDictionary(value);
            ModelDictionary.FromDictionary<T>(again);
        }
        catch (ModelFormatException)
        {
        }
    }

    private static IEnumerable<byte[]> JsonSeeds()
    {
        for (int i = 0; i < Models.Length; i++)
            foreach (byte[] json in Models[i].JsonSeeds())
                yield return [(byte)i, .. json];
    }

    // ---- inspect ----

    private static void Inspect(byte[] input)
    {
        DecodedFile file;
        try
        {
            file = DecodedFile.Decode("fuzz.mgen", Seal(input));
        }
        catch (ModelFormatException)
        {
            return;
        }
        var names = new KeyNames(["name", "layers", "weights", "values", "inner"]);
        // Typed by the fuzz models' schemas, so decoding values by declared type (GUIDs, decimals, dates) is fuzzed too.
        var bounds = new OutputBounds(MaxElements: 16, MaxTextLength: 200, MaxBytes: 64);
        new TextPrinter(System.IO.TextWriter.Null, names, FuzzTypes.Value, bounds).Print(file);
        new JsonPrinter(names, FuzzTypes.Value, bounds).Print(file);
    }
}
