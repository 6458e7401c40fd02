using System.Threading.Tasks;
using ModelGen.CodeFixes.Formatters;
using Xunit;
using Verify = ModelGen.Analyzers.Tests.Infrastructure.Verifier<ModelGen.Analyzers.Formatters.InsecureFormatterAnalyzer>;

namespace ModelGen.Analyzers.Tests.CodeFixes;

public sealed class UseModelSerializerCodeFixTests
{
    /// <summary>A model as the generator leaves it: marked, partial, implementing IModelSerializable.</summary>
    private const string Model = """
        namespace Models
        {
            [ModelGen.SerializableModel]
            public partial class Classifier : ModelGen.IModelSerializable<Classifier>
            {
                public float[] Weights { get; set; } = System.Array.Empty<float>();
            }
        }
        """;

    [Fact]
    public Task Serialize_and_deserialize_of_a_model_move_to_ModelSerializer() => Verify.FixAsync<UseModelSerializerCodeFixProvider>("""
        using System.IO;
        using System.Runtime.Serialization.Formatters.Binary;
        using Models;

        class Store
        {
            private readonly BinaryFormatter _formatter = {|MG1001:new BinaryFormatter()|};

            void Save(Stream stream, Classifier model)
            {
                {|MG1001:_formatter.Serialize(stream, model)|};
            }

            Classifier Load(Stream stream) => (Classifier){|MG1001:_formatter.Deserialize(stream)|};

            Classifier? LoadAs(Stream stream) => {|MG1001:_formatter.Deserialize(stream)|} as Classifier;

            object LoadUnknown(Stream stream) => {|MG1001:_formatter.Deserialize(stream)|};
        }
        """ + Model, """
        using System.IO;
        using System.Runtime.Serialization.Formatters.Binary;
        using ModelGen;
        using Models;

        class Store
        {
            private readonly BinaryFormatter _formatter = {|MG1001:new BinaryFormatter()|};

            void Save(Stream stream, Classifier model)
            {
                ModelSerializer.Serialize(stream, model);
            }

            Classifier Load(Stream stream) => ModelSerializer.Deserialize<Classifier>(stream);

            Classifier? LoadAs(Stream stream) => ModelSerializer.Deserialize<Classifier>(stream);

            object LoadUnknown(Stream stream) => {|MG1001:_formatter.Deserialize(stream)|};
        }
        """ + Model);

    [Fact]
    public Task Fix_all_in_project_moves_every_document()
    {
        var test = Verify.CodeFixTest<UseModelSerializerCodeFixProvider>(
            [
                """
                using System.IO;
                using System.Runtime.Serialization;
                using System.Runtime.Serialization.Formatters.Binary;
                using ModelGen;

                static class Writer
                {
                    public static void Save(Stream stream, Models.Classifier model)
                    {
                        IFormatter formatter = {|MG1001:new BinaryFormatter()|};
                        {|MG1001:formatter.Serialize(stream, model)|};
                    }
                }
                """,
                """
                using System.IO;
                using System.Runtime.Serialization.Formatters.Binary;

                static class Reader
                {
                    public static Models.Classifier Load(Stream stream, BinaryFormatter formatter) =>
                        (Models.Classifier)({|MG1001:formatter.Deserialize(stream)|});
                }
                """ + Model,
            ],
            [
                """
                using System.IO;
                using System.Runtime.Serialization;
                using System.Runtime.Serialization.Formatters.Binary;
                using ModelGen;

                static class Writer
                {
                    public static void Save(Stream stream, Models.Classifier model)
                    {
                        ModelSerializer.Serialize(stream, model);
                    }
                }
                """,
                """
                using System.IO;
                using System.Runtime.Serialization.Formatters.Binary;
                using ModelGen;

                static class Reader
                {
                    public static Models.Classifier Load(Stream stream, BinaryFormatter formatter) =>
                        ModelSerializer.Deserialize<Models.Classifier>(stream);
                }
                """ + Model,
            ]);
        // Fix-all in one document cannot fix the other one; project and solution scope must fix both.
        test.CodeFixTestBehaviors = Microsoft.CodeAnalysis.Testing.CodeFixTestBehaviors.SkipFixAllInDocumentCheck;
        return test.RunAsync();
    }

    [Fact]
    public Task No_fix_for_a_type_that_is_not_a_model() => Verify.FixAsync<UseModelSerializerCodeFixProvider>("""
        using System.IO;
        using System.Runtime.Serialization.Formatters.Binary;

        class Layer { }

        class Store
        {
            Layer Load(Stream stream, BinaryFormatter formatter) => (Layer){|MG1001:formatter.Deserialize(stream)|};
        }
        """, """
        using System.IO;
        using System.Runtime.Serialization.Formatters.Binary;

        class Layer { }

        class Store
        {
            Layer Load(Stream stream, BinaryFormatter formatter) => (Layer){|MG1001:formatter.Deserialize(stream)|};
        }
        """);
}
