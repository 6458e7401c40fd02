using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text;
using Xunit;

namespace ModelGen.Tests;

/// <summary>An <see cref="Op"/> that is not a declared case of the union: every writer refuses it.</summary>
public sealed class UndeclaredOp : Op;

/// <summary>The binary writer tries a strict write into the output's first span before any check, and falls back to the
/// check and a plain write when that write does not fit or refuses the value (ModelSerializer.TryWriteAtOnce). The
/// guarantee "a writer never writes what its reader rejects, and on refusal writes nothing" rests on one property,
/// checked here over random and edge values: the strict write succeeds exactly when the check (WriteCheck.Run)
/// accepts the value; when it succeeds its bytes are the plain write's; when it does not, the output is untouched.</summary>
public class WriteAtOnceTests
{
    private static readonly MethodInfo TryWriteAtOnceMethod =
        typeof(ModelSerializer).GetMethod("TryWriteAtOnce", BindingFlags.NonPublic | BindingFlags.Static)!;

    private static readonly MethodInfo RunCheckMethod =
        typeof(ModelSerializer).Assembly.GetType("ModelGen.WriteCheck", throwOnError: true)!.GetMethod("Run", BindingFlags.Public | BindingFlags.Static)!;

    private static readonly ModelSerializerOptions[] Options =
    [
        ModelSerializerOptions.Default,
        new() { WriteChecksum = false, VerifyChecksum = false },
        new() { FormatVersion = 2 },
        new() { FormatVersion = 2, WriteChecksum = false, VerifyChecksum = false },
        new() { MaxDepth = 5 },
        new() { FormatVersion = 2, MaxDepth = 5 },
    ];

    private static object? Invoke(MethodInfo method, Type type, params object?[] args)
    {
        try
        {
            return method.MakeGenericMethod(type).Invoke(null, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw; // not reached
        }
    }

    private int _accepted;
    private int _refused;

    /// <summary>The property, for one value under every option set.</summary>
    private void Same(object value)
    {
        Type type = value.GetType();
        if (type == typeof(UndeclaredOp)) type = typeof(Op);
        foreach (ModelSerializerOptions options in Options)
        {
            Exception? checkError = null;
            try
            {
                Invoke(RunCheckMethod, type, value, options.MaxDepth, ModelForms.Binary);
            }
            catch (Exception e)
            {
                checkError = e;
            }

            var first = new ArrayBufferWriter<byte>(1 << 20);
            // Always tried (not skipped for a type that took more than the span last time, in another test).
            bool written = (bool)Invoke(TryWriteAtOnceMethod, type, first, value, options, false)!;
            Assert.True(written == (checkError is null),
                $"{type.Name} (format {options.FormatVersion}, max depth {options.MaxDepth}): the strict write {(written ? "wrote" : "refused")} a value the check {(checkError is null ? "accepts" : "refuses: " + checkError.Message)}");

            // The public entry points: the first span (large), then small spans (the fallback after SpanFull).
            var small = new SmallSpans();
            var large = new ArrayBufferWriter<byte>(1 << 20);
            if (checkError is null)
            {
                _accepted++;
                Invoke(SerializeMethod, type, small, value, options);
                Assert.True(first.WrittenSpan.SequenceEqual(small.WrittenSpan), $"{type.Name}: the strict write's bytes differ from the plain write's");
                Invoke(SerializeMethod, type, large, value, options);
                Assert.True(first.WrittenSpan.SequenceEqual(large.WrittenSpan));
                continue;
            }
            _refused++;
            Assert.Equal(0, first.WrittenCount);
            foreach (IBufferWriter<byte> output in new IBufferWriter<byte>[] { small, large })
            {
                Exception e = Assert.ThrowsAny<Exception>(() => Invoke(SerializeMethod, type, output, value, options));
                Assert.Equal(checkError.GetType(), e.GetType());
                Assert.Equal(checkError.Message, e.Message);
                if (checkError is ModelFormatException expected) Assert.Equal(expected.Path, ((ModelFormatException)e).Path);
            }
            Assert.Equal(0, small.WrittenCount);
            Assert.Equal(0, large.WrittenCount);
        }
    }

    private static readonly MethodInfo SerializeMethod = typeof(ModelSerializer).GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Single(m => m.Name == "Serialize" && m.GetParameters() is [{ ParameterType.Name: "IBufferWriter`1" }, _, _]);

    // ---- values: every kind of member, with the edge cases the check refuses mixed in ----

