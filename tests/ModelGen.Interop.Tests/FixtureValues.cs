using System;
using System.Collections.Generic;
using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Linq;

namespace ModelGen.Interop.Tests;

/// <summary>The values written as fixtures: every member type, extremes and special values.</summary>
public static class FixtureValues
{
    public static Scalars ScalarsMax() => new()
    {
        Bool = true,
        Byte = byte.MaxValue,
        SByte = sbyte.MinValue,
        Short = short.MinValue,
        UShort = ushort.MaxValue,
        Int = int.MinValue,
        UInt = uint.MaxValue,
        Long = long.MinValue,
        ULong = ulong.MaxValue,
        Char = '\u00e9',
        Float = float.MaxValue,
        Double = double.Epsilon,
        NInt = nint.MinValue,
        NUInt = nuint.MaxValue,
        Half = Half.MaxValue,
        Decimal = decimal.MaxValue,
        String = "h\u00e9llo \u4e16\u754c \ud83d\ude00 \"quoted\" \\ \n\t\0",
        Color = Color.Blue,
        Level = Level.High,
        Big = Big.Min,
        Huge = Huge.Top,
        Guid = new Guid("0f8fad5b-d9cb-469f-a165-70867728950e"),
        DateTime = new DateTime(2024, 2, 29, 23, 59, 58, 123, DateTimeKind.Utc).AddTicks(4567),
        DateTimeOffset = new DateTimeOffset(2023, 12, 31, 1, 2, 3, TimeSpan.FromMinutes(-330)).AddTicks(1),
        TimeSpan = TimeSpan.FromDays(-3.25).Add(TimeSpan.FromTicks(7)),
    };

