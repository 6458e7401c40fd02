using System.Linq;
using System.Text.Json.Nodes;
using Json.Schema;
using Xunit;

namespace ModelGen.Generator.Tests;

/// <summary>Every model's JSON validates against its generated JSON Schema (checked with JsonSchema.Net, a real
/// draft 2020-12 validator), and documents with a wrong type, a missing required member or an out-of-range
/// hyperparameter do not.</summary>
public class JsonSchemaTests
{
    private const string Models = """
        using System.ComponentModel.DataAnnotations;
        public enum Activation { Relu, Tanh }
        [Hyperparameters] public partial record Options([Range(1e-6, 1.0)] float LearningRate = 0.01f, [Range(1, 1000)] int Epochs = 10, [Required] string Optimizer = "adam");
        [SerializableModel] public partial record Dense(int Inputs, int Outputs, float[] Weights) : Layer;
        [SerializableModel] public partial record Dropout(double Rate) : Layer;
        [SerializableModel, ModelUnion("dense", typeof(Dense)), ModelUnion("dropout", typeof(Dropout))] public abstract partial record Layer;
        [SerializableModel(Version = 3)]
        public partial class Model
        {
            public required Options Options { get; init; }
            public List<Layer> Layers { get; set; } = new();
            public Activation Activation { get; set; }
            public Dictionary<string, double> Metrics { get; set; } = new();
            public Dictionary<int, string> Labels { get; set; } = new();
            public double[,] Matrix { get; set; } = new double[0, 0];
            public int[][] Jagged { get; set; } = [];
            public byte[] Raw { get; set; } = [];
            public Guid Id { get; set; }
            public DateTime Trained { get; set; }
            public TimeSpan Took { get; set; }
            public decimal Cost { get; set; }
            public char Grade { get; set; }
            public float? Best { get; set; }
            public string? Note { get; set; }
            public bool Flag { get; set; }
            public System.Numerics.Complex Z { get; set; }
        }
        public static class Samples
        {
            public static object Sample() => new Model
            {
                Options = new Options(0.5f, 20, "sgd"),
                Layers = { new Dense(2, 1, [0.5f, float.NaN]), new Dropout(0.1) },
                Activation = Activation.Tanh,
                Metrics = { ["auc"] = 0.9 },
                Labels = { [3] = "three" },
                Matrix = new double[,] { { 1, 2 }, { 3, 4 } },
                Jagged = [[1], [2, 3]],
                Raw = [1, 2, 255],
                Id = Guid.NewGuid(),
                Trained = new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc),
                Took = TimeSpan.FromMinutes(90),
                Cost = 12.5m,
                Grade = 'A',
                Best = null,
                Note = "n",
            };
        }
        """;

    private static readonly System.Lazy<ModelVersion> Compiled = new(() => new ModelVersion(Models));

