using System;
using System.Collections.Generic;
using System.Globalization;
using Xunit;

namespace ModelGen.Tests;

/// <summary>Sorted collections of strings: the culture's comparer (ICU) finds "ab" and "a\u00ADb" (a soft hyphen)
/// equal, so they load with the ordinal comparer.</summary>
[SerializableModel]
public partial class SortedStrings
{
    public SortedSet<string> Words { get; set; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, int> Counts { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, SortedSet<string>> Nested { get; set; } = new();
    public SortedDictionary<(string, int), int> ByTuple { get; set; } = new(OrdinalTuples.Instance);
    public SortedSet<(int, (string, string))> Tuples { get; set; } = new(OrdinalNested.Instance);
}

// What a user who knows the culture trap writes for tuple keys.
internal sealed class OrdinalTuples : IComparer<(string, int)>
{
    public static readonly OrdinalTuples Instance = new();
    public int Compare((string, int) x, (string, int) y) => string.CompareOrdinal(x.Item1, y.Item1) is int c and not 0 ? c : x.Item2.CompareTo(y.Item2);
}

internal sealed class OrdinalNested : IComparer<(int, (string, string))>
{
    public static readonly OrdinalNested Instance = new();
    public int Compare((int, (string, string)) x, (int, (string, string)) y) =>
        x.Item1 != y.Item1 ? x.Item1.CompareTo(y.Item1)
        : string.CompareOrdinal(x.Item2.Item1, y.Item2.Item1) is int c and not 0 ? c : string.CompareOrdinal(x.Item2.Item2, y.Item2.Item2);
}

public class SortedStringTests
{
    private const string Soft = "a\u00ADb"; // soft hyphen: ignorable under culture comparison

    [Theory]
    [MemberData(nameof(RoundTripTests.Forms), MemberType = typeof(RoundTripTests))]
    public void Strings_a_culture_finds_equal_load_as_distinct_values(string form)
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-US");
        try
        {
            // The premise: under ICU the culture's comparer calls them equal (a culture-blind runtime would not).
            Assert.Equal(0, Comparer<string>.Default.Compare("ab", Soft));
            var model = new SortedStrings();
            model.Words.Add("ab");
            model.Words.Add(Soft);
            model.Counts["ab"] = 1;
            model.Counts[Soft] = 2;
            model.Nested["x"] = new SortedSet<string>(StringComparer.Ordinal) { "ab", Soft };
            model.ByTuple[("ab", 1)] = 1;
            model.ByTuple[(Soft, 1)] = 2;
            model.Tuples.Add((1, ("x", "ab")));
            model.Tuples.Add((1, ("x", Soft)));

            SortedStrings back = RoundTripTests.Run(form, model);

            Assert.Equal(new[] { "ab", Soft }, back.Words);
            Assert.Same(StringComparer.Ordinal, back.Words.Comparer);
            Assert.Equal(1, back.Counts["ab"]);
            Assert.Equal(2, back.Counts[Soft]);
            Assert.Same(StringComparer.Ordinal, back.Counts.Comparer);
            Assert.Equal(2, back.Nested["x"].Count);
            // Tuples holding strings: their items compare ordinal too.
            Assert.Equal(1, back.ByTuple[("ab", 1)]);
            Assert.Equal(2, back.ByTuple[(Soft, 1)]);
            Assert.Equal(2, back.Tuples.Count);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
