using System.Collections.Generic;
using System.Linq;
using ModelGen.Analyzers.SchemaLock;
using ModelGen.Schema;
using Xunit;

namespace ModelGen.Analyzers.Tests.SchemaLock;

/// <summary>Which collection type changes MG2002 accepts: every collection kind of one element type is an array,
/// list&lt;T&gt; or set&lt;T&gt; on the wire, and every set is a valid list, but a list may hold a value twice.</summary>
public sealed class SchemaCompatibilityTests
{
    private static List<(string Member, string Problem)> Problems(string before, string now) =>
        SchemaCompatibility.Problems(Entry(now), Entry(before));

    private static SchemaEntry Entry(string type) => new()
    {
        Name = "App.Vocabulary", Version = 1, Fingerprint = 1,
        Members = [new MemberEntry { Name = "words", Key = 10, Type = type, PreviousNames = [] }],
    };

    [Theory]
    [InlineData("list<string>", "string[]")]      // List<string> -> ImmutableArray<string>, Queue<string>, IList<string>, ...
    [InlineData("string[]", "list<string>")]
    [InlineData("set<string>", "list<string>")]   // HashSet<string> -> List<string>: every set is a list
    [InlineData("set<string>", "string[]")]
    [InlineData("set<int32>", "list<int64>")]     // with a widened element
    [InlineData("set<string>?", "set<string>")]
    [InlineData("map<string,set<int32>>", "map<string,list<int32>>")]
    public void Compatible_collection_changes(string before, string now) => Assert.Empty(Problems(before, now));

    [Theory]
    [InlineData("list<string>", "set<string>")]
    [InlineData("string[]", "set<string>")]
    [InlineData("map<string,list<int32>>", "map<string,set<int32>>")]
    public void A_list_becoming_a_set_is_refused_because_older_data_may_hold_duplicates(string before, string now)
    {
        var problem = Assert.Single(Problems(before, now));
        Assert.Contains("may hold the same value twice, which a set refuses", problem.Problem);
    }

    [Fact]
    public void A_set_of_another_element_type_is_refused() =>
        Assert.Contains("reused for another type", Problems("set<string>", "set<int32>").Single().Problem);

    // Rectangular arrays: an element-type change is judged by the element (a widening is safe, a narrowing loses
    // values); it was reported as "the key is reused for another type". A rank change is its own problem.
    [Theory]
    [InlineData("float32[,]", "float64[,]")]
    [InlineData("int32[,,,]", "int64[,,,]")]
    [InlineData("float32[,]?", "float64[,]")]
    [InlineData("list<float32[,]>", "list<float64[,]>")]
    public void A_rectangular_array_of_a_wider_element_is_compatible(string before, string now) => Assert.Empty(Problems(before, now));

    [Fact]
    public void A_rectangular_array_of_a_narrower_element_loses_values() =>
        Assert.Contains("a narrowing change loses values", Problems("float64[,]", "float32[,]").Single().Problem);

    [Fact]
    public void A_rectangular_array_of_an_unrelated_element_is_another_element_type()
    {
        string problem = Problems("float32[,]", "string[,]").Single().Problem;
        Assert.Contains("the element type changed from float32 to string", problem);
    }

    [Theory]
    [InlineData("float32[,]", "float32[,,]", "the array's rank changed from 2 to 3")]
    [InlineData("float32[]", "float32[,]", "the array's rank changed from 1 to 2")]
    public void A_rank_change_says_so(string before, string now, string reason) =>
        Assert.Contains(reason, Problems(before, now).Single().Problem);

    // Tuples: like sequences, item by item; the arity is part of the shape.
    [Theory]
    [InlineData("tuple<int32,int32>", "tuple<int64,float64>")]
    [InlineData("tuple<int32,int32>?", "tuple<int32,int32>")]
    [InlineData("map<tuple<int32,int32>,float32>", "map<tuple<int64,int32>,float64>")]
    [InlineData("list<tuple<string,set<int32>>>", "list<tuple<string,list<int32>>>")]
    public void A_tuple_of_wider_items_is_compatible(string before, string now) => Assert.Empty(Problems(before, now));

    [Theory]
    [InlineData("tuple<int32,int32>", "tuple<int32,int32,int32>", "the tuple's arity changed from 2 to 3")]
    [InlineData("tuple<int64,int32>", "tuple<int32,int32>", "item 1: a narrowing change loses values")]
    [InlineData("tuple<string,int32>", "tuple<int32,int32>", "item 1: the key is reused for another type")]
    [InlineData("keyvalue<string,int32>", "tuple<string,int32>", "a KeyValuePair and a tuple differ in JSON")]
    [InlineData("map<tuple<int32,int32>,float32>", "map<tuple<int32>,float32>", "the tuple's arity changed from 2 to 1")]
    public void A_tuple_change_that_loses_data_says_which_item(string before, string now, string reason) =>
        Assert.Contains(reason, Problems(before, now).Single().Problem);

    private static SchemaEntry WithEnum(params (string Name, string Value)[] values) => new()
    {
        Name = "App.Net", Version = 1, Fingerprint = 1,
        Enums = [new EnumEntry { Name = "App.Flags", Values = values.ToList() }],
    };

    [Fact]
    public void A_member_moved_to_a_value_nobody_had_reads_old_data_as_an_undefined_value()
    {
        string problem = SchemaCompatibility.EnumProblems(WithEnum(("None", "0"), ("All", "5")), WithEnum(("None", "0"), ("All", "1"))).Single().Problem;
        Assert.Contains("enum member 'Flags.All' was 1 when version 1 was locked and is 5 now", problem);
        Assert.Contains("reads as an undefined value", problem);
    }

    [Fact]
    public void Enum_values_survive_the_lock_file_round_trip_through_doubles_without_a_false_alarm()
    {
        // The lock file's reader parses numbers as doubles; ulong.MaxValue and long.MinValue must still compare equal.
        SchemaEntry current = WithEnum(("Min", "-9223372036854775808"), ("Max", "18446744073709551615"));
        SchemaEntry locked = SchemaDocument.Read(SchemaDocument.WriteLock([current])).Single();
        Assert.Equal(["Min", "Max"], locked.Enums.Single().Values.Select(v => v.Name));
        Assert.Empty(SchemaCompatibility.EnumProblems(current, locked));
        Assert.Single(SchemaCompatibility.EnumProblems(WithEnum(("Min", "-9223372036854775808"), ("Max", "1")), locked));
    }
}