    public static Scalars ScalarsOther() => new()
    {
        Bool = false,
        SByte = sbyte.MaxValue,
        Short = short.MaxValue,
        Int = int.MaxValue,
        Long = long.MaxValue,
        ULong = 12345678901234567890UL,
        Char = 'x',
        Float = -1.5e-30f,
        Double = -123456.789e100,
        NInt = nint.MaxValue,
        Half = (Half)(-0.333f),
        Decimal = -12345.6700m,
        String = "",
        Color = (Color)42, // a value without a name: a number in JSON
        Level = Level.Low,
        Big = Big.Max,
        Huge = Huge.Zero,
        Guid = Guid.Empty,
        DateTime = new DateTime(1999, 1, 2, 3, 4, 5, DateTimeKind.Unspecified).AddTicks(9),
        DateTimeOffset = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.FromMinutes(14 * 60)),
        TimeSpan = TimeSpan.MaxValue,
    };

    /// <summary>Floats that only bit-exact comparison catches: NaN, infinities, negative zero, subnormals.</summary>
    public static Scalars ScalarsSpecial() => new()
    {
        Float = float.Epsilon,
        Double = -0.0,
        Half = Half.NegativeZero,
        Decimal = 0.0000000000000000000000000001m,
        DateTime = DateTime.MinValue,
        DateTimeOffset = DateTimeOffset.MinValue,
        TimeSpan = TimeSpan.MinValue,
        Char = '\uffff',
        String = "\u0001\u007f\u0080\u07ff\u0800\uffff",
    };

    public static Scalars ScalarsNaN() => new() { Float = float.NaN, Double = double.NegativeInfinity, Half = Half.PositiveInfinity };

    /// <summary>NaNs other than .NET's own, which JSON writes with their bits ("NaN:…", docs/format.md §4): Python's
    /// positive NaN as a float, R's NA as a double, a positive signaling Half NaN with a payload (stored as the float
    /// 7fa02000, its quiet bit clear: the Python reader and writer keep it).</summary>
    public static Scalars ScalarsNaNBits() => new()
    {
        Float = BitConverter.UInt32BitsToSingle(0x7FC0_0000),
        Double = BitConverter.UInt64BitsToDouble(0x7FF0_0000_0000_07A2),
        Half = BitConverter.UInt16BitsToHalf(0x7D01),
    };

    public static Nullables NullablesSet() => new()
    {
        Int = -7,
        Double = 0.1,
        Float = 0.1f,
        Bool = true,
        Decimal = 1.50m,
        Guid = new Guid("00112233-4455-6677-8899-aabbccddeeff"),
        Color = Color.Green,
        DateTime = new DateTime(2020, 5, 6, 7, 8, 9, DateTimeKind.Utc),
        DateTimeOffset = new DateTimeOffset(2020, 5, 6, 7, 8, 9, 10, TimeSpan.FromHours(2)),
        TimeSpan = TimeSpan.FromMilliseconds(1500),
        Half = (Half)1.5f,
        Char = 'Z',
        String = "set",
        Ints = [1, -2, 3],
        Strings = ["a", null, "c"],
        Inner = new Inner { Name = "in", Weights = [0.5f, -0.25f] },
        NullableInts = [1, null, -3],
        MaybeInners = new() { ["some"] = new Inner { Name = "x" }, ["none"] = null },
    };

    public static Nullables NullablesEmpty() => new();

    public static Collections CollectionsFull()
    {
        var matrix = new float[2, 3] { { 1.5f, -2f, 0.1f }, { float.MaxValue, float.MinValue, -0f } };
        var cube = new double[2, 2, 3];
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++)
                for (int k = 0; k < 3; k++) cube[i, j, k] = i * 100 + j * 10 + k + 0.125;
        return new Collections
        {
            Bools = [true, false, true],
            Bytes = [0, 1, 127, 128, 255],
            SBytes = [sbyte.MinValue, -1, 0, sbyte.MaxValue],
            Shorts = [short.MinValue, 0, short.MaxValue],
            UShorts = [0, ushort.MaxValue],
            Ints = [int.MinValue, -1, 0, 1, int.MaxValue],
            UInts = [0, uint.MaxValue],
            Longs = [long.MinValue, 0, long.MaxValue],
            ULongs = [0, 1UL << 63, ulong.MaxValue],
            Floats = [0.1f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, float.Epsilon, 3.4028235e38f],
            Doubles = [0.1, double.NaN, double.Epsilon, -0.0, 1e308, Math.PI],
            Chars = ['a', '\u00e9', '\u4e16', '\0'],
            Halves = [(Half)0.1f, Half.MaxValue, Half.Epsilon, Half.NegativeInfinity, Half.NaN],
            Strings = ["one", "", "\u00fcnic\u00f6de \ud83d\ude00"],
            Decimals = [0m, -1.5m, 79228162514264337593543950335m, 0.0000000000000000000000000001m, 100.000m],
            Guids = [Guid.Empty, new Guid("0f8fad5b-d9cb-469f-a165-70867728950e")],
            Dates = [new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc).AddTicks(1234567), DateTime.MaxValue],
            Spans = [TimeSpan.Zero, TimeSpan.FromTicks(-1), TimeSpan.FromHours(25.5)],
            Colors = [Color.Red, Color.Blue, (Color)7],
            Inners = [new Inner { Name = "a", Weights = [1f] }, new Inner { Name = "b" }],
            Jagged = [[1, 2], [], [3]],
            JaggedStrings = [["x"], ["y", "z"]],
            Jagged3 = [[[1f, 2f], []], [[3f]]],
            Matrix = matrix,
            EmptyMatrix = new int[0, 3],
            BoolMatrix = new bool[2, 2] { { true, false }, { false, true } },
            StringMatrix = new string[2, 2] { { "a", "b" }, { "c", "d" } },
            Cube = cube,
            InnerMatrix = new Inner[1, 2] { { new Inner { Name = "m0" }, new Inner { Name = "m1", Weights = [2f] } } },
            GuidCube = new Guid[1, 1, 2] { { { Guid.Empty, new Guid("00112233-4455-6677-8899-aabbccddeeff") } } },
            IntList = [5, 6, 7],
            StringList = ["p", "q"],
            InnerList = [new Inner { Name = "l" }],
            ListOfLists = [[1.0, 2.0], []],
            DoubleReadOnlyList = [1.25, -0.5],
            StringReadOnlyList = ["ro"],
            ByString = new() { ["alpha"] = 0.1, ["beta"] = -2 },
            ByInt = new() { [-1] = "minus one", [42] = "answer" },
            ByLong = new() { [long.MaxValue] = [1f, 2f], [0] = [] },
            ByEnum = new() { [Color.Green] = 1, [Color.Blue] = 2 },
            ByChar = new() { ['y'] = true, ['n'] = false },
            ByGuid = new() { [new Guid("0f8fad5b-d9cb-469f-a165-70867728950e")] = "g" },
            ByULong = new() { [ulong.MaxValue] = "max" },
            InnerByName = new Dictionary<string, Inner> { ["first"] = new Inner { Name = "f", Weights = [0.5f] } },
            ListsByInt = new Dictionary<int, List<string>> { [1] = ["one"], [2] = [] },
            NestedMaps = new() { ["outer"] = new() { ["inner"] = 1 } },
            FloatMemory = new float[] { 1f, 2f, 3f },
            IntMemory = new int[] { -1, -2 },
            ByteMemory = new byte[] { 9, 8, 7 },
            DoubleMemory = new double[] { 0.5 },
            HalfMemory = new Half[] { (Half)2f },
        };
    }

    public static Collections CollectionsEmpty() => new();

    public static Network Network()
    {
        Layer MakeLayer(int inputs, int outputs, int seed)
        {
            var w = new float[outputs, inputs];
            for (int i = 0; i < outputs; i++)
                for (int j = 0; j < inputs; j++) w[i, j] = (float)Math.Sin(seed + i * inputs + j);
            return new Layer { Inputs = inputs, Outputs = outputs, Weights = w, Biases = Enumerable.Range(0, outputs).Select(i => i * 0.1f).ToArray() };
        }
        return new Network
        {
            Name = "mlp",
            Layers = [MakeLayer(4, 3, 1), MakeLayer(3, 2, 2)],
            Head = MakeLayer(2, 1, 3),
            Metrics = new() { ["loss"] = 0.0123, ["accuracy"] = 0.987 },
            Optimizer = new Optimizer { LearningRate = 3e-4, Betas = [0.9, 0.999] },
        };
    }

    public static Pipeline Pipeline() => new()
    {
        Ops =
        [
            new DenseOp { Name = "fc1", Units = 3, Weights = [0.5f, -1f] },
            new ConvOp { Name = "conv", Kernel = 3, Shape = new int[2, 2] { { 1, 2 }, { 3, 4 } } },
            new DropoutOp { Name = "drop", Rate = 0.25 },
        ],
        Main = new DropoutOp { Name = "main", Rate = 0.5 },
        Named = new() { ["d"] = new DenseOp { Name = "named", Units = 1 } },
        Sparse = [null, new ConvOp { Name = "sparse" }],
    };

    public static BigVector MillionFloats()
    {
        var values = new float[1_000_000];
        uint x = 12345;
        for (int i = 0; i < values.Length; i++)
        {
            x = x * 1664525 + 1013904223;
            values[i] = (x >> 8) / 16777216f * 2 - 1;
        }
        values[17] = float.NaN;
        values[18] = -0f;
        return new BigVector { Label = "a million floats", Values = values };
    }

    public static Point Point() => new(1.5, -2.25, "p");

    public static RenamedV1 RenamedV1() => new() { LearningRate = 0.01, Tags = ["old", "names"] };

    public static Chain Chain(int depth)
    {
        var root = new Chain { Value = 0, Points = [new Point(0, 0)] };
        Chain current = root;
        for (int i = 1; i < depth; i++)
        {
            current.Child = new Chain { Value = i };
            current = current.Child;
        }
        return root;
    }
    /// <summary>Extremes of the .NET 6+ scalar types: the ends of every range, a BigInteger of 1 000 digits, NaN and −0 in
    /// a Complex, relative and absolute URIs, versions of 2 to 4 components.</summary>
    public static ValueTypes ValueTypesMax() => new()
    {
        Date = DateOnly.MaxValue,
        Time = TimeOnly.MaxValue,
        Int128 = Int128.MinValue,
        UInt128 = UInt128.MaxValue,
        Big = -System.Numerics.BigInteger.Pow(10, 1000) + 1,
        Complex = new System.Numerics.Complex(double.NaN, -0.0),
        Uri = new Uri("https://example.com/a%20b?q=\u00e9#frag"),
        Version = new Version(1, 2, 3, 4),
        MaybeDate = DateOnly.MinValue,
        MaybeInt128 = Int128.MaxValue,
        Dates = [DateOnly.MinValue, new DateOnly(2024, 2, 29), DateOnly.MaxValue],
        Times = [TimeOnly.MinValue, new TimeOnly(13, 45, 7).Add(TimeSpan.FromTicks(1234567)), TimeOnly.MaxValue],
        Bigs = [System.Numerics.BigInteger.Zero, System.Numerics.BigInteger.MinusOne, System.Numerics.BigInteger.Pow(2, 200), 127, 128, -128, -129],
        Signal = [System.Numerics.Complex.ImaginaryOne, new System.Numerics.Complex(double.PositiveInfinity, double.NegativeInfinity), new System.Numerics.Complex(0.1, -1e-300)],
        Uris = [new Uri("relative/path?x=1", UriKind.Relative), null, new Uri("file:///tmp/x.mgen")],
        ByDate = { [new DateOnly(2026, 12, 25)] = 1.5, [DateOnly.MinValue] = -2 },
        ByTime = { [new TimeOnly(0, 0)] = 0, [new TimeOnly(23, 59, 59, 999)] = 1 },
        ByHash = { [UInt128.MaxValue] = "max", [0] = "zero" },
        ByBig = { [System.Numerics.BigInteger.Pow(3, 100)] = new Version(2, 0), [-1] = new Version(0, 1, 2) },
        ByVersion = { [new Version(10, 0, 1)] = new Uri("../up", UriKind.Relative) },
        Int128Matrix = new Int128[,] { { Int128.MinValue, 0 }, { 1, Int128.MaxValue } },
        Kernel = Kernel4(),
        Rank8 = new string?[1, 1, 1, 1, 1, 1, 2, 1] { { { { { { { { "a" }, { null } } } } } } } },
        EmptyVolume = new double[2, 0, 3, 1, 4],
    };

    private static float[,,,] Kernel4()
    {
        var k = new float[2, 3, 2, 2];
        int i = 0;
        for (int a = 0; a < 2; a++) for (int b = 0; b < 3; b++) for (int c = 0; c < 2; c++) for (int d = 0; d < 2; d++) k[a, b, c, d] = i++ * 0.5f - 3;
        return k;
    }

    /// <summary>Tuples of every shape the Python reader decodes: nested models and arrays in a tuple, null items, tuple
    /// keys of ints and of strings (quotes and non-ASCII in the key text).</summary>
    public static Tuples Tuples() => new()
    {
        Cell = (3, 4),
        Named = ("ada", 0.25f),
        Seven = (-1, long.MaxValue, -0.5, null, true, new Guid("00112233-4455-6677-8899-aabbccddeeff"), new DateOnly(2026, 12, 5)),
        Entry = new("lr", 0.001),
        Items = [(1, "one"), (2, null)],
        QTable = { [(0, 1)] = 0.5, [(3, 4)] = -1.25, [(-7, 0)] = 0 },
        ByNameAndId = { [("en", 2)] = 1f, [("a \"quoted\" é", -1)] = 2f },
        Tagged = { ["x"] = (new Inner { Name = "in", Weights = [1.5f] }, [1, 2]) },
        Pairs = [new("a", 1), new("b", 2)],
    };

    /// <summary>The stack was pushed 1, 2, 3: it is written top first (3, 2, 1), the order it pops.</summary>
    public static CollectionKinds CollectionKinds()
    {
        var undo = new Stack<int>();
        foreach (int i in new[] { 1, 2, 3 }) undo.Push(i);
        return new CollectionKinds
        {
            StopWords = ["the", "a", "of"],
            SortedIds = [30, -1, 7],
            Colors = new HashSet<Color> { Color.Blue, Color.Red },
            Undo = undo,
            Pending = new Queue<Inner>([new Inner { Name = "first", Weights = [1f] }, new Inner { Name = "second" }]),
            Chain = new LinkedList<double>([0.5, -2.25]),
            Names = ["x", "y"],
            Counts = new Dictionary<string, int> { ["cat"] = 3 },
            Vocabulary = new SortedDictionary<int, string> { [2] = "two", [1] = "one" },
            Embedding = [0.25f, -1.5f, 3f],
            Embeddings = new Dictionary<string, System.Collections.Immutable.ImmutableArray<float>> { ["king"] = [1f, 2f] }
                .ToImmutableDictionary(),
            Seen = new long[] { 1L << 40, -3 }.ToFrozenSet(),
            NestedSets = [[1, 2], []],
        };
    }
}
