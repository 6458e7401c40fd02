using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using ModelGen.Analyzers.SchemaLock;
using ModelGen.Analyzers.Tests.Infrastructure;
using ModelGen.CodeFixes.SchemaLock;
using Xunit;

namespace ModelGen.Analyzers.Tests.SchemaLock;

/// <summary>The schema lock file rules MG2001–MG2004 and their code fixes.</summary>
public sealed class SchemaLockTests
{
    private const string LockPath = "/0/ModelSchemas.lock.json";

    private const string EntryV1 = """
            {
              "name": "App.Mlp",
              "version": 1,
              "fingerprint": "364c62ad2ac21906",
              "members": [
                { "name": "epochs", "key": 245695, "type": "int32", "required": false, "previousNames": [] },
                { "name": "weights", "key": 54142, "type": "float32[]", "required": false, "previousNames": [] }
              ]
            }
        """;

    private const string EntryV2 = """
            {
              "name": "App.Mlp",
              "version": 2,
              "fingerprint": "7a491a227508e465",
              "members": [
                { "name": "epochs", "key": 245695, "type": "int32", "required": false, "previousNames": [] },
                { "name": "steps", "key": 156180, "type": "int64", "required": false, "previousNames": [] },
                { "name": "weights", "key": 54142, "type": "float32[]", "required": false, "previousNames": [] }
              ]
            }
        """;

    // The exact text the lock writer produces: fingerprints and keys are golden values that must never change
    // between builds or machines, and the layout is the reviewable, diff-friendly one.
    private static string Lock(params string[] entries) =>
        "{\n  \"lockVersion\": 1,\n  \"schemas\": [" + (entries.Length == 0 ? "]\n}\n" : "\n" + string.Join(",\n", entries) + "\n  ]\n}\n");

    private const string ModelV1 = """
        using ModelGen;
        namespace App;
        [SerializableModel]
        public partial class Mlp { public int Epochs { get; set; } public float[] Weights { get; set; } = []; }
        """;

    private static Task AnalyzeAsync(string source, string lockText, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<SchemaLockAnalyzer, DefaultVerifier> { ReferenceAssemblies = TestReferences.Net100, TestCode = source };
        test.TestState.AdditionalFiles.Add((LockPath, lockText));
        test.ExpectedDiagnostics.AddRange(expected);
        TestReferences.AddTo(test.TestState);
        test.SolutionTransforms.Add(EnableNullable);
        return test.RunAsync();
    }

    private static CSharpCodeFixTest<SchemaLockAnalyzer, SchemaLockCodeFixProvider, DefaultVerifier> FixTest(string source, string lockText, string fixedSource, string fixedLock)
    {
        var test = new CSharpCodeFixTest<SchemaLockAnalyzer, SchemaLockCodeFixProvider, DefaultVerifier>
        {
            ReferenceAssemblies = TestReferences.Net100,
            TestCode = source,
            FixedCode = fixedSource,
        };
        test.TestState.AdditionalFiles.Add((LockPath, lockText));
        test.FixedState.AdditionalFiles.Add((LockPath, fixedLock));
        TestReferences.AddTo(test.TestState);
        test.SolutionTransforms.Add(EnableNullable);
        return test;
    }

    // Nullability is part of a schema ('string' and 'string?' differ): model projects have nullable reference types on.
    private static Solution EnableNullable(Solution solution, ProjectId project) =>
        solution.WithProjectCompilationOptions(project,
            ((Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions)solution.GetProject(project)!.CompilationOptions!).WithNullableContextOptions(NullableContextOptions.Enable));

    private static DiagnosticResult Incompatible(int location, string message) =>
        new DiagnosticResult("MG2002", DiagnosticSeverity.Error).WithLocation(location).WithMessage(message);

    [Fact]
    public async Task A_locked_model_that_did_not_change_is_silent()
    {
        await AnalyzeAsync(ModelV1, Lock(EntryV1));
    }

    [Fact]
    public async Task Projects_without_a_lock_file_are_not_checked()
    {
        var test = new CSharpAnalyzerTest<SchemaLockAnalyzer, DefaultVerifier> { ReferenceAssemblies = TestReferences.Net100, TestCode = ModelV1 };
        TestReferences.AddTo(test.TestState);
        test.SolutionTransforms.Add(EnableNullable);
        await test.RunAsync();
    }

    [Fact]
    public async Task A_model_missing_from_the_lock_file_is_reported_and_the_fix_adds_it()
    {
        string source = ModelV1.Replace("public partial class Mlp", "public partial class {|MG2003:Mlp|}");
        await FixTest(source, Lock(), ModelV1, Lock(EntryV1)).RunAsync();
    }

