using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Pipelines;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace ModelGen.Tests;

/// <summary>The async entry points (streams, pipes, files) give the same bytes, the same limits and the same errors as
/// the synchronous ones, honour cancellation, and the checked atomic save never installs a file that does not load.</summary>
public sealed class AsyncIOTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("modelgen-async-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Network Big(string name, int floats) => new()
    {
        Name = name,
        Layers = [new Layer(1, floats, Enumerable.Range(0, floats).Select(i => i * 0.5f).ToArray(), new float[3])],
    };

    /// <summary>A stream that only supports asynchronous reads and writes (as Kestrel's body streams do by default) and
    /// hands out at most 1000 bytes per read, so reads never line up with the input's structure.</summary>
    private sealed class AsyncOnlyStream(byte[]? input = null) : Stream
    {
        private int _read;
        public MemoryStream Written { get; } = new();
        public override bool CanRead => input is not null;
        public override bool CanSeek => false;
        public override bool CanWrite => input is null;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => throw new InvalidOperationException("Synchronous operations are disallowed.");
        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous operations are disallowed.");
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            int n = Math.Min(Math.Min(buffer.Length, 1000), input!.Length - _read);
            input.AsSpan(_read, n).CopyTo(buffer.Span);
            _read += n;
            return n;
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            Written.Write(buffer.Span);
        }
    }

    [Fact]
    public async Task Binary_async_over_a_stream_that_forbids_synchronous_io_matches_the_synchronous_bytes()
    {
        Network model = Big("async", 200_000);
        var output = new AsyncOnlyStream();
        await ModelSerializer.SerializeAsync(output, model);
        byte[] bytes = output.Written.ToArray();
        Assert.Equal(ModelSerializer.Serialize(model), bytes);
        Deep.Equal(model, await ModelSerializer.DeserializeAsync<Network>(new AsyncOnlyStream(bytes)));
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(2, false)]
    public async Task Every_async_entry_point_writes_the_synchronous_bytes_in_either_format(int format, bool checksum)
    {
        // Large arrays are copied and hashed in pieces (StreamingChecksum) and small files hashed from what is
        // precomputed of the header (format 1: its hash state; format 2: its hash): each async output (a stream that takes writes in pieces, a pipe that pauses at 64 KiB,
        // a file) must give the bytes of the synchronous writer, and read back to the same value.
        var options = new ModelSerializerOptions { FormatVersion = format, WriteChecksum = checksum };
        foreach (Network model in new[] { Big("async", 300_000), Samples.NetworkSample() })
        {
            byte[] expected = ModelSerializer.Serialize(model, options);
            Assert.Equal(format, expected[4]);
            // The format's checksum (format 2: of the header's and the payload's hashes, §9.1), or none.
            Assert.Equal(checksum ? FileChecksum.Of(expected) : 0, BinaryPrimitives.ReadUInt64LittleEndian(expected.AsSpan(expected.Length - 8)));

            var output = new AsyncOnlyStream();
            await ModelSerializer.SerializeAsync(output, model, options);
            Assert.Equal(expected, output.Written.ToArray());
            Deep.Equal(model, await ModelSerializer.DeserializeAsync<Network>(new AsyncOnlyStream(expected)));

            var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 64 * 1024, resumeWriterThreshold: 32 * 1024, useSynchronizationContext: false));
            Task write = Task.Run(async () =>
            {
                await ModelSerializer.SerializeAsync(pipe.Writer, model, options);
                await pipe.Writer.CompleteAsync();
            });
            var piped = new MemoryStream();
            await pipe.Reader.CopyToAsync(piped).WaitAsync(TimeSpan.FromMinutes(1));
            await write;
            Assert.Equal(expected, piped.ToArray());
            Deep.Equal(model, await ModelSerializer.DeserializeAsync<Network>(PipeOf(expected)));

            string path = Path.Combine(_folder, $"f{format}-{checksum}-{model.Name}.mgm");
            await ModelFile.SaveAsync(path, model, options);
            Assert.Equal(expected, await File.ReadAllBytesAsync(path));
            Deep.Equal(model, await ModelFile.LoadAsync<Network>(path));
        }
    }

    [Fact]
    public async Task Json_async_over_a_stream_that_forbids_synchronous_io_matches_the_synchronous_text()
    {
        Network model = Samples.NetworkSample();
        var output = new AsyncOnlyStream();
        await ModelJson.SerializeAsync(output, model);
        byte[] bytes = output.Written.ToArray();
        Assert.Equal(ModelJson.SerializeToUtf8Bytes(model), bytes);
        Deep.Equal(model, await ModelJson.DeserializeAsync<Network>(new AsyncOnlyStream(bytes)));
    }

    [Fact]
    public async Task A_large_model_crosses_a_pipe_with_a_small_pause_threshold_in_both_directions()
    {
        // A pipe that pauses its writer at 64 KiB, as a server's request pipe does: the reader must consume as it
        // copies and the writer must flush as it goes, or this deadlocks. Written and read concurrently.
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 64 * 1024, resumeWriterThreshold: 32 * 1024, useSynchronizationContext: false));
        Network model = Big("piped", 2_000_000); // 8 MB
        Task write = Task.Run(async () =>
        {
            await ModelSerializer.SerializeAsync(pipe.Writer, model);
            await pipe.Writer.CompleteAsync();
        });
        Network read = await ModelSerializer.DeserializeAsync<Network>(pipe.Reader).AsTask().WaitAsync(TimeSpan.FromMinutes(1));
        await write;
        Deep.Equal(model, read);

        var jsonPipe = new Pipe(new PipeOptions(pauseWriterThreshold: 64 * 1024, resumeWriterThreshold: 32 * 1024, useSynchronizationContext: false));
        Network smaller = Big("json", 100_000);
        Task jsonWrite = Task.Run(async () =>
        {
            await ModelJson.SerializeAsync(jsonPipe.Writer, smaller);
            await jsonPipe.Writer.CompleteAsync();
        });
        Network jsonRead = await ModelJson.DeserializeAsync<Network>(jsonPipe.Reader).AsTask().WaitAsync(TimeSpan.FromMinutes(1));
        await jsonWrite;
        Deep.Equal(smaller, jsonRead);
    }

    private static async Task<ModelFormatException> BadAsync(Func<Task> action)
    {
        Exception e = await Record.ExceptionAsync(action);
        return Assert.IsType<ModelFormatException>(e);
    }

    private static PipeReader PipeOf(byte[] data) => PipeReader.Create(new System.Buffers.ReadOnlySequence<byte>(data));

    [Fact]
    public async Task Bad_binary_input_fails_async_with_the_synchronous_message_and_path()
    {
        var noChecksum = new ModelSerializerOptions { WriteChecksum = false };
        byte[] good = ModelSerializer.Serialize(new Hyper(Dropout: 0.5), noChecksum);
        byte[] outOfRange = (byte[])good.Clone();
        byte[] half = new byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(half, 0.5);
        int at = outOfRange.AsSpan().IndexOf(half);
        BinaryPrimitives.WriteDoubleLittleEndian(outOfRange.AsSpan(at), 2.0);
        byte[] truncated = ModelSerializer.Serialize(Samples.NetworkSample())[..^5];
        byte[] otherModel = ModelSerializer.Serialize(Samples.NetworkSample());

        foreach ((byte[] data, Func<byte[], Task> read) in new (byte[], Func<byte[], Task>)[]
        {
            (outOfRange, d => ModelSerializer.DeserializeAsync<Hyper>(new AsyncOnlyStream(d)).AsTask()),
            (outOfRange, d => ModelSerializer.DeserializeAsync<Hyper>(PipeOf(d)).AsTask()),
            (truncated, d => ModelSerializer.DeserializeAsync<Network>(new AsyncOnlyStream(d)).AsTask()),
            (otherModel, d => ModelSerializer.DeserializeAsync<Hyper>(new MemoryStream(d)).AsTask()),
            ([], d => ModelSerializer.DeserializeAsync<Hyper>(new MemoryStream(d)).AsTask()),
        })
        {
            ModelFormatException sync = Bad.Throws(() => ModelSerializer.Deserialize<Hyper>(new MemoryStream(data)));
            ModelFormatException async = await BadAsync(() => read(data));
            if (data != otherModel && data != truncated) Assert.Equal(sync.Message, async.Message);
        }
        ModelFormatException range = await BadAsync(() => ModelSerializer.DeserializeAsync<Hyper>(new AsyncOnlyStream(outOfRange)).AsTask());
        Assert.Equal("dropout", range.Path);
        Assert.Contains("at 'dropout'", range.Message);
        Assert.Contains("not 'ModelGen.Tests.Hyper'", (await BadAsync(() => ModelSerializer.DeserializeAsync<Hyper>(new MemoryStream(otherModel)).AsTask())).Message);
        Assert.Contains("truncated", (await BadAsync(() => ModelSerializer.DeserializeAsync<Network>(new AsyncOnlyStream(truncated)).AsTask())).Message);
    }

    [Fact]
    public async Task Bad_json_input_fails_async_with_the_member_path()
    {
        byte[] json = Encoding.UTF8.GetBytes("""{"dropout": 2.0}""");
        ModelFormatException e = await BadAsync(() => ModelJson.DeserializeAsync<Hyper>(new AsyncOnlyStream(json)).AsTask());
        Assert.Equal("dropout", e.Path);
        Assert.Equal(Bad.Throws(() => ModelJson.Deserialize<Hyper>(json)).Message, e.Message);
        ModelFormatException truncated = await BadAsync(() => ModelJson.DeserializeAsync<Hyper>(PipeOf(json[..^3])).AsTask());
        Assert.Contains("JSON", truncated.Message);
    }

    [Fact]
    public async Task The_input_size_limit_holds_for_streams_of_unknown_length_and_for_pipes()
    {
        byte[] data = ModelSerializer.Serialize(Big("limit", 100_000));
        var limit = new ModelSerializerOptions { MaxInputSize = 50_000 };
        ModelFormatException stream = await BadAsync(() => ModelSerializer.DeserializeAsync<Network>(new AsyncOnlyStream(data), limit).AsTask());
        Assert.Contains("MaxInputSize", stream.Message);
        ModelFormatException pipe = await BadAsync(() => ModelSerializer.DeserializeAsync<Network>(PipeOf(data), limit).AsTask());
        Assert.Contains("MaxInputSize", pipe.Message);
        ModelFormatException known = await BadAsync(() => ModelSerializer.DeserializeAsync<Network>(new MemoryStream(data), limit).AsTask());
        Assert.Equal(Bad.Throws(() => ModelSerializer.Deserialize<Network>(new MemoryStream(data), limit)).Message, known.Message);
        byte[] json = ModelJson.SerializeToUtf8Bytes(Big("limit", 10_000));
        ModelFormatException jsonLimit = await BadAsync(() =>
            ModelJson.DeserializeAsync<Network>(new AsyncOnlyStream(json), new ModelJsonOptions { MaxInputSize = 1000 }).AsTask());
        Assert.Contains("MaxInputSize", jsonLimit.Message);
    }

    [Fact]
    public async Task A_canceled_token_stops_reading_and_writing()
    {
        using var canceled = new CancellationTokenSource();
        canceled.Cancel();
        byte[] data = ModelSerializer.Serialize(Samples.NetworkSample());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ModelSerializer.DeserializeAsync<Network>(new AsyncOnlyStream(data), null, canceled.Token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ModelSerializer.SerializeAsync(new AsyncOnlyStream(), Samples.NetworkSample(), null, canceled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ModelJson.DeserializeAsync<Network>(new Pipe().Reader, null, canceled.Token).AsTask());

        // Canceled while waiting for more input from a pipe whose writer never completes.
        using var later = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(data.AsMemory(0, 10));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ModelSerializer.DeserializeAsync<Network>(pipe.Reader, null, later.Token).AsTask());

        string path = Path.Combine(_folder, "kept.mgen");
        await ModelFile.SaveAsync(path, Samples.NetworkSample());
        byte[] before = File.ReadAllBytes(path);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ModelFile.SaveAsync(path, Big("new", 1000), null, canceled.Token));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task SaveAsync_and_LoadAsync_round_trip_and_match_the_synchronous_file()
    {
        string path = Path.Combine(_folder, "model.mgen");
        Network model = Big("file", 300_000); // over the 1 MiB memory-map threshold of the synchronous load
        await ModelFile.SaveAsync(path, model);
        Deep.Equal(model, await ModelFile.LoadAsync<Network>(path));
        Deep.Equal(model, ModelFile.Load<Network>(path));
        Assert.Equal(ModelSerializer.Serialize(model), File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    // ModelFile.SaveAtomic installs only what loads: before the check, each of these replaced the good file and the
    // next Load failed.

    private string SavedGood(out byte[] bytes)
    {
        string path = Path.Combine(_folder, "good.mgen");
        ModelFile.Save(path, Samples.NetworkSample());
        bytes = File.ReadAllBytes(path);
        return path;
    }

    public static TheoryData<string> Corruptions => ["checksum", "truncated", "empty", "not a model file", "flag cleared"];

    private static byte[] Corrupt(string kind)
    {
        byte[] data = ModelSerializer.Serialize(Big("download", 50_000));
        switch (kind)
        {
            case "checksum": data[data.Length / 2] ^= 0x10; return data;
            case "truncated": return data[..(data.Length / 3)];
            case "empty": return [];
            case "not a model file": return Encoding.UTF8.GetBytes("<html>502 Bad Gateway</html>");
            default: data[5] = 0; return data; // the checksum flag cleared, the checksum still there
        }
    }

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void SaveAtomic_refuses_a_corrupt_download_and_keeps_the_good_file(string kind)
    {
        string path = SavedGood(out byte[] before);
        byte[] download = Corrupt(kind);
        ModelFormatException e = Bad.Throws(() => ModelFile.SaveAtomic(path, stream => stream.Write(download)));
        Assert.Contains("was not installed", e.Message);
        Assert.IsType<ModelFormatException>(e.InnerException);
        Assert.Equal(before, File.ReadAllBytes(path));
        Deep.Equal(Samples.NetworkSample(), ModelFile.Load<Network>(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Theory]
    [MemberData(nameof(Corruptions))]
    public async Task SaveAtomicAsync_refuses_a_corrupt_download_and_keeps_the_good_file(string kind)
    {
        string path = SavedGood(out byte[] before);
        byte[] download = Corrupt(kind);
        ModelFormatException e = await BadAsync(() => ModelFile.SaveAtomicAsync<Network>(path, (stream, token) => stream.WriteAsync(download, token).AsTask()));
        Assert.Contains("was not installed", e.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task SaveAtomic_of_T_refuses_a_valid_file_of_another_model()
    {
        string path = SavedGood(out byte[] before);
        byte[] other = ModelSerializer.Serialize(new Hyper());
        ModelFormatException e = Bad.Throws(() => ModelFile.SaveAtomic<Network>(path, stream => stream.Write(other)));
        Assert.Contains("holds model 'ModelGen.Tests.Hyper', not 'ModelGen.Tests.Network'", e.Message);
        await BadAsync(() => ModelFile.SaveAtomicAsync<Network>(path, (stream, token) => stream.WriteAsync(other, token).AsTask()));
        Assert.Equal(before, File.ReadAllBytes(path));

        // Without the type, a valid file of any model is installed; with it, a valid download of the same model is.
        byte[] download = ModelSerializer.Serialize(Big("downloaded", 1000));
        await ModelFile.SaveAtomicAsync<Network>(path, (stream, token) => stream.WriteAsync(download, token).AsTask());
        Assert.Equal("downloaded", (await ModelFile.LoadAsync<Network>(path)).Name);
        ModelFile.SaveAtomic(path, stream => stream.Write(other));
        Assert.Equal(other, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_file_written_without_a_checksum_is_installed_when_its_envelope_is_whole()
    {
        string path = Path.Combine(_folder, "plain.mgen");
        var noChecksum = new ModelSerializerOptions { WriteChecksum = false };
        ModelFile.Save(path, Samples.NetworkSample(), noChecksum);
        Deep.Equal(Samples.NetworkSample(), ModelFile.Load<Network>(path));
    }
}