    private static string Text(Random random, bool bad)
    {
        int length = random.Next(0, 12);
        var sb = new StringBuilder();
        for (int i = 0; i < length; i++)
        {
            switch (random.Next(8))
            {
                case 0: sb.Append((char)random.Next(0x80, 0x800)); break;
                case 1: sb.Append("\U0001F600"); break; // a surrogate pair: accepted
                case 2: sb.Append((char)random.Next(0x4E00, 0x9FFF)); break;
                default: sb.Append((char)random.Next(0x20, 0x7F)); break;
            }
        }
        if (bad)
        {
            // An unpaired surrogate: high at the end, low alone, or high before a non-surrogate.
            char lone = random.Next(2) == 0 ? (char)random.Next(0xD800, 0xDC00) : (char)random.Next(0xDC00, 0xE000);
            sb.Insert(random.Next(sb.Length + 1), lone);
            if (random.Next(3) == 0) sb.Append('\uD83D');
        }
        // Long text, past the one- and two-byte length guesses of the encoder.
        if (random.Next(20) == 0) sb.Append('x', random.Next(100, 6000));
        return sb.ToString();
    }

    private static bool Rare(Random random) => random.Next(12) == 0;

    private static char Char(Random random) => Rare(random) ? (char)random.Next(0xD800, 0xE000) : (char)random.Next(0x20, 0x3000);

    private static Mixed RandomMixed(Random random) => new()
    {
        Int = random.Next(), Long = random.NextInt64(long.MinValue, long.MaxValue), Double = random.NextDouble(), Float = (float)random.NextDouble(),
        Bool = random.Next(2) == 0, Byte = (byte)random.Next(256), Decimal = (decimal)random.NextDouble(),
        Text = Rare(random) ? null! : Text(random, Rare(random)),
        MaybeText = random.Next(3) == 0 ? null : Text(random, Rare(random)),
        MaybeInt = random.Next(2) == 0 ? null : random.Next(),
        Ints = Enumerable.Range(0, random.Next(5)).Select(_ => random.Next()).ToArray(),
        Strings = Enumerable.Range(0, random.Next(4)).Select(_ => random.Next(10) == 0 ? null! : Text(random, Rare(random))).ToArray(),
        MaybeStrings = Enumerable.Range(0, random.Next(4)).Select(_ => random.Next(3) == 0 ? null : Text(random, Rare(random))).ToList(),
        Counts = Enumerable.Range(0, random.Next(4)).Select(_ => Text(random, Rare(random))).Distinct().ToDictionary(k => k, _ => random.Next()),
        Names = Enumerable.Range(0, random.Next(4)).Distinct().ToDictionary(k => k, _ => Text(random, Rare(random))),
        Inner = random.Next(3) == 0 ? null : new Inner { Name = Rare(random) ? null! : Text(random, Rare(random)), Weights = [1, 2] },
    };

    private static AllScalars RandomScalars(Random random)
    {
        AllScalars value = random.Next(2) == 0 ? Samples.ScalarsMax() : Samples.ScalarsOther();
        value.Char = Char(random);
        value.String = Rare(random) ? null! : Text(random, Rare(random));
        return value;
    }

    private static Collections RandomCollections(Random random)
    {
        Collections value = random.Next(3) switch { 0 => Samples.CollectionsFull(), 1 => Samples.CollectionsEmpty(true), _ => Samples.CollectionsEmpty(false) };
        value.Chars = Enumerable.Range(0, random.Next(6)).Select(_ => Char(random)).ToArray();
        value.Strings = Enumerable.Range(0, random.Next(4)).Select(_ => Text(random, Rare(random))).ToArray();
        value.StringList = Enumerable.Range(0, random.Next(4)).Select(_ => Text(random, Rare(random))).ToList();
        value.ByString = Enumerable.Range(0, random.Next(4)).Select(_ => Text(random, Rare(random))).Distinct().ToDictionary(k => k, _ => 1.5);
        value.InnerByName = new Dictionary<string, Inner> { [Text(random, Rare(random))] = Rare(random) ? null! : new Inner { Name = Text(random, Rare(random)) } };
        value.Inners = [new Inner(), Rare(random) ? null! : new Inner { Name = "x" }];
        if (Rare(random)) value.Ints = null!;
        if (random.Next(4) == 0) value.StringMatrix = new[,] { { Text(random, Rare(random)), "b" }, { "c", Text(random, Rare(random)) } };
        return value;
    }

    private static Hyper RandomHyper(Random random) => new(
        Dropout: Rare(random) ? 2 : random.NextDouble(),
        Layers: Rare(random) ? 0 : random.Next(1, 100),
        Optimizer: random.Next(20) switch { 0 => " ", 1 => null!, _ => Text(random, Rare(random)) });

    private static Experiment RandomExperiment(Random random) => new()
    {
        Name = Text(random, Rare(random)),
        Settings = Rare(random) ? null! : RandomHyper(random),
        Trials = Enumerable.Range(0, random.Next(4)).Select(_ => RandomHyper(random)).ToList(),
    };

    private static Chain RandomChain(Random random)
    {
        int models = random.Next(1, 70);
        var root = new Chain { Value = 0 };
        Chain c = root;
        for (int i = 1; i < models; i++) c = c.Child = new Chain { Value = i };
        if (Rare(random)) c.Child = root; // a cycle
        return root;
    }

