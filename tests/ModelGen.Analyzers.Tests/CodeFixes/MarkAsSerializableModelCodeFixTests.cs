using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using ModelGen.CodeFixes.Formatters;
using Xunit;
using Verify = ModelGen.Analyzers.Tests.Infrastructure.Verifier<ModelGen.Analyzers.Formatters.InsecureFormatterAnalyzer>;

namespace ModelGen.Analyzers.Tests.CodeFixes;

public sealed class MarkAsSerializableModelCodeFixTests
{
    [Fact]
    public Task The_read_type_and_the_types_of_its_members_become_partial_models() => Verify.FixAsync<MarkAsSerializableModelCodeFixProvider>("""
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Runtime.Serialization.Formatters.Binary;

        namespace Models
        {
            /// <summary>A trained classifier.</summary>
            public sealed class Classifier
            {
                public List<Layer> Layers { get; set; } = new();
                public Activation Activation { get; set; }
                public static Classifier Empty { get; } = new();
            }

            public class Layer
            {
                public float[] Weights = System.Array.Empty<float>();
                public Bias? Bias { get; set; }
                [System.NonSerialized] public float[]? Gradients;
                [NonSerialized, System.ComponentModel.Browsable(false)] private int _cacheVersion;
                public int CacheVersion => _cacheVersion;
            }

            public struct Bias
            {
                public float Value;
            }

            public enum Activation { Relu, Tanh }

            class Store
            {
                Classifier Load(Stream stream, BinaryFormatter formatter) => (Classifier){|MG1001:formatter.Deserialize(stream)|};
            }
        }
        """, """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Runtime.Serialization.Formatters.Binary;
        using ModelGen;

        namespace Models
        {
            /// <summary>A trained classifier.</summary>
            [SerializableModel]
            public sealed partial class Classifier
            {
                public List<Layer> Layers { get; set; } = new();
                public Activation Activation { get; set; }
                public static Classifier Empty { get; } = new();
            }

            [SerializableModel]
            public partial class Layer
            {
                public float[] Weights = System.Array.Empty<float>();
                public Bias? Bias { get; set; }
                [System.NonSerialized, ModelIgnore] public float[]? Gradients;
                [NonSerialized, ModelIgnore, System.ComponentModel.Browsable(false)] private int _cacheVersion;
                public int CacheVersion => _cacheVersion;
            }

            [SerializableModel]
            public partial struct Bias
            {
                public float Value;
                private KeptMembers _kept;
            }

            public enum Activation { Relu, Tanh }

            class Store
            {
                Classifier Load(Stream stream, BinaryFormatter formatter) => ModelSerializer.Deserialize<Classifier>(stream);
            }
        }
        """);

    [Fact]
    public Task A_nested_written_type_makes_its_containing_type_partial() => Verify.FixAsync<MarkAsSerializableModelCodeFixProvider>("""
        using System.IO;
        using System.Runtime.Serialization.Formatters.Binary;

        static class Training
        {
            [System.Obsolete("old")]
            internal record Checkpoint(int Epoch);

            static void Save(Stream stream, Checkpoint checkpoint) => {|MG1001:{|MG1001:new BinaryFormatter()|}.Serialize(stream, checkpoint)|};
        }
        """, """
        using System.IO;
        using System.Runtime.Serialization.Formatters.Binary;
        using ModelGen;

        static partial class Training
        {
            [SerializableModel]
            [System.Obsolete("old")]
            internal partial record Checkpoint(int Epoch);

            static void Save(Stream stream, Checkpoint checkpoint) => ModelSerializer.Serialize(stream, checkpoint);
        }
        """);

    // A positional record struct gets a body for its KeptMembers field; a readonly one cannot hold it (MG0023 then says
    // what to do) and is only marked.
    [Fact]
    public Task A_record_struct_gets_its_kept_members_field_and_a_readonly_one_does_not() => Verify.FixAsync<MarkAsSerializableModelCodeFixProvider>("""
        using System.IO;
        using System.Runtime.Serialization.Formatters.Binary;

        struct Run
        {
            public Step Last;
            public Stamp At;
        }

        record struct Step(int Index, float Loss);

        readonly record struct Stamp(long Ticks);

        class Store
        {
            void Save(Stream stream, Run run) => {|MG1001:{|MG1001:new BinaryFormatter()|}.Serialize(stream, run)|};
        }
        """, """
        using System.IO;
        using System.Runtime.Serialization.Formatters.Binary;
        using ModelGen;

        [SerializableModel]
        partial struct Run
        {
            public Step Last;
            public Stamp At;
            private KeptMembers _kept;
        }

        [SerializableModel]
        partial record struct Step(int Index, float Loss)
        {
            private KeptMembers _kept;
        }

        [SerializableModel]
        readonly partial record struct Stamp(long Ticks);

        class Store
        {
            void Save(Stream stream, Run run) => ModelSerializer.Serialize(stream, run);
        }
        """);

