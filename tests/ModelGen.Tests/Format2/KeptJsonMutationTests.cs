using System;
using System.Linq;
using ModelGen.Tests.Format1;
using Xunit;
using Xunit.Sdk;

namespace ModelGen.Tests.Format2;

/// <summary>Members kept from format-2 data are written to JSON and dictionaries from the file's own table, which is
/// untrusted input: a table and payload mutated (and sealed again with a valid checksum) must never make a save of what
/// was read throw anything but <see cref="ModelFormatException"/>, and the JSON written must read back.</summary>
public class KeptJsonMutationTests
{
    private static readonly ModelSerializerOptions Format2 = new() { FormatVersion = 2 };

    [Fact]
    public void Saves_of_values_read_from_mutated_files_with_kept_members_write_json_or_refuse_cleanly()
    {
        byte[] data = ModelSerializer.Serialize(Format1Samples.EvolvingV2(), Format2);
        var random = new Random(20261205);
        int read = 0, keptInJson = 0;
        for (int i = 0; i < 3000; i++)
        {
            byte[] mutated = (byte[])data.Clone();
            int changes = 1 + random.Next(3);
            for (int c = 0; c < changes; c++)
            {
                int at = 6 + random.Next(mutated.Length - 6 - 16); // the table and the payload, not the trailer
                mutated[at] = random.Next(2) == 0 ? (byte)(mutated[at] ^ (1 << random.Next(8))) : (byte)random.Next(256);
            }
            byte[] file = Payload.Seal2(mutated[..^16]);
            EvolvingV1 value;
            try
            {
                value = ModelSerializer.Deserialize<EvolvingV1>(file);
            }
            catch (ModelFormatException)
            {
                continue;
            }
            read++;
            string json;
            try
            {
                keptInJson += ModelSerializer.GetUnknownMembers(value).Count(m => m.WrittenIn.HasFlag(ModelForms.Json));
                ModelDictionary.ToDictionary(value);
                json = ModelJson.Serialize(value);
            }
            catch (ModelFormatException)
            {
                continue;
            }
            catch (Exception e)
            {
                throw new XunitException($"mutation {i}: a value read from a sealed file could not be saved: {e}");
            }
            // What the writer wrote, its reader reads (the kept members come back as kept named members).
            EvolvingV1 again = ModelJson.Deserialize<EvolvingV1>(json);
            Assert.Equal(json, ModelJson.Serialize(again));
        }
        // Not vacuous: many mutations still read, and kept members were written to JSON from mutated tables.
        Assert.InRange(read, 100, 2999);
        Assert.True(keptInJson > 100, $"{keptInJson} kept members written to JSON");
    }
}
