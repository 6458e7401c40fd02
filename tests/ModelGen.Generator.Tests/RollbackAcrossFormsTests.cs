using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace ModelGen.Generator.Tests;

/// <summary>Rollbacks through every pair of forms (read in one, save in another), for what the evolution fuzzer does
/// not draw: newer members of models held in lists, maps and union cases, three versions with a migration hook in
/// each, and a newer enum member or union case inside a list. Nothing a newer build wrote may come back as a
/// default: it is kept, or the read fails with a <see cref="ModelFormatException"/>.</summary>
public class RollbackAcrossFormsTests
{
    private static readonly string[] Forms = ["binary", "binary2", "json", "dictionary"];

    private static IEnumerable<(string Read, string Save)> FormPairs() =>
        from read in Forms from save in Forms select (read, save);

    private const string NestedV1 = """
        public enum Act { Relu, Tanh }
        [SerializableModel] public partial class Part { public string Label { get; set; } = ""; }
        [SerializableModel, ModelUnion("dense", typeof(Dense))] public abstract partial class Layer { }
        [SerializableModel] public partial class Dense : Layer { public int Units { get; set; } }
        [SerializableModel] public partial record Model
        {
            public List<Part> Parts { get; init; } = new();
            public Dictionary<string, Part> ByName { get; init; } = new();
            public Layer? Layer { get; set; }
            public List<Layer> Layers { get; init; } = new();
        }
        public static class Samples { public static object Sample() => new Model(); }
        """;

    private const string NestedV2 = """
        public enum Act { Relu, Tanh }
        [SerializableModel(Version = 2)] public partial class Part { public string Label { get; set; } = ""; public double Weight { get; set; } = 1; }
        [SerializableModel(Version = 2), ModelUnion("dense", typeof(Dense))] public abstract partial class Layer { }
        [SerializableModel(Version = 2)] public partial class Dense : Layer { public int Units { get; set; } public Act Act { get; set; } = Act.Tanh; public float[]? Bias { get; set; } = [1f]; }
        [SerializableModel(Version = 2)] public partial record Model
        {
            public List<Part> Parts { get; init; } = new();
            public Dictionary<string, Part> ByName { get; init; } = new();
            public Layer? Layer { get; set; }
            public List<Layer> Layers { get; init; } = new();
        }
        public static class Samples
        {
            public static object Sample() => new Model
            {
                Parts = { new Part { Label = "p", Weight = 0.25 } },
                ByName = { ["k"] = new Part { Label = "q", Weight = 0 } },
                Layer = new Dense { Units = 4, Act = Act.Relu, Bias = null },
                Layers = { new Dense { Units = 5, Act = Act.Relu, Bias = [-0f, 2f] } },
            };
        }
        """;

    [Fact]
    public void Newer_members_of_models_in_lists_maps_and_union_cases_survive_every_pair_of_forms()
    {
        // The newer values differ from the newer build's initializers (Weight 0, Act Relu, Bias null and [-0, 2]):
        // a member dropped by the older build would come back as its initializer, and the JSON would differ.
        RollBackThroughEveryPair(NestedV1, NestedV2);
    }

    // A struct keeps members of newer versions through a KeptMembers field it declares (the generator cannot add one).
    private const string StructV1 = """
        [SerializableModel] public partial struct Range { public double Min { get; set; } private KeptMembers _kept; }
        [SerializableModel] public partial record struct Pair(int A) { private KeptMembers _kept; }
        [SerializableModel] public partial record Model
        {
            public Range Root { get; init; }
            public List<Range> Ranges { get; init; } = new();
            public Pair? Pair { get; init; }
        }
        public static class Samples { public static object Sample() => new Model(); }
        """;

