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
}