    private static TreeNode RandomTree(Random random)
    {
        var root = new TreeNode { Id = 0 };
        TreeNode n = root;
        int depth = random.Next(0, 34);
        for (int i = 1; i <= depth; i++)
        {
            var child = new TreeNode { Id = i, Weights = [i] };
            n.Children.Add(child);
            if (random.Next(3) == 0) n.Children.Add(new TreeNode { Id = -i });
            n = child;
        }
        if (Rare(random)) n.Children.Add(root);
        if (Rare(random)) n.Children.Add(null!);
        if (Rare(random)) n.Weights = null!;
        return root;
    }

    private static Pipeline RandomPipeline(Random random)
    {
        Pipeline value = Samples.PipelineSample();
        value.Ops[0].Name = Text(random, Rare(random));
        if (Rare(random)) value.Ops.Add(new UndeclaredOp());
        if (Rare(random)) value.Ops.Add(null!);
        if (Rare(random)) value.Main = null;
        if (Rare(random)) value.Named["z"] = null!;
        return value;
    }

    private static LeafHolder RandomLeaves(Random random) => new()
    {
        Required = Rare(random) ? null! : new ScalarLeaf { A = random.Next(), D = random.Next(2) == 0 ? null : DateTime.UnixEpoch },
        Many = Enumerable.Range(0, random.Next(4)).Select(_ => random.Next(3) == 0 ? null : new ScalarLeaf { A = random.Next() }).ToList(),
        Chars = Enumerable.Range(0, random.Next(3)).Select(_ => new CharLeaf { C = Char(random) }).ToList(),
    };

    private static StructHolder RandomStructs(Random random) => new()
    {
        Point = new PointStruct { X = 1, Label = random.Next(2) == 0 ? null : Text(random, Rare(random)) },
        Pairs = [new PairRecordStruct(1, Rare(random) ? null! : Text(random, Rare(random)))],
        Record = Rare(random) ? default : new ReadOnlyRecordStruct(3, [1f]),
    };

    [Fact]
    public void The_strict_write_succeeds_exactly_when_the_check_accepts_and_writes_the_same_bytes()
    {
        var random = new Random(20261205);
        Func<Random, object>[] generators =
        [
            RandomMixed, RandomScalars, RandomCollections, RandomHyper, RandomExperiment, RandomChain, RandomTree,
            RandomPipeline, RandomLeaves, RandomStructs,
            _ => Samples.NullablesSet(), _ => new Nullables(), _ => Samples.NetworkSample(),
        ];
        for (int i = 0; i < 1500; i++) Same(generators[i % generators.Length](random));
        // Both sides of the property were exercised, many times each.
        Assert.True(_accepted > 2000, $"{_accepted} accepted");
        Assert.True(_refused > 500, $"{_refused} refused");
    }

    [Fact]
    public void Every_refusal_of_the_check_is_a_refusal_of_the_strict_write()
    {
        var cycle = new Chain { Value = 1 };
        cycle.Child = cycle;
        var deep = new Chain();
        Chain c = deep;
        for (int i = 0; i < 70; i++) c = c.Child = new Chain { Value = i };
        object[] refused =
        [
            new Mixed { Text = null! }, // null in a member that cannot be null
            new Mixed { Text = "a\uD800b" }, // unpaired surrogate in text
            new Mixed { Counts = new() { ["\uDC00"] = 1 } }, // ... in a map key
            new AllScalars { Char = '\uD83D' }, // a surrogate char
            new Collections { Chars = ['a', '\uDE00'] }, // ... among chars
            new Collections { StringMatrix = new[,] { { "a", "b\uD800" } } }, // ... in a rectangular array (the check used to miss it)
            new LeafHolder { Chars = [new CharLeaf { C = '\uDBFF' }] }, // ... in a model that is not scalars only
            new Hyper(Dropout: 2), // invalid hyperparameters at the root
            new Experiment { Trials = [new Hyper(), new Hyper(Layers: 0)] }, // ... nested
            new Experiment { Settings = null! },
            cycle, deep, // a cycle, nesting deeper than the limit
            new StructHolder(), // a null inside a struct member
            new Pipeline { Ops = [new UndeclaredOp()] }, // not a declared case of a union
        ];
        foreach (object value in refused) Same(value);
        Assert.Equal(0, _accepted);
    }

    [Fact]
    public void A_value_larger_than_the_first_span_is_written_as_before()
    {
        // 64 KiB of text: larger than the first span a stream's chunks give.
        var value = new Mixed { Text = new string('x', 200_000), Strings = ["a\uD800"] };
        Same(value);
        value.Strings = ["ok"];
        Same(value);
        byte[] bytes = ModelSerializer.Serialize(value);
        var stream = new System.IO.MemoryStream();
        ModelSerializer.Serialize(stream, value);
        Assert.Equal(bytes, stream.ToArray());
        Deep.Equal(value, ModelSerializer.Deserialize<Mixed>(bytes));
    }
}