    [Fact]
    public async Task Fix_all_locks_every_model_of_the_project_in_one_edit()
    {
        const string other = """
            using ModelGen;
            namespace App;
            [Hyperparameters]
            public partial record Options(float LearningRate = 0.1f);
            """;
        var test = FixTest(ModelV1.Replace("class Mlp", "class {|MG2003:Mlp|}"), Lock(), ModelV1, Lock(EntryV1, """
                {
                  "name": "App.Options",
                  "version": 1,
                  "fingerprint": "fcaf200e9f1bb8a3",
                  "members": [
                    { "name": "learningRate", "key": 97841, "type": "float32", "required": false, "previousNames": [] }
                  ]
                }
            """));
        test.TestState.Sources.Add(("/0/Options.cs", other.Replace("record Options", "record {|MG2003:Options|}")));
        test.FixedState.Sources.Add(("/0/Options.cs", other));
        test.BatchFixedState.Sources.Add(ModelV1);
        test.BatchFixedState.Sources.Add(("/0/Options.cs", other));
        test.BatchFixedState.AdditionalFiles.Add((LockPath, test.FixedState.AdditionalFiles[0].content.ToString()));
        test.CodeFixTestBehaviors = CodeFixTestBehaviors.SkipFixAllInDocumentCheck;
        test.NumberOfIncrementalIterations = 2;
        await test.RunAsync();
    }

    [Fact]
    public async Task Changed_members_without_a_version_bump_are_an_error_and_the_fix_bumps_and_locks()
    {
        string changed = ModelV1.Replace("public int Epochs", "public long Steps { get; set; } public int Epochs");
        string source = changed.Replace("[SerializableModel]", "[{|MG2001:SerializableModel|}]");
        string fixedSource = changed.Replace("[SerializableModel]", "[SerializableModel(Version = 2)]");
        await FixTest(source, Lock(EntryV1), fixedSource, Lock(EntryV1, EntryV2)).RunAsync();
    }

    [Fact]
    public async Task A_key_reused_for_another_type_is_an_error_naming_both_versions()
    {
        await AnalyzeAsync("""
            using ModelGen;
            namespace App;
            [SerializableModel(Version = 2)]
            public partial class {|MG2003:Mlp|} { public string {|#0:Epochs|} { get; set; } = ""; public float[] Weights { get; set; } = []; }
            """, Lock(EntryV1),
            Incompatible(0, "'Mlp' version 2 cannot be exchanged with locked version 1: member 'epochs' (key 245695) was int32 and is now string: the key is reused for another type"));
    }

    [Fact]
    public async Task A_narrowing_change_is_an_error()
    {
        await AnalyzeAsync("""
            using ModelGen;
            namespace App;
            [SerializableModel(Version = 2)]
            public partial class {|MG2003:Mlp|} { public short {|#0:Epochs|} { get; set; } public float[] Weights { get; set; } = []; }
            """, Lock(EntryV1),
            Incompatible(0, "'Mlp' version 2 cannot be exchanged with locked version 1: member 'epochs' (key 245695) was int32 and is now int16: a narrowing change loses values"));
    }

    [Fact]
    public async Task Widening_an_integer_to_Int128_and_a_float_to_Complex_is_compatible_but_not_to_BigInteger()
    {
        await AnalyzeAsync("""
            using ModelGen;
            namespace App;
            [SerializableModel(Version = 2)]
            public partial class {|MG2003:Mlp|} { public System.Int128 Epochs { get; set; } public System.Numerics.Complex[] Weights { get; set; } = []; }
            """, Lock(EntryV1));
        await AnalyzeAsync("""
            using ModelGen;
            namespace App;
            [SerializableModel(Version = 2)]
            public partial class {|MG2003:Mlp|} { public System.Numerics.BigInteger {|#0:Epochs|} { get; set; } public float[] Weights { get; set; } = []; }
            """, Lock(EntryV1),
            Incompatible(0, "'Mlp' version 2 cannot be exchanged with locked version 1: member 'epochs' (key 245695) was int32 and is now bigint: the key is reused for another type"));
    }

    [Fact]
    public async Task Narrowing_a_BigInteger_is_an_error()
    {
        await AnalyzeAsync("""
            using ModelGen;
            namespace App;
            [SerializableModel(Version = 2)]
            public partial class {|MG2003:Mlp|} { public System.Numerics.BigInteger {|#0:Epochs|} { get; set; } public float[] Weights { get; set; } = []; }
            """, Lock(EntryV1.Replace("int32", "uint128")),
            Incompatible(0, "'Mlp' version 2 cannot be exchanged with locked version 1: member 'epochs' (key 245695) was uint128 and is now bigint: the key is reused for another type"));
    }