    // Parsed once: JsonSchema.Net registers a schema under its $id and refuses to register it twice.
    private static readonly System.Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(Compiled.Value.JsonSchema()));

    private static EvaluationResults Evaluate(string json)
    {
        JsonSchema schema = Schema.Value;
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return schema.Evaluate(document.RootElement.Clone(), new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static string SampleJson() => Compiled.Value.Json(Compiled.Value.Sample());

    [Fact]
    public void TheJsonOfAModelValidatesAgainstItsSchema()
    {
        EvaluationResults result = Evaluate(SampleJson());
        Assert.True(result.IsValid, string.Join("\n", result.Details?.Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => d.InstanceLocation + ": " + e.Value)) ?? []));
    }

    [Fact]
    public void TheSchemaIsDraft2020AndNamesTheModelAndVersion()
    {
        JsonNode schema = JsonNode.Parse(Compiled.Value.JsonSchema())!;
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)schema["$schema"]);
        Assert.Equal("urn:modelgen:Model:v3", (string?)schema["$id"]);
        Assert.NotNull(schema["$defs"]!["Options"]);
        Assert.NotNull(schema["$defs"]!["Dense"]);
    }

    [Theory]
    [InlineData("\"activation\":\"Tanh\"", "\"activation\":\"Softmax\"")]            // not an enum member
    [InlineData("\"flag\":false", "\"flag\":\"no\"")]                                // wrong type
    [InlineData("\"learningRate\":0.5", "\"learningRate\":5")]                       // [Range] violated
    [InlineData("\"optimizer\":\"sgd\"", "\"optimizer\":\"\"")]                      // [Required] string empty
    [InlineData("\"$type\":\"dense\"", "\"$type\":\"conv\"")]                        // unknown union tag
    [InlineData("\"labels\":{\"3\":\"three\"}", "\"labels\":{\"x\":\"three\"}")]     // integer keys
    [InlineData("\"grade\":\"A\"", "\"grade\":\"AB\"")]                              // one character
    public void AnInvalidDocumentFailsValidation(string valid, string invalid)
    {
        string json = SampleJson();
        Assert.Contains(valid, json);
        Assert.False(Evaluate(json.Replace(valid, invalid)).IsValid);
    }

    // A NaN other than float.NaN is "NaN:" and its bits: a Half's, a float's or a double's (a widened or narrowed
    // member reads each), with every exponent bit set.
    [Theory]
    [InlineData("\"NaN:7fc00000\"", true)]
    [InlineData("\"NaN:FFC007A2\"", true)]
    [InlineData("\"NaN:7ff00000000007a2\"", true)]
    [InlineData("\"NaN:7e00\"", true)]
    [InlineData("\"NaN\"", true)]
    [InlineData("\"NaN:7fc0000\"", false)]            // 7 digits
    [InlineData("\"NaN:3f800000\"", false)]           // the bits of 1.0f
    [InlineData("\"NaN:3ff0000000000000\"", false)]   // the bits of 1.0
    [InlineData("\"NaN:7bff\"", false)]               // Half.MaxValue's bits
    [InlineData("\"NaN:7fc0000g\"", false)]
    [InlineData("\"NaN:\"", false)]
    [InlineData("\"nan\"", false)]
    [InlineData("\" NaN:7fc00000\"", false)]
    public void NaNsWithTheirBitsValidateAndOtherStringsDoNot(string weight, bool valid)
    {
        string json = SampleJson();
        Assert.Contains("\"weights\":[0.5,\"NaN\"]", json);
        Assert.Equal(valid, Evaluate(json.Replace("\"weights\":[0.5,\"NaN\"]", "\"weights\":[0.5," + weight + "]")).IsValid);
    }

    // What the JSON reader reads validates, and what it refuses does not, for the forms another version of a member
    // writes: a float member reads a newer Complex whose imaginary part is zero ([re, 0]; its real part checked by
    // [Range]), and a Complex member an older real number. Each case is checked against the reader itself.
    [Theory]
    [InlineData("\"rate\":0.1", "\"rate\":[0.25,0]", true)]
    [InlineData("\"rate\":0.1", "\"rate\":[0.25,-0.0]", true)]
    [InlineData("\"rate\":0.1", "\"rate\":[\"NaN\",0]", true)]
    [InlineData("\"rate\":0.1", "\"rate\":[\"NaN:7ff4000000000001\",0.0]", true)]
    [InlineData("\"rate\":0.1", "\"rate\":[0.25,0.5]", false)]       // an imaginary part
    [InlineData("\"rate\":0.1", "\"rate\":[0.25,\"NaN\"]", false)]
    [InlineData("\"rate\":0.1", "\"rate\":[0.25]", false)]
    [InlineData("\"rate\":0.1", "\"rate\":[0.25,0,0]", false)]
    [InlineData("\"rate\":0.1", "\"rate\":[\"x\",0]", false)]
    [InlineData("\"weights\":[0.5,\"NaN\"]", "\"weights\":[[0.5,0],\"NaN\"]", true)]
    [InlineData("\"metrics\":{\"auc\":0.9}", "\"metrics\":{\"auc\":[0.9,0]}", true)]
    [InlineData("\"best\":null", "\"best\":[1.5,0]", true)]
    [InlineData("\"learningRate\":0.5", "\"learningRate\":[0.5,0]", true)]
    [InlineData("\"learningRate\":0.5", "\"learningRate\":[5,0]", false)]  // [Range] applies to the real part
    [InlineData("\"z\":[0,0]", "\"z\":2.5", true)]
    [InlineData("\"z\":[0,0]", "\"z\":\"-Infinity\"", true)]
    [InlineData("\"z\":[0,0]", "\"z\":\"x\"", false)]
    [InlineData("\"z\":[0,0]", "\"z\":[1]", false)]
    public void TheSchemaAcceptsWhatTheReaderReadsFromAnotherVersionsMember(string valid, string replaced, bool reads)
    {
        string json = SampleJson();
        Assert.Contains(valid, json);
        json = json.Replace(valid, replaced);
        bool read;
        try
        {
            Compiled.Value.Read(json, "json");
            read = true;
        }
        catch (ModelGen.ModelFormatException)
        {
            read = false;
        }
        Assert.Equal(reads, read);
        EvaluationResults result = Evaluate(json);
        Assert.True(reads == result.IsValid, (reads ? "refused: " : "accepted: ") + string.Join("\n",
            result.Details?.Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => d.InstanceLocation + ": " + e.Value)) ?? []));
    }

    [Fact]
    public void AMissingRequiredMemberFailsValidation()
    {
        JsonObject doc = JsonNode.Parse(SampleJson())!.AsObject();
        doc.Remove("options");
        Assert.False(Evaluate(doc.ToJsonString()).IsValid);
    }

    [Fact]
    public void TheSchemaDocumentInMetadataIsTheOneTheRuntimeWrites()
    {
        // Tools (modelgen lock, modelgen schemas) read this constant from the assembly without running it.
        var field = Compiled.Value.ModelType.GetField("__ModelGenSchemaDocument", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        string document = (string)field.GetRawConstantValue()!;
        // The runtime's ModelSchema does not list enum values; the generator's copy adds them for the lock file.
        int enums = document.IndexOf(",\n  \"enums\": [", System.StringComparison.Ordinal);
        Assert.True(enums > 0, "the document records the values of the model's enums");
        Assert.Contains("\"values\": {", document.Substring(enums));
        Assert.Equal(Compiled.Value.SchemaDocument(), document.Substring(0, enums) + "\n}\n");
        Assert.Contains("\"name\": \"Model\"", document);
        Assert.Contains("\"version\": 3", document);
        // Read and written again (a tool refreshing a lock file), the values are kept.
        Assert.Equal(document, ModelGen.ModelSchema.ReadJson(document)[0].ToJson());
    }

    // A renamed member's copies under its previous names and their record ("$previousNames") are declared: a document
    // validates, and a copy of the wrong type or a record that is not names and 16 hex digits does not.
    [Theory]
    [InlineData(null, null, true)]
    [InlineData("\"optimizer\":\"adam\"", "\"optimizer\":3", false)]
    [InlineData("\"steps\":[0.5]", "\"steps\":[\"x\"]", false)]
    [InlineData("\"rates\":[0.5]", "\"rates\":\"x\"", false)]
    [InlineData("\"$previousNames\":{", "\"$previousNames\":{\"x\":\"not hex\",", false)]
    public void The_copies_of_a_renamed_member_and_their_record_are_declared(string? valid, string? invalid, bool validates)
    {
        var v = new ModelVersion("""
            [SerializableModel(Name = "JsonSchemaTests.Copies", Version = 2)]
            public partial class Model { [PreviousName("Optimizer")] public string Solver { get; set; } = "sgd"; [PreviousName("rates")] public float[] Steps { get; set; } = []; }
            public static class Samples { public static object Sample() => new Model { Solver = "adam", Steps = [0.5f] }; }
            """);
        string json = v.Json(v.Sample());
        if (valid is not null)
        {
            Assert.Contains(valid, json);
            json = json.Replace(valid, invalid, System.StringComparison.Ordinal);
        }
        var schema = JsonSchema.FromText(v.JsonSchema(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        JsonNode properties = JsonNode.Parse(v.JsonSchema())!["properties"]!;
        Assert.NotNull(properties["optimizer"]);
        Assert.NotNull(properties["rates"]);
        Assert.NotNull(properties["$previousNames"]);
        using var document = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(validates, schema.Evaluate(document.RootElement.Clone(), new EvaluationOptions { OutputFormat = OutputFormat.List }).IsValid);
    }

    [Fact]
    public void NewerDocumentsWithExtraMembersStillValidate()
    {
        JsonObject doc = JsonNode.Parse(SampleJson())!.AsObject();
        doc["addedInVersion4"] = 1;
        Assert.True(Evaluate(doc.ToJsonString()).IsValid);
    }
}

public class JsonSchemaEnumTests
{
    // The schema document (the constant `modelgen lock` copies) records each enum's underlying type by its schema
    // scalar name, so a reader in another language refuses a value beyond its range as .NET does; it is not part of
    // the fingerprint, which an enum's underlying type leaves as it was.
    [Fact]
    public void TheSchemaDocumentRecordsEachEnumsUnderlyingTypeOutsideTheFingerprint()
    {
        const string Source = """
            using ModelGen;
            namespace N
            {
                public enum I8 : sbyte { A = -1 } public enum U8 : byte { A = 255 } public enum I16 : short { A }
                public enum U16 : ushort { A } public enum I32 { A, B } public enum U32 : uint { A = 7 }
                public enum I64 : long { A } public enum U64 : ulong { A = ulong.MaxValue } public enum Implicit : byte { A, B }
                [SerializableModel] public partial class Holder
                {
                    public I8 A { get; set; } public U8[] B { get; set; } = []; public System.Collections.Generic.Dictionary<I16, U16> C { get; set; } = new();
                    public I32? D { get; set; } public U32 E { get; set; } public (I64, U64) F { get; set; } public Implicit G { get; set; }
                }
            }
            """;
        string text = Document(Source);
        JsonObject entry = JsonNode.Parse(text)!.AsObject();
        var underlying = entry["enums"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => (string?)e!["underlying"]);
        Assert.Equal(new System.Collections.Generic.Dictionary<string, string?>
        {
            ["N.I8"] = "int8", ["N.U8"] = "uint8", ["N.I16"] = "int16", ["N.U16"] = "uint16", ["N.I32"] = "int32",
            ["N.U32"] = "uint32", ["N.I64"] = "int64", ["N.U64"] = "uint64", ["N.Implicit"] = "uint8",
        }, underlying);
        // Written after the name, before the values.
        Assert.Contains("{ \"name\": \"N.U8\", \"underlying\": \"uint8\", \"values\": { \"A\": 255 } }", text);
        // Another underlying type, the same layout: the same fingerprint.
        JsonObject wider = JsonNode.Parse(Document(Source.Replace("enum U8 : byte", "enum U8 : int").Replace("enum Implicit : byte", "enum Implicit : long")))!.AsObject();
        Assert.Equal("int32", (string?)wider["enums"]!.AsArray().Single(e => (string)e!["name"]! == "N.U8")!["underlying"]);
        Assert.Equal("int64", (string?)wider["enums"]!.AsArray().Single(e => (string)e!["name"]! == "N.Implicit")!["underlying"]);
        Assert.Equal((string?)entry["fingerprint"], (string?)wider["fingerprint"]);
    }

    private static string Document(string source)
    {
        var (output, diagnostics, _) = GeneratorHarness.Run(source);
        Assert.Empty(diagnostics);
        Assert.Empty(GeneratorHarness.GeneratedCodeProblems(output));
        var field = output.GetTypeByMetadataName("N.Holder")!.GetMembers("__ModelGenSchemaDocument").OfType<Microsoft.CodeAnalysis.IFieldSymbol>().Single();
        return (string)field.ConstantValue!;
    }

    [Fact]
    public void TwoEnumsOfOneShortNameKeepTheirOwnValues()
    {
        // Both are "enum:Color" in the schema (the fingerprint depends on that name), but each lists its own members
        // (read from the model's own part of its JSON Schema, a constant).
        var (output, diagnostics, _) = GeneratorHarness.Run("""
            using ModelGen;
            namespace A { public enum Color { Red, Green } }
            namespace B { public enum Color { Cyan, Magenta } }
            [SerializableModel] public partial class Paint { public A.Color Inner { get; set; } public B.Color Outer { get; set; } }
            """);
        Assert.Empty(diagnostics);
        Assert.Empty(GeneratorHarness.GeneratedCodeProblems(output));
        var field = output.GetTypeByMetadataName("Paint")!.GetMembers("__ModelGenJsonSchemaBody").OfType<Microsoft.CodeAnalysis.IFieldSymbol>().Single();
        JsonNode properties = JsonNode.Parse((string)field.ConstantValue!)!["properties"]!;
        string inner = properties["inner"]!.ToJsonString(), outer = properties["outer"]!.ToJsonString();
        Assert.Contains("\"Red\"", inner);
        Assert.DoesNotContain("\"Cyan\"", inner);
        Assert.Contains("\"Cyan\"", outer);
        Assert.DoesNotContain("\"Red\"", outer);
    }
}