    private const string StructV2 = """
        [SerializableModel(Version = 2)] public partial struct Range { public Range() { } public double Min { get; set; } public double Max { get; set; } = 1; private KeptMembers _kept; }
        [SerializableModel(Version = 3)] public partial record struct Pair(int A, string B = "b") { private KeptMembers _kept; }
        [SerializableModel] public partial record Model
        {
            public Range Root { get; init; }
            public List<Range> Ranges { get; init; } = new();
            public Pair? Pair { get; init; }
        }
        public static class Samples
        {
            public static object Sample() => new Model
            {
                Root = new Range { Min = -1, Max = 0 },
                Ranges = { new Range { Min = 2, Max = 3.5 } },
                Pair = new Pair(7, "newer"),
            };
        }
        """;

    [Fact]
    public void Newer_members_of_structs_that_declare_kept_members_survive_every_pair_of_forms()
    {
        // Max 0 and 3.5 and B "newer" differ from the newer build's initializers and defaults: a member the older
        // build dropped would come back as one of them, and the struct's version 1 would run no hook but show here.
        RollBackThroughEveryPair(StructV1, StructV2);
    }

    // The newer build's sample read by the older build in one form and saved in another: the newer build reads back
    // what it wrote, member for member.
    private static void RollBackThroughEveryPair(string olderSource, string newerSource)
    {
        var v1 = new ModelVersion(olderSource);
        var v2 = new ModelVersion(newerSource);
        string expected = v2.Json(v2.Sample());
        foreach (var (read, save) in FormPairs())
        {
            object older = v1.Read(v2.Write(v2.Sample(), read), read);
            object back = v2.Read(v1.Write(older, save), save);
            Assert.True(expected == v2.Json(back), $"read {read}, saved {save}:\n{expected}\n{v2.Json(back)}");
        }
    }

    private const string MigratingV1 = """
        [SerializableModel] public partial class Model { public float LearningRate { get; set; } }
        public static class Samples { public static object Sample() => new Model { LearningRate = 0.25f }; }
        """;

    // Each newer version counts the runs of its hook in the data itself ("hooks"): a hook that ran twice on the same
    // data shows there, and so does a value a second run reset.
    private const string MigratingV2 = """
        [SerializableModel(Version = 2)] public partial class Model
        {
            public float LearningRateMs { get; set; }
            public int Extra { get; set; } = 5;
            public int Hooks { get; set; }
            [ModelMigration]
            private static void Upgrade(ModelMigration migration)
            {
                migration.Set("hooks", migration.TryGet<int>("hooks", out int runs) ? runs + 1 : 1);
                if (migration.FromVersion < 2) migration.Set("learningRateMs", migration.Get<float>("learningRate") * 1000f);
            }
        }
        public static class Samples { public static object Sample() => new Model(); }
        """;

    private const string MigratingV3 = """
        [SerializableModel(Version = 3)] public partial class Model
        {
            public float LearningRateMs { get; set; }
            public int Extra { get; set; } = 5;
            public double Momentum { get; set; } = 0.9;
            public int Hooks { get; set; }
            [ModelMigration]
            private static void Upgrade(ModelMigration migration)
            {
                migration.Set("hooks", migration.TryGet<int>("hooks", out int runs) ? runs + 1 : 1);
                if (migration.FromVersion < 2) migration.Set("learningRateMs", migration.Get<float>("learningRate") * 1000f);
                if (migration.FromVersion < 3) migration.Set("momentum", 0.5);
            }
        }
        public static class Samples { public static object Sample() => new Model { LearningRateMs = 700, Extra = 8, Momentum = 0.7 }; }
        """;

