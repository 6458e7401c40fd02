using System.Threading.Tasks;
using ModelGen.CodeFixes.Models;
using Xunit;
using Verify = ModelGen.Analyzers.Tests.Infrastructure.Verifier<ModelGen.Analyzers.Tests.Infrastructure.KeptMembersRuleStandIn>;

namespace ModelGen.Analyzers.Tests.CodeFixes;

/// <summary>MG0023's fix: a struct model gets <c>private KeptMembers _kept;</c>, and then no MG0023 (the stand-in runs
/// the generator's parser). That the fixed struct keeps newer members through a rollback, with the real generator, is
/// in tests/ModelGen.Generator.Tests (KeptMembersFixTests).</summary>
public sealed class DeclareKeptMembersCodeFixTests
{
    [Fact]
    public Task A_struct_gets_the_field_after_its_members_formatted_as_the_IDE_would() => Verify.FixAsync<DeclareKeptMembersCodeFixProvider>("""
        using ModelGen;

        [SerializableModel]
        public partial struct {|MG0023:Range|}
        {
            public double Min { get; set; }
            public double Max { get; set; }
        }
        """, """
        using ModelGen;

        [SerializableModel]
        public partial struct Range
        {
            public double Min { get; set; }
            public double Max { get; set; }

            private KeptMembers _kept;
        }
        """);

    [Fact]
    public Task A_positional_record_struct_without_a_body_gets_one() => Verify.FixAsync<DeclareKeptMembersCodeFixProvider>("""
        using ModelGen;

        [SerializableModel]
        public partial record struct {|MG0023:Pair|}(int A, string? B);
        """, """
        using ModelGen;

        [SerializableModel]
        public partial record struct Pair(int A, string? B)
        {
            private KeptMembers _kept;
        }
        """);

    [Fact]
    public Task Without_a_using_the_type_is_qualified() => Verify.FixAsync<DeclareKeptMembersCodeFixProvider>("""
        namespace App
        {
            public partial class Outer
            {
                [ModelGen.Hyperparameters]
                public partial struct {|MG0023:Options|}
                {
                    public float Rate { get; set; }
                }
            }
        }
        """, """
        namespace App
        {
            public partial class Outer
            {
                [ModelGen.Hyperparameters]
                public partial struct Options
                {
                    public float Rate { get; set; }

                    private ModelGen.KeptMembers _kept;
                }
            }
        }
        """);

    [Fact]
    public Task A_taken_name_is_not_reused() => Verify.FixAsync<DeclareKeptMembersCodeFixProvider>("""
        using ModelGen;

        [SerializableModel]
        public partial struct {|MG0023:Counter|}(int _kept2)
        {
            public int Count { get; set; } = _kept2;
            [ModelIgnore] public int _kept { get; set; }
        }
        """, """
        using ModelGen;

        [SerializableModel]
        public partial struct Counter(int _kept2)
        {
            public int Count { get; set; } = _kept2;
            [ModelIgnore] public int _kept { get; set; }

            private KeptMembers _kept3;
        }
        """);

    [Fact]
    public Task Fix_all_declares_the_field_in_every_struct_of_the_document() => Verify.FixAsync<DeclareKeptMembersCodeFixProvider>("""
        using ModelGen;

        [SerializableModel]
        public partial struct {|MG0023:A|}
        {
            public int X;
        }

        [SerializableModel]
        public partial record struct {|MG0023:B|}(int Y)
        {
            public int Z { get; set; }
        }

        [SerializableModel]
        public partial struct C
        {
            public int X;
            private KeptMembers _mine;
        }
        """, """
        using ModelGen;

        [SerializableModel]
        public partial struct A
        {
            public int X;
            private KeptMembers _kept;
        }

        [SerializableModel]
        public partial record struct B(int Y)
        {
            public int Z { get; set; }

            private KeptMembers _kept;
        }

        [SerializableModel]
        public partial struct C
        {
            public int X;
            private KeptMembers _mine;
        }
        """);

    // A readonly struct cannot hold the field (CS8340, or MG0007 when it is readonly): the warning stays, with no fix,
    // since making the struct mutable is the author's call (its message says so).
    [Fact]
    public Task A_readonly_struct_is_warned_but_not_fixed()
    {
        const string source = """
            using ModelGen;

            [SerializableModel]
            public readonly partial record struct {|MG0023:Measurement|}(double Value);
            """;
        return Verify.FixAsync<DeclareKeptMembersCodeFixProvider>(source, source);
    }
}