    [Fact]
    public async Task A_required_member_that_older_data_lacks_is_an_error()
    {
        await AnalyzeAsync("""
            using ModelGen;
            namespace App;
            [SerializableModel(Version = 2)]
            public partial record {|MG2003:Mlp|}(int Epochs, float[] Weights, int {|#0:Seed|});
            """, Lock(EntryV1),
            Incompatible(0, "'Mlp' version 2 cannot be exchanged with locked version 1: member 'seed' is required, but version 1 data does not have it; give it a default or make it optional"));
    }

    [Fact]
    public async Task Widening_renaming_with_previous_name_adding_optional_members_and_nullability_are_compatible()
    {
        await AnalyzeAsync("""
            using ModelGen;
            namespace App;
            [SerializableModel(Version = 2)]
            public partial record {|MG2003:Mlp|}([PreviousName("epochs")] long? Iterations, double[] Weights, int Seed = 7)
            {
                public string? Note { get; init; }
            }
            """, Lock(EntryV1));
    }

    [Fact]
    public async Task An_unreadable_lock_file_is_reported()
    {
        await AnalyzeAsync(ModelV1, "{ \"schemas\": [ { \"name\": 3 } ] }",
            new DiagnosticResult("MG2004", DiagnosticSeverity.Warning).WithNoLocation().WithMessage("ModelSchemas.lock.json cannot be read: name must be a string"));
    }

