using System.Threading.Tasks;
using Xunit;
using Verify = ModelGen.Analyzers.Tests.Infrastructure.Verifier<ModelGen.Analyzers.DataSets.ReadXmlAnalyzer>;

namespace ModelGen.Analyzers.Tests.DataSets;

public sealed class ReadXmlAnalyzerTests
{
    [Fact]
    public Task ReadXml_on_data_sets_and_tables_is_reported() => Verify.AnalyzeAsync("""
        using System.Data;
        using System.IO;

        class TypedDataSet : DataSet
        {
        }

        class Store
        {
            DataSet Load(Stream stream)
            {
                var set = new DataSet();
                {|MG1008:set.ReadXml(stream)|};
                return set;
            }

            void Table(DataTable table, TextReader reader) => {|MG1008:table.ReadXml(reader)|};
            void Typed(TypedDataSet set, string path) => {|MG1008:set.ReadXml(path, XmlReadMode.InferSchema)|};
        }
        """);

    [Fact]
    public Task Writing_xml_and_other_members_are_not_reported() => Verify.AnalyzeAsync("""
        using System.Data;
        using System.IO;

        class Store
        {
            void Save(DataSet set, Stream stream)
            {
                set.WriteXml(stream);
                set.Tables.Add(new DataTable("layers"));
                set.AcceptChanges();
            }
        }
        """);
}
