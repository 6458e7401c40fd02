using System.Threading.Tasks;
using ModelGen.CodeFixes.Models;
using Xunit;
using Verify = ModelGen.Analyzers.Tests.Infrastructure.Verifier<ModelGen.Analyzers.Tests.Infrastructure.ForeignAttributeRuleStandIn>;

namespace ModelGen.Analyzers.Tests.CodeFixes;

/// <summary>MG0025's fixes: ModelGen's attribute next to the other serializer's, and then no MG0025 (the stand-in runs
/// the generator's parser). That the name kept with its key and previous name loses nothing in any form or direction,
/// with the real generator, is in tests/ModelGen.Generator.Tests (EvolutionTests.ForeignName*).</summary>
public sealed class ForeignSerializerAttributeCodeFixTests
{
    private static Task Fix(string source, string fixedSource, string action)
    {
        var test = Verify.CodeFixTest<ForeignSerializerAttributeCodeFixProvider>([source], [fixedSource]);
        test.CodeActionEquivalenceKey = nameof(ForeignSerializerAttributeCodeFixProvider) + action;
        return test.RunAsync();
    }

    private const string Named = """
        using System.Text.Json.Serialization;
        using ModelGen;

        [Hyperparameters]
        public partial class Training
        {
            [{|MG0025:JsonPropertyName("lr")|}]
            public float LearningRate { get; set; }
        }
        """;

    [Fact]
    public Task A_name_for_a_class_without_saved_data() => Fix(Named, """
        using System.Text.Json.Serialization;
        using ModelGen;

        [Hyperparameters]
        public partial class Training
        {
            [JsonPropertyName("lr"), ModelMember(Name = "lr")]
            public float LearningRate { get; set; }
        }
        """, "Name");

    // The key of "learningRate" (MemberKeys.Of), and the name, as the generator derives them now.
    [Fact]
    public Task A_name_that_keeps_the_data_saved_under_the_current_one() => Fix(Named, """
        using System.Text.Json.Serialization;
        using ModelGen;

        [Hyperparameters]
        public partial class Training
        {
            [JsonPropertyName("lr"), ModelMember(Name = "lr", Key = 97841), PreviousName("learningRate")]
            public float LearningRate { get; set; }
        }
        """, "NameKeepingData");

    [Fact]
    public Task A_snake_case_models_name_and_a_record_parameters_target_are_kept() => Fix("""
        using System.Text.Json.Serialization;
        using ModelGen;

        [SerializableModel(Naming = ModelNaming.SnakeCase)]
        public partial record Schedule([property: {|MG0025:JsonPropertyName("warmup")|}] int WarmupSteps);
        """, """
        using System.Text.Json.Serialization;
        using ModelGen;

        [SerializableModel(Naming = ModelNaming.SnakeCase)]
        public partial record Schedule([property: JsonPropertyName("warmup"), ModelMember(Name = "warmup", Key = 47853), PreviousName("warmup_steps")] int WarmupSteps);
        """, "NameKeepingData");

    private const string Ignored = """
        using System.Text.Json.Serialization;
        using ModelGen;

        [SerializableModel]
        public partial class Client
        {
            public string Endpoint { get; set; } = "";

            [{|MG0025:JsonIgnore|}]
            public string ApiKey { get; set; } = "";
        }
        """;

    [Fact]
    public Task A_member_left_out_is_left_out_of_ModelGen_too() => Fix(Ignored, Ignored.Replace("[{|MG0025:JsonIgnore|}]", "[JsonIgnore, ModelIgnore]"), "Ignore");

    [Fact]
    public Task A_member_left_out_can_be_saved_on_purpose() => Fix(Ignored, Ignored.Replace("[{|MG0025:JsonIgnore|}]", "[JsonIgnore, ModelMember]"), "Save");

    private const string Contract = """
        using System.Runtime.Serialization;
        using ModelGen;

        [DataContract]
        [SerializableModel]
        public partial class Account
        {
            [DataMember]
            public string Name { get; set; } = "";

            // Not a data member: the contract never saved it.
            public string {|MG0025:Password|} { get; set; } = "";
        }
        """;

    [Fact]
    public Task A_member_an_opt_in_type_leaves_out_gets_its_own_line() => Fix(Contract, Contract.Replace("""
            // Not a data member: the contract never saved it.
            public string {|MG0025:Password|} { get; set; } = "";
        """, """
            // Not a data member: the contract never saved it.
            [ModelIgnore]
            public string Password { get; set; } = "";
        """), "Ignore");

    [Fact]
    public Task Without_a_using_the_attribute_is_qualified() => Fix("""
        [ModelGen.SerializableModel]
        public partial class Holder
        {
            [{|MG0025:System.Text.Json.Serialization.JsonExtensionData|}]
            public System.Collections.Generic.Dictionary<string, string>? Extra { get; set; }

            [{|MG0025:System.NonSerialized|}]
            public int Cache;
        }
        """, """
        [ModelGen.SerializableModel]
        public partial class Holder
        {
            [System.Text.Json.Serialization.JsonExtensionData, ModelGen.ModelIgnore]
            public System.Collections.Generic.Dictionary<string, string>? Extra { get; set; }

            [System.NonSerialized, ModelGen.ModelIgnore]
            public int Cache;
        }
        """, "Ignore");
}