    [Fact]
    public async Task The_layout_change_error_names_the_members_that_changed()
    {
        string source = """
            using ModelGen;
            namespace App;
            [{|#0:SerializableModel|}]
            public partial class Mlp { public long Steps { get; set; } public long Epochs { get; set; } }
            """;
        await AnalyzeAsync(source, Lock(EntryV1),
            new DiagnosticResult("MG2001", DiagnosticSeverity.Error).WithLocation(0).WithMessage(
                "The members of 'Mlp' changed since version 1 was locked in ModelSchemas.lock.json (added 'steps' (int64, key 156180); "
                + "'epochs' type int32 -> int64; removed 'weights' (float32[], key 54142)), but its Version is still 1; bump Version to 2"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n")]
    public async Task An_empty_lock_file_is_an_empty_lock(string lockText)
    {
        await AnalyzeAsync(ModelV1.Replace("public partial class Mlp", "public partial class {|MG2003:Mlp|}"), lockText);
    }

    [Fact]
    public async Task A_lock_file_the_build_found_but_the_compiler_does_not_see_is_reported()
    {
        var test = new CSharpAnalyzerTest<SchemaLockAnalyzer, DefaultVerifier> { ReferenceAssemblies = TestReferences.Net100, TestCode = ModelV1 };
        TestReferences.AddTo(test.TestState);
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.ModelGenLockFileFound = /src/App/ModelSchemas.lock.json\n"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("MG2006", DiagnosticSeverity.Warning).WithNoLocation().WithMessage(
            "/src/App/ModelSchemas.lock.json exists, but this compilation does not see it as an AdditionalFiles item, so schema changes are not checked against it"));
        test.SolutionTransforms.Add(EnableNullable);
        await test.RunAsync();
    }

    [Fact]
    public async Task A_lock_file_the_build_found_and_passed_is_checked_without_MG2006()
    {
        var test = new CSharpAnalyzerTest<SchemaLockAnalyzer, DefaultVerifier> { ReferenceAssemblies = TestReferences.Net100, TestCode = ModelV1 };
        TestReferences.AddTo(test.TestState);
        test.TestState.AdditionalFiles.Add((LockPath, Lock(EntryV1)));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.ModelGenLockFileFound = " + LockPath + "\n"));
        test.SolutionTransforms.Add(EnableNullable);
        await test.RunAsync();
    }

    private const string Layers = """
        using ModelGen;
        namespace App;
        [SerializableModel] public partial class Dense : Layer { public int Units { get; set; } }
        [SerializableModel] public partial class Conv : Layer { public int Filters { get; set; } }
        [SerializableModel, ModelUnion("dense", typeof(Dense)), ModelUnion("conv", typeof(Conv))]
        public abstract partial class Layer { }
        """;

    private const string DenseEntry = """
            {
              "name": "App.Dense",
              "version": 1,
              "fingerprint": "91f47e1a96c4ef0d",
              "members": [
                { "name": "units", "key": 248076, "type": "int32", "required": false, "previousNames": [] }
              ]
            }
        """;

    private const string ConvEntry = """
            {
              "name": "App.Conv",
              "version": 1,
              "fingerprint": "0e96aa1f3d92b86c",
              "members": [
                { "name": "filters", "key": 93628, "type": "int32", "required": false, "previousNames": [] }
              ]
            }
        """;

    // A lock file written before union cases were recorded: the union base has no "unionCases" and a fingerprint of
    // its members alone. It is the data-side contract, so it must still be read and accepted as it is.
    private const string OldFormatLayerEntry = """
            {
              "name": "App.Layer",
              "version": 1,
              "fingerprint": "cbf29ce484222325",
              "members": []
            }
        """;

    private static string LayerEntry(string fingerprint, string cases) => $$"""
            {
              "name": "App.Layer",
              "version": 1,
              "fingerprint": "{{fingerprint}}",
              "members": [],
              "unionCases": [{{cases}}]
            }
        """;

    private const string BothCases = """{ "tag": "conv", "model": "App.Conv" }, { "tag": "dense", "model": "App.Dense" }""";

    [Fact]
    public async Task A_lock_file_from_before_union_cases_were_recorded_is_read_and_accepted()
    {
        await AnalyzeAsync(Layers, Lock(ConvEntry, DenseEntry, OldFormatLayerEntry));
        // ...and so is one that records the cases beside a fingerprint of the members alone (written in between).
        await AnalyzeAsync(Layers, Lock(ConvEntry, DenseEntry, LayerEntry("cbf29ce484222325", BothCases)));
        await AnalyzeAsync(Layers, Lock(ConvEntry, DenseEntry, LayerEntry("19383aaef1ef6c05", BothCases)));
    }

    [Fact]
    public async Task A_removed_union_case_is_an_incompatible_change()
    {
        string source = Layers
            .Replace("""[SerializableModel, ModelUnion("dense", typeof(Dense)), ModelUnion("conv", typeof(Conv))]""", """[{|#0:SerializableModel|}, ModelUnion("dense", typeof(Dense))]""")
            .Replace("public abstract partial class Layer", "public abstract partial class {|#1:Layer|}");
        await AnalyzeAsync(source, Lock(ConvEntry, DenseEntry, LayerEntry("19383aaef1ef6c05", BothCases)),
            new DiagnosticResult("MG2001", DiagnosticSeverity.Error).WithLocation(0),
            Incompatible(1, "'Layer' version 1 cannot be exchanged with locked version 1: union case 'conv' (App.Conv) was removed, so version 1 data holding it cannot be read; keep the case, or convert such data first"));
    }

    [Fact]
    public async Task An_added_union_case_needs_a_version_bump()
    {
        string source = Layers.Replace("""[SerializableModel, ModelUnion""", """[{|#0:SerializableModel|}, ModelUnion""");
        await AnalyzeAsync(source, Lock(ConvEntry, DenseEntry, LayerEntry("d947be7158f3ab8c", """{ "tag": "dense", "model": "App.Dense" }""")),
            new DiagnosticResult("MG2001", DiagnosticSeverity.Error).WithLocation(0));
        // Bumped: the new version is not locked yet, and nothing is incompatible with the locked one.
        string bumped = Layers.Replace("""[SerializableModel, ModelUnion""", """[SerializableModel(Version = 2), ModelUnion""")
            .Replace("public abstract partial class Layer", "public abstract partial class {|#0:Layer|}");
        await AnalyzeAsync(bumped, Lock(ConvEntry, DenseEntry, LayerEntry("d947be7158f3ab8c", """{ "tag": "dense", "model": "App.Dense" }""")),
            new DiagnosticResult("MG2003", DiagnosticSeverity.Warning).WithLocation(0));
    }

    [Fact]
    public async Task A_previous_name_that_no_locked_version_has_is_reported()
    {
        const string source = """
            using ModelGen;
            namespace App;
            [SerializableModel(Version = 2)]
            public partial class {|#0:Mlp|}
            {
                [{|#1:PreviousName("epoch")|}] public int Steps { get; set; }           // misspelt: v1 had "epochs"
                [PreviousName("Weights")] public float[] Coefficients { get; set; } = []; // the old C# name: "weights"
            }
            """;
        await AnalyzeAsync(source, Lock(EntryV1),
            new DiagnosticResult("MG2003", DiagnosticSeverity.Warning).WithLocation(0),
            new DiagnosticResult("MG2005", DiagnosticSeverity.Warning).WithLocation(1)
                .WithMessage("The previous name 'epoch' of 'Mlp.Steps' matches no member of any version of 'App.Mlp' in ModelSchemas.lock.json, so no data written under it exists"));
    }

    // Another name for a member that keeps its name (documents from elsewhere under "steps"), not a former one: the
    // key now derives from it, and the locked versions' builds would not find the member in binary. Said with the key.
    [Fact]
    public async Task A_previous_name_that_is_another_name_for_a_locked_member_says_which_key_to_keep()
    {
        const string source = """
            using ModelGen;
            namespace App;
            [SerializableModel(Version = 2)]
            public partial class {|#0:Mlp|}
            {
                [{|#1:PreviousName("steps")|}] public int Epochs { get; set; }
                public float[] Weights { get; set; } = [];
            }
            """;
        int key = ModelGen.Internal.MemberKeys.Of("steps");
        await AnalyzeAsync(source, Lock(EntryV1),
            new DiagnosticResult("MG2003", DiagnosticSeverity.Warning).WithLocation(0),
            new DiagnosticResult("MG2005", DiagnosticSeverity.Warning).WithLocation(1)
                .WithMessage("The previous name 'steps' of 'Mlp.Epochs' matches no member of any version of 'App.Mlp' in ModelSchemas.lock.json, so no data written under it exists; "
                    + $"'epochs' is locked under that name with key 245695, which binary data of those versions carries, and the key now derives from 'steps' ({key}): "
                    + "if 'steps' is another name for the member rather than a former one, keep the key with [ModelMember(Key = 245695)], or builds of the locked versions read the member's default from binary files this one writes"));

        // With the key kept, only the misspelling question remains (the member's key is the locked one).
        await AnalyzeAsync(source.Replace("[{|#1:PreviousName(\"steps\")|}]", "[{|#1:PreviousName(\"steps\")|}, ModelMember(Key = 245695)]"), Lock(EntryV1),
            new DiagnosticResult("MG2003", DiagnosticSeverity.Warning).WithLocation(0),
            new DiagnosticResult("MG2005", DiagnosticSeverity.Warning).WithLocation(1)
                .WithMessage("The previous name 'steps' of 'Mlp.Epochs' matches no member of any version of 'App.Mlp' in ModelSchemas.lock.json, so no data written under it exists"));
    }

    // A member given another serialized name without [PreviousName]: builds of the locked version know it only by the
    // name its C# name gave it. Not for a naming policy set or changed (every build reads every policy's form).
    [Fact]
    public async Task A_member_named_anew_without_a_previous_name_is_reported()
    {
        const string source = """
            using ModelGen;
            namespace App;
            [SerializableModel(Version = 2)]
            public partial class {|#0:Mlp|}
            {
                [ModelMember(Name = "numEpochs")] public int {|#1:Epochs|} { get; set; }
                public float[] Weights { get; set; } = [];
            }
            """;
        await AnalyzeAsync(source, Lock(EntryV1),
            new DiagnosticResult("MG2003", DiagnosticSeverity.Warning).WithLocation(0),
            new DiagnosticResult("MG2007", DiagnosticSeverity.Warning).WithLocation(1)
                .WithMessage("'Mlp.Epochs' was saved as 'epochs' in version 1 of 'App.Mlp' (the name its C# name gives), and is now saved as 'numEpochs' without [PreviousName(\"epochs\")], so builds of version 1 read its default from what this build writes (JSON and dictionaries, and binary, whose key follows the name); add [PreviousName(\"epochs\")]: its key then stays that of 'epochs', and JSON carries the value under 'epochs' too"));

        // With the previous name, or under a naming policy instead of a name of its own: nothing to say.
        await AnalyzeAsync(source.Replace("[ModelMember(Name = \"numEpochs\")]", "[ModelMember(Name = \"numEpochs\"), PreviousName(\"epochs\")]"), Lock(EntryV1),
            new DiagnosticResult("MG2003", DiagnosticSeverity.Warning).WithLocation(0));
        await AnalyzeAsync(source.Replace("[SerializableModel(Version = 2)]", "[SerializableModel(Version = 2, Naming = ModelNaming.PascalCase)]").Replace("[ModelMember(Name = \"numEpochs\")] ", ""), Lock(EntryV1),
            new DiagnosticResult("MG2003", DiagnosticSeverity.Warning).WithLocation(0));
    }

    // MG2007's fix: the old name as a previous name, after the [ModelMember(Name)] that gave the new one (for a record
    // parameter too), after which only the unlocked version is left to say.
    [Fact]
    public async Task The_fix_for_a_member_named_anew_adds_its_old_name_as_a_previous_name()
    {
        var test = new CSharpCodeFixTest<SchemaLockAnalyzer, ModelGen.CodeFixes.SchemaLock.AddPreviousNameCodeFixProvider, DefaultVerifier>
        {
            ReferenceAssemblies = TestReferences.Net100,
            TestCode = """
                using ModelGen;
                namespace App;
                [SerializableModel(Version = 2)]
                public partial record {|MG2003:Mlp|}([ModelMember(Name = "numEpochs")] int {|MG2007:Epochs|} = 10, float[] Weights = null!)
                {
                    [System.ComponentModel.Description("rate"), ModelMember(Name = "lr", Key = 500)] public float {|MG2007:LearningRate|} { get; set; }
                }
                """,
            FixedCode = """
                using ModelGen;
                namespace App;
                [SerializableModel(Version = 2)]
                public partial record {|MG2003:Mlp|}([ModelMember(Name = "numEpochs"), PreviousName("epochs")] int Epochs = 10, float[] Weights = null!)
                {
                    [System.ComponentModel.Description("rate"), ModelMember(Name = "lr", Key = 500), PreviousName("learningRate")] public float LearningRate { get; set; }
                }
                """,
        };
        string lockText = Lock("""
                {
                  "name": "App.Mlp",
                  "version": 1,
                  "fingerprint": "0000000000000000",
                  "members": [
                    { "name": "epochs", "key": 245695, "type": "int32", "required": false, "previousNames": [] },
                    { "name": "learningRate", "key": 500, "type": "float32", "required": false, "previousNames": [] },
                    { "name": "weights", "key": 54142, "type": "float32[]", "required": false, "previousNames": [] }
                  ]
                }
            """);
        test.TestState.AdditionalFiles.Add((LockPath, lockText));
        test.FixedState.AdditionalFiles.Add((LockPath, lockText));
        test.FixedState.MarkupHandling = Microsoft.CodeAnalysis.Testing.MarkupMode.Allow;
        TestReferences.AddTo(test.TestState);
        test.SolutionTransforms.Add(EnableNullable);
        await test.RunAsync();
    }

    // Several changed models in one document and another in a second document: one fix-all pass bumps every version
    // (edits in one document do not shift each other) and locks every new layout, leaving no MG2001 and compiling.
    [Fact]
    public async Task One_fix_all_pass_bumps_and_locks_every_changed_model()
    {
        const string Two = """
            using ModelGen;
            namespace App;
            [SerializableModel]
            public partial class Mlp { public long Steps { get; set; } public int Epochs { get; set; } public float[] Weights { get; set; } = []; }
            [SerializableModel(Version = 9)]
            public partial class Head { public int Classes { get; set; } public float Bias { get; set; } }
            """;
        const string Third = """
            using ModelGen;
            namespace App;
            [SerializableModel]
            public partial class Tail { public int Width { get; set; } public string Name { get; set; } = ""; }
            """;
        const string HeadV9 = """
                {
                  "name": "App.Head",
                  "version": 9,
                  "fingerprint": "0000000000000000",
                  "members": [
                    { "name": "classes", "key": 1, "type": "int32", "required": false, "previousNames": [] }
                  ]
                }
            """;
        const string TailV1 = """
                {
                  "name": "App.Tail",
                  "version": 1,
                  "fingerprint": "0000000000000000",
                  "members": [
                    { "name": "width", "key": 2, "type": "int32", "required": false, "previousNames": [] }
                  ]
                }
            """;
        string source = Two.Replace("[SerializableModel]\npublic partial class Mlp", "[{|MG2001:SerializableModel|}]\npublic partial class Mlp")
            .Replace("[SerializableModel(Version = 9)]", "[{|MG2001:SerializableModel(Version = 9)|}]");
        string fixedSource = Two.Replace("[SerializableModel]\npublic partial class Mlp", "[SerializableModel(Version = 2)]\npublic partial class Mlp")
            .Replace("Version = 9", "Version = 10");
        var test = FixTest(source, Lock(EntryV1, HeadV9, TailV1), fixedSource, "");
        test.TestState.Sources.Add(("/0/Tail.cs", Third.Replace("[SerializableModel]", "[{|MG2001:SerializableModel|}]")));
        test.FixedState.AdditionalFiles.Clear();
        test.FixedState.Sources.Add(("/0/Tail.cs", Third.Replace("[SerializableModel]", "[SerializableModel(Version = 2)]")));
        test.FixedState.AdditionalFiles.Add((LockPath, Lock(HeadV9, """
                {
                  "name": "App.Head",
                  "version": 10,
                  "fingerprint": "c964214b687c21e0",
                  "members": [
                    { "name": "bias", "key": 92148, "type": "float32", "required": false, "previousNames": [] },
                    { "name": "classes", "key": 223079, "type": "int32", "required": false, "previousNames": [] }
                  ]
                }
            """, EntryV1, EntryV2, TailV1, """
                {
                  "name": "App.Tail",
                  "version": 2,
                  "fingerprint": "c96910d9549c24a8",
                  "members": [
                    { "name": "name", "key": 258774, "type": "string", "required": false, "previousNames": [] },
                    { "name": "width", "key": 115791, "type": "int32", "required": false, "previousNames": [] }
                  ]
                }
            """)));
        test.CodeFixTestBehaviors = CodeFixTestBehaviors.SkipFixAllInDocumentCheck;
        test.NumberOfFixAllIterations = 1;
        test.NumberOfFixAllInProjectIterations = 1;
        await test.RunAsync();
    }

    // Enums: binary data stores a member's value, so a lock records each enum's values and a renumbered member — which
    // would read old data as another member, in binary only — is MG2002, even in the same version (values are not
    // part of the layout: adding an enum member needs no version bump).
    private const string EnumModel = """
        using ModelGen;
        namespace App;
        public enum Activation { Relu, Tanh }
        [SerializableModel]
        public partial class Net { public Activation Activation { get; set; } public Activation[] Layers { get; set; } = []; }
        """;

    private const string EnumEntry = """
            {
              "name": "App.Net",
              "version": 1,
              "fingerprint": "37dfecd27d3a257e",
              "members": [
                { "name": "activation", "key": 60189, "type": "enum:Activation", "required": false, "previousNames": [] },
                { "name": "layers", "key": 118863, "type": "enum:Activation[]", "required": false, "previousNames": [] }
              ],
              "enums": [
                { "name": "App.Activation", "underlying": "int32", "values": { "Relu": 0, "Tanh": 1 } }
              ]
            }
        """;

    [Fact]
    public async Task The_lock_records_the_values_of_the_enums_a_model_uses()
    {
        string source = EnumModel.Replace("public partial class Net", "public partial class {|MG2003:Net|}");
        await FixTest(source, Lock(), EnumModel, Lock(EnumEntry)).RunAsync();
    }

    [Fact]
    public async Task An_enum_member_added_at_the_end_is_silent_and_an_entry_locked_before_enums_were_recorded_is_not_checked()
    {
        await AnalyzeAsync(EnumModel.Replace("Relu, Tanh", "Relu, Tanh, Gelu"), Lock(EnumEntry));
        string withoutEnums = EnumEntry.Substring(0, EnumEntry.IndexOf(",\n      \"enums\"", System.StringComparison.Ordinal)) + "\n    }";
        await AnalyzeAsync(EnumModel.Replace("Relu, Tanh", "Relu, Gelu, Tanh"), Lock(withoutEnums));
    }

    // The underlying type is recorded for readers (a value beyond its range is refused), not compared: the lock's
    // checks decide as they did before it was recorded, whether a lock lacks it or the enum's underlying type changed.
    [Fact]
    public async Task The_underlying_type_is_recorded_but_takes_no_part_in_the_checks()
    {
        string withoutUnderlying = EnumEntry.Replace("\"underlying\": \"int32\", ", "");
        Assert.DoesNotContain("underlying", withoutUnderlying);
        await AnalyzeAsync(EnumModel, Lock(withoutUnderlying));
        await AnalyzeAsync(EnumModel.Replace("enum Activation", "enum Activation : byte"), Lock(EnumEntry));
        await AnalyzeAsync(EnumModel.Replace("enum Activation", "enum Activation : long"), Lock(withoutUnderlying));
        await AnalyzeAsync(EnumModel.Replace("Relu, Tanh", "Relu, Gelu, Tanh").Replace("enum Activation", "enum Activation : byte")
                .Replace("public Activation Activation", "public Activation {|#0:Activation|}"), Lock(withoutUnderlying),
            Incompatible(0, "'Net' version 1 cannot be exchanged with locked version 1: enum member 'Activation.Tanh' was 1 when version 1 was locked and is 2 now; binary data stores the value, so data written before reads 'Tanh' as 'Gelu'; give it its old value (Tanh = 1)"));
        // The fix writes the current type: a lock of a byte enum says uint8.
        string byteModel = EnumModel.Replace("enum Activation", "enum Activation : byte");
        await FixTest(byteModel.Replace("public partial class Net", "public partial class {|MG2003:Net|}"), Lock(), byteModel,
            Lock(EnumEntry.Replace("\"underlying\": \"int32\"", "\"underlying\": \"uint8\""))).RunAsync();
    }

    [Fact]
    public async Task A_renumbered_enum_member_is_an_error_at_the_member_that_uses_it()
    {
        await AnalyzeAsync(EnumModel.Replace("Relu, Tanh", "Relu, Gelu, Tanh").Replace("public Activation Activation", "public Activation {|#0:Activation|}"), Lock(EnumEntry),
            Incompatible(0, "'Net' version 1 cannot be exchanged with locked version 1: enum member 'Activation.Tanh' was 1 when version 1 was locked and is 2 now; binary data stores the value, so data written before reads 'Tanh' as 'Gelu'; give it its old value (Tanh = 1)"));
    }

    [Fact]
    public async Task A_value_taken_by_another_member_is_an_error()
    {
        await AnalyzeAsync(EnumModel.Replace("Relu, Tanh", "Relu, Gelu").Replace("public Activation Activation", "public Activation {|#0:Activation|}"), Lock(EnumEntry),
            Incompatible(0, "'Net' version 1 cannot be exchanged with locked version 1: enum value 1 was 'Activation.Tanh' when version 1 was locked and is 'Gelu' now; binary data written before reads 'Tanh' as 'Gelu', and JSON that names 'Tanh' no longer loads; keep 'Tanh' = 1, and give 'Gelu' a value of its own"));
    }

    // A ulong flag beyond a double's 53 bits: the lock keeps its value exactly. Read through a double, the lock's
    // 9223372036854775809 and a renumbered 9223372036854775811 were one number, and the renumbering went unreported.
    private const string WideEnumModel = """
        using ModelGen;
        namespace App;
        [System.Flags] public enum Bits : ulong { None = 0, Low = 1, High = 0x8000000000000001 }
        [SerializableModel]
        public partial class Mask { public Bits Bits { get; set; } }
        """;

    private const string WideEnumEntry = """
            {
              "name": "App.Mask",
              "version": 1,
              "fingerprint": "5661bbe4ea24766f",
              "members": [
                { "name": "bits", "key": 47385, "type": "enum:Bits", "required": false, "previousNames": [] }
              ],
              "enums": [
                { "name": "App.Bits", "underlying": "uint64", "values": { "None": 0, "Low": 1, "High": 9223372036854775809 } }
              ]
            }
        """;

    [Fact]
    public async Task Enum_values_beyond_a_doubles_precision_are_compared_exactly()
    {
        ModelGen.Schema.SchemaEntry locked = ModelGen.Schema.SchemaDocument.Read(WideEnumEntry)[0];
        Assert.Equal("9223372036854775809", locked.Enums[0].Values[2].Value);
        Assert.Equal("uint64", locked.Enums[0].Underlying);
        Assert.Contains("{ \"name\": \"App.Bits\", \"underlying\": \"uint64\", \"values\": { \"None\": 0, \"Low\": 1, \"High\": 9223372036854775809 } }",
            ModelGen.Schema.SchemaDocument.WriteEntry(locked));
        // A lock written before the underlying type was recorded reads without it and is written back without it.
        ModelGen.Schema.SchemaEntry older = ModelGen.Schema.SchemaDocument.Read(WideEnumEntry.Replace("\"underlying\": \"uint64\", ", ""))[0];
        Assert.Null(older.Enums[0].Underlying);
        Assert.Contains("{ \"name\": \"App.Bits\", \"values\": {", ModelGen.Schema.SchemaDocument.WriteEntry(older));
    }

    [Fact]
    public async Task A_lock_written_for_a_wide_enum_holds_its_values_exactly()
    {
        string source = WideEnumModel.Replace("public partial class Mask", "public partial class {|MG2003:Mask|}");
        await FixTest(source, Lock(), WideEnumModel, Lock(WideEnumEntry)).RunAsync();
    }

    [Fact]
    public async Task A_wide_enum_member_renumbered_within_a_doubles_rounding_is_an_error()
    {
        await AnalyzeAsync(WideEnumModel, Lock(WideEnumEntry)); // unchanged: silent
        string renumbered = WideEnumModel.Replace("0x8000000000000001", "0x8000000000000003").Replace("public Bits Bits", "public Bits {|#0:Bits|}");
        await AnalyzeAsync(renumbered, Lock(WideEnumEntry), Incompatible(0, "'Mask' version 1 cannot be exchanged with locked version 1: enum member 'Bits.High' was 9223372036854775809 when version 1 was locked and is 9223372036854775811 now; binary data stores the value, so data written before reads as an undefined value; give it its old value (High = 9223372036854775809)"));
        // A lock that builds before 2026-12-06 rewrote through a double still matches the value it rounded.
        await AnalyzeAsync(WideEnumModel, Lock(WideEnumEntry.Replace("9223372036854775809", "9.223372036854776E+18")));
    }

    [Fact]
    public async Task A_renumbering_is_reported_against_an_older_version_too_and_an_enum_moved_to_another_namespace_is_followed()
    {
        string moved = """
            using ModelGen;
            namespace App
            {
                [SerializableModel(Version = 2)]
                public partial class {|MG2003:Net|} { public Other.Activation {|#0:Activation|} { get; set; } public Other.Activation[] Layers { get; set; } = []; }
            }
            namespace Other { public enum Activation { Gelu, Relu, Tanh } }
            """;
        await AnalyzeAsync(moved, Lock(EnumEntry),
            Incompatible(0, "'Net' version 2 cannot be exchanged with locked version 1: enum member 'Activation.Relu' was 0 when version 1 was locked and is 1 now; binary data stores the value, so data written before reads 'Relu' as 'Gelu'; give it its old value (Relu = 0)"),
            Incompatible(0, "'Net' version 2 cannot be exchanged with locked version 1: enum member 'Activation.Tanh' was 1 when version 1 was locked and is 2 now; binary data stores the value, so data written before reads 'Tanh' as 'Relu'; give it its old value (Tanh = 1)"));
    }
}