    private const string Store = """
        using System.IO;
        using System.Runtime.Serialization.Formatters.Binary;

        class Store
        {
            Weights Load(Stream stream, BinaryFormatter formatter) => (Weights){|MG1001:formatter.Deserialize(stream)|};
            void Save(Stream stream, BinaryFormatter formatter, Weights weights) => {|MG1001:formatter.Serialize(stream, weights)|};
            void SaveOptions(Stream stream, BinaryFormatter formatter, Options options) => {|MG1001:formatter.Serialize(stream, options)|};
        }
        """;

    [Fact]
    public Task One_fix_marks_one_type_and_fix_all_marks_each_type_once_across_documents()
    {
        var test = Verify.CodeFixTest<MarkAsSerializableModelCodeFixProvider>(
            [
                Store,
                """
                class Weights
                {
                    public float[] Values { get; set; } = System.Array.Empty<float>();
                }

                class Options
                {
                    public int Epochs { get; set; }
                }
                """,
            ],
            [
                """
                using System.IO;
                using System.Runtime.Serialization.Formatters.Binary;
                using ModelGen;

                class Store
                {
                    Weights Load(Stream stream, BinaryFormatter formatter) => ModelSerializer.Deserialize<Weights>(stream);
                    void Save(Stream stream, BinaryFormatter formatter, Weights weights) => {|MG1001:formatter.Serialize(stream, weights)|};
                    void SaveOptions(Stream stream, BinaryFormatter formatter, Options options) => ModelSerializer.Serialize(stream, options);
                }
                """,
                """
                using ModelGen;

                [SerializableModel]
                partial class Weights
                {
                    public float[] Values { get; set; } = System.Array.Empty<float>();
                }

                [SerializableModel]
                partial class Options
                {
                    public int Epochs { get; set; }
                }
                """,
            ]);
        // One fix per type that is not a model yet (Weights, then Options), each moving its own call. Save then
        // writes a model, which is the other fix's (UseModelSerializer).
        test.NumberOfIncrementalIterations = 2;

        // Fix-all (document, project and solution scope) marks both types in one pass, Weights once although two
        // calls write or read it, and moves every call.
        test.BatchFixedState.MarkupHandling = MarkupMode.Allow;
        test.BatchFixedState.Sources.Add(("/0/Test0.cs", """
            using System.IO;
            using System.Runtime.Serialization.Formatters.Binary;
            using ModelGen;

            class Store
            {
                Weights Load(Stream stream, BinaryFormatter formatter) => ModelSerializer.Deserialize<Weights>(stream);
                void Save(Stream stream, BinaryFormatter formatter, Weights weights) => ModelSerializer.Serialize(stream, weights);
                void SaveOptions(Stream stream, BinaryFormatter formatter, Options options) => ModelSerializer.Serialize(stream, options);
            }
            """));
        test.BatchFixedState.Sources.Add(("/0/Test1.cs", """
            using ModelGen;

            [SerializableModel]
            partial class Weights
            {
                public float[] Values { get; set; } = System.Array.Empty<float>();
            }

            [SerializableModel]
            partial class Options
            {
                public int Epochs { get; set; }
            }
            """));
        test.NumberOfFixAllIterations = 1;
        return test.RunAsync();
    }

    [Fact]
    public Task No_fix_for_types_outside_the_solution_or_without_ModelGen() => Verify.FixAsync<MarkAsSerializableModelCodeFixProvider>("""
        using System.Collections.Generic;
        using System.IO;
        using System.Runtime.Serialization.Formatters.Binary;

        class Store
        {
            Dictionary<string, float> Load(Stream stream, BinaryFormatter formatter) =>
                (Dictionary<string, float>){|MG1001:formatter.Deserialize(stream)|};
            void Save(Stream stream, BinaryFormatter formatter, object anything) => {|MG1001:formatter.Serialize(stream, anything)|};
        }
        """, """
        using System.Collections.Generic;
        using System.IO;
        using System.Runtime.Serialization.Formatters.Binary;

        class Store
        {
            Dictionary<string, float> Load(Stream stream, BinaryFormatter formatter) =>
                (Dictionary<string, float>){|MG1001:formatter.Deserialize(stream)|};
            void Save(Stream stream, BinaryFormatter formatter, object anything) => {|MG1001:formatter.Serialize(stream, anything)|};
        }
        """);
}
