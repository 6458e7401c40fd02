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

            SortedStrings back = RoundTripTests.Run(form, model);

            Assert.Equal(new[] { "ab", Soft }, back.Words);
            Assert.Same(StringComparer.Ordinal, back.Words.Comparer);
            Assert.Equal(1, back.Counts["ab"]);
            Assert.Equal(2, back.Counts[Soft]);
            Assert.Same(StringComparer.Ordinal, back.Counts.Comparer);
            Assert.Equal(2, back.Nested["x"].Count);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