    [Fact]
    public void Migrations_run_once_across_three_versions_and_every_pair_of_forms()
    {
        var v1 = new ModelVersion(MigratingV1);
        var v2 = new ModelVersion(MigratingV2);
        var v3 = new ModelVersion(MigratingV3);
        foreach (var (read, save) in FormPairs())
        {
            string path = $"read {read}, saved {save}";
            // Version-1 data read by version 3 (one migration), saved and read again by version 3 (none).
            object upgraded = v3.Read(v3.Write(v3.Read(v1.Write(v1.Sample(), read), read), save), save);
            Assert.True((250f, 0.5, 1) == ((float)ModelVersion.Get(upgraded, "LearningRateMs")!, (double)ModelVersion.Get(upgraded, "Momentum")!, (int)ModelVersion.Get(upgraded, "Hooks")!), path);

            // Version-3 data read by version 2 (which keeps momentum), saved, read by version 3: no hook runs.
            object older = v2.Read(v3.Write(v3.Sample(), read), read);
            Assert.Equal(0, ModelVersion.Get(older, "Hooks"));
            object back = v3.Read(v2.Write(older, save), save);
            Assert.True((700f, 8, 0.7, 0) == ((float)ModelVersion.Get(back, "LearningRateMs")!, (int)ModelVersion.Get(back, "Extra")!, (double)ModelVersion.Get(back, "Momentum")!, (int)ModelVersion.Get(back, "Hooks")!), path);
        }
    }

    private const string OpenV1 = """
        public enum Act { Relu, Tanh }
        [SerializableModel, ModelUnion("dense", typeof(Dense))] public abstract partial class Layer { }
        [SerializableModel] public partial class Dense : Layer { public int Units { get; set; } }
        [SerializableModel] public partial class Model { public Act Act { get; set; } public List<Act> Acts { get; set; } = new(); public List<Layer> Layers { get; set; } = new(); }
        public static class Samples { public static object Sample() => new Model(); }
        """;

    private const string OpenV2 = """
        public enum Act { Relu, Tanh, Gelu }
        [SerializableModel(Version = 2), ModelUnion("dense", typeof(Dense)), ModelUnion("conv", typeof(Conv))] public abstract partial class Layer { }
        [SerializableModel] public partial class Dense : Layer { public int Units { get; set; } }
        [SerializableModel] public partial class Conv : Layer { public int Kernel { get; set; } }
        [SerializableModel(Version = 2)] public partial class Model { public Act Act { get; set; } public List<Act> Acts { get; set; } = new(); public List<Layer> Layers { get; set; } = new(); }
        public static class Samples
        {
            public static object Enum() => new Model { Act = Act.Gelu, Layers = { new Dense { Units = 3 } } };
            public static object EnumInList() => new Model { Acts = { Act.Tanh, Act.Gelu }, Layers = { new Dense { Units = 3 } } };
            public static object CaseInList() => new Model { Layers = { new Dense { Units = 1 }, new Conv { Kernel = 3 } } };
        }
        """;

    [Theory]
    [InlineData("Enum", "binary", "act")]
    [InlineData("EnumInList", "binary", "acts[1]")]
    [InlineData("CaseInList", null, "layers[1]")]
    public void A_newer_enum_member_or_union_case_comes_back_or_fails_the_read_naming_it(string sample, string? keptIn, string path)
    {
        var v1 = new ModelVersion(OpenV1);
        var v2 = new ModelVersion(OpenV2);
        string expected = v2.Json(v2.Make(sample));
        foreach (var (read, save) in FormPairs())
        {
            object data = v2.Write(v2.Make(sample), read);
            if (keptIn is null || !read.StartsWith(keptIn, StringComparison.Ordinal))
            {
                // JSON and dictionaries name an enum member, which the older build cannot; no form can make a case of
                // a union tag the older build does not have. The read fails, naming where.
                var error = Assert.Throws<ModelFormatException>(() => v1.Read(data, read));
                Assert.Contains(path, error.Message, StringComparison.Ordinal);
                continue;
            }
            // Binary stores an enum member's number: the older build keeps it and writes it back in every form.
            object back = v2.Read(v1.Write(v1.Read(data, read), save), save);
            Assert.True(expected == v2.Json(back), $"read {read}, saved {save}:\n{expected}\n{v2.Json(back)}");
        }
    }
}
