using System;
using System.Collections.Generic;

namespace ModelGen.Tests;

/// <summary>Sample values of the test models.</summary>
public static class Samples
{
    public static AllScalars ScalarsMax() => new()
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
        Guid = new Guid("0f8fad5b-d9cb-469f-a165-70867728950e"),
        DateTime = new DateTime(2024, 2, 29, 23, 59, 58, 123, DateTimeKind.Utc).AddTicks(4567),
        DateTimeOffset = new DateTimeOffset(2023, 12, 31, 1, 2, 3, TimeSpan.FromMinutes(-330)).AddTicks(1),
        TimeSpan = TimeSpan.FromDays(-3.25).Add(TimeSpan.FromTicks(7)),
    };

    public static AllScalars ScalarsOther() => new()
    {
        Bool = false,
        Byte = 0,
        SByte = sbyte.MaxValue,
        Short = short.MaxValue,
        UShort = 0,
        Int = int.MaxValue,
        UInt = 0,
        Long = long.MaxValue,
        ULong = 12345678901234567890UL,
        Char = 'x',
        Float = -1.5e-30f,
        Double = -123456.789e100,
        NInt = nint.MaxValue,
        NUInt = 0,
        Half = (Half)(-0.333f),
        Decimal = -12345.6700m,
        String = "",
        Color = (Color)42, // a value without a name
        Level = Level.Low,
        Big = Big.Max,
        Guid = Guid.Empty,
        DateTime = new DateTime(1999, 1, 2, 3, 4, 5, DateTimeKind.Unspecified).AddTicks(9),
        DateTimeOffset = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.FromHours(14)),
        TimeSpan = TimeSpan.MaxValue,
    };

    public static Nullables NullablesSet() => new()
    {
        Int = -5,
        Double = 2.5,
        Bool = false,
        Decimal = 0.001m,
        Guid = new Guid("11111111-2222-3333-4444-555555555555"),
        Color = Color.Green,
        DateTime = new DateTime(2020, 5, 6, 7, 8, 9, DateTimeKind.Utc),
        TimeSpan = TimeSpan.FromMilliseconds(1500),
        String = "present",
        Ints = [1, -2, 3],
        Strings = ["a", null, "c"],
        Inner = new Inner { Name = "inner", Weights = [0.5f] },
        NullableInts = [1, null, 3],
    };

    public static Collections CollectionsFull()
    {
        var matrix = new float[2, 3];
        for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) matrix[i, j] = i * 10 + j + 0.25f;
        var cube = new double[2, 3, 4];
        for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 4; k++) cube[i, j, k] = i * 100 + j * 10 + k - 0.5;
        var guidCube = new Guid[1, 2, 1];
        guidCube[0, 1, 0] = new Guid("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
        return new Collections
        {
            Ints = [1, -1, int.MaxValue, int.MinValue, 0],
            Floats = [0.1f, -2.5f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.Epsilon],
            Doubles = [Math.PI, double.NaN, -0.0, double.MaxValue],
            Bytes = [0, 1, 127, 128, 255],
            Bools = [true, false, true],
            Chars = ['a', '\u00e9', '\u4e16'],
            Halves = [(Half)1.5f, Half.MinValue, Half.NaN],
            ULongs = [0, ulong.MaxValue, 42],
            Shorts = [short.MinValue, 0, short.MaxValue],
            Strings = ["one", "", "three \ud83d\ude00"],
            Decimals = [1.10m, -0.5m, decimal.MinValue],
            Colors = [Color.Red, Color.Blue, (Color)7],
            Inners = [new Inner { Name = "a", Weights = [1f, 2f] }, new Inner { Name = "b" }],
            Jagged = [[1, 2, 3], [], [4]],
            JaggedStrings = [["x"], [], ["y", "z"]],
            Matrix = matrix,
            StringMatrix = new[,] { { "a", "b" }, { "c", "d" }, { "e", "f" } },
            Cube = cube,
            InnerMatrix = new[,] { { new Inner { Name = "m00" }, new Inner { Name = "m01", Weights = [3f] } } },
            GuidCube = guidCube,
            IntList = [5, 6, 7],
            StringList = ["l1", "l2"],
            InnerList = [new Inner { Name = "li", Weights = [9f, 8f, 7f] }],
            DoubleReadOnlyList = [1.5, -2.5],
            StringReadOnlyList = new List<string> { "r1", "r2", "r3" },
            ByString = new() { ["accuracy"] = 0.75, ["loss"] = 1.25, [""] = 0 },
            ByInt = new() { [1] = "one", [-7] = "minus seven", [int.MaxValue] = "max" },
            ByLong = new() { [long.MinValue] = [1f, 2f], [0] = [] },
            ByEnum = new() { [Color.Red] = 1, [Color.Blue] = 3, [(Color)9] = 9 },
            InnerByName = new Dictionary<string, Inner> { ["first"] = new Inner { Name = "f", Weights = [0.5f] } },
            ListsByInt = new Dictionary<int, List<string>> { [3] = ["x", "y"], [4] = [] },
            ByByteEnum = new Dictionary<Level, double> { [Level.Low] = 0.5, [Level.High] = 200 },
            FloatMemory = new float[] { 1f, 2f, 3f, 4f }.AsMemory(1, 2),
            IntMemory = new[] { 10, 20, 30 },
            ByteMemory = new byte[] { 9, 8, 7 },
            DoubleMemory = new[] { 0.125 },
        };
    }

    /// <summary>Every collection empty, including rectangular arrays with zero-length dimensions.</summary>
    /// <remarks>With <paramref name="dimensionsAfterZero"/>, some arrays have a non-zero length after a zero one
    /// (float[0, 5]): binary stores the shape, JSON and plain values write it as {"$shape": [0, 5]}.</remarks>
    public static Collections CollectionsEmpty(bool dimensionsAfterZero) => new()
    {
        Matrix = dimensionsAfterZero ? new float[0, 5] : new float[0, 0],
        StringMatrix = new string[3, 0],
        Cube = dimensionsAfterZero ? new double[2, 0, 3] : new double[2, 0, 0],
        InnerMatrix = dimensionsAfterZero ? new Inner[0, 2] : new Inner[0, 0],
        GuidCube = new Guid[0, 0, 0],
        Jagged = [[]],
        JaggedStrings = [],
    };

    public static Network NetworkSample() => new()
    {
        Name = "mlp",
        Layers =
        [
            new Layer(2, 3, [1, 2, 3, 4, 5, 6], [0.1f, 0.2f, 0.3f]),
            new Layer(3, 1, [7, 8, 9], [0.4f]),
            new Layer(1, 1, [float.MinValue], [0]),
        ],
        Head = new Layer(1, 1, [1], [1]),
        Metrics = new() { ["accuracy"] = 0.9 },
    };

    public static Pipeline PipelineSample() => new()
    {
        Ops =
        [
            new DenseOp { Name = "d1", Units = 4, Weights = [1, 2] },
            new ConvOp { Name = "c1", Kernel = 3, Shape = new[,] { { 1, 2 }, { 3, 4 } } },
            new DropoutOp { Name = "drop", Rate = 0.5 },
            new DenseOp { Name = "d2", Units = 1 },
        ],
        Main = new ConvOp { Name = "main", Kernel = 5 },
        Named = new() { ["x"] = new DropoutOp { Name = "x", Rate = 0.1 }, ["y"] = new DenseOp { Name = "y" } },
    };
}
