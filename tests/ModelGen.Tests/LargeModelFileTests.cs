using System;
using System.IO;
using System.Linq;
using Xunit;

namespace ModelGen.Tests;

[SerializableModel]
public partial class WeightsFile
{
    public string Name { get; set; } = "";
    public float[] Weights { get; set; } = [];
    public double[] Bias { get; set; } = [];
}

// Rows that may share one array: a model whose encoded size is far larger than the memory it takes.
[SerializableModel]
public partial class ShardedWeights
{
    public float[][] Rows { get; set; } = [];
}

// The same for JSON, where byte arrays are base64 text: 64 MiB of bytes become 85 MiB of text.
[SerializableModel]
public partial class ShardedBytes
{
    public byte[][] Shards { get; set; } = [];
}

/// <summary>Large models through files: a load holds the model once (plus bounded buffers), a save streams in chunks,
/// and inputs larger than one read can hold fail with a clear error.</summary>
public sealed class LargeModelFileTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "modelgen-large-" + Guid.NewGuid().ToString("n"));

    public LargeModelFileTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static WeightsFile Model(int floats)
    {
        var model = new WeightsFile { Name = "large", Weights = new float[floats], Bias = new double[floats / 16] };
        for (int i = 0; i < model.Weights.Length; i++) model.Weights[i] = i * 0.25f - 7;
        for (int i = 0; i < model.Bias.Length; i++) model.Bias[i] = -i * 0.5;
        return model;
    }

    [Fact]
    public void Loading_a_file_allocates_about_the_model_once()
    {
        WeightsFile model = Model(16 * 1024 * 1024); // 64 MiB of weights, 8 MiB of bias
        long modelBytes = model.Weights.Length * 4L + model.Bias.Length * 8L;
        string path = Path.Combine(_dir, "model.mgen");
        ModelFile.Save(path, model);
        string small = Path.Combine(_dir, "small.mgen");
        ModelFile.Save(small, Model(512 * 1024));
        ModelFile.Load<WeightsFile>(small); // JIT and first-use allocations out of the way, on another (mapped) file

        long before = GC.GetAllocatedBytesForCurrentThread();
        WeightsFile loaded = ModelFile.Load<WeightsFile>(path);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The file is read outside the managed heap: the arrays of the result, plus less than 1 MiB for everything
        // else (reading it into a pooled array first would allocate the 72 MiB input a second time).
        Assert.InRange(allocated, modelBytes, modelBytes + 1024 * 1024);
        Assert.True(model.Weights.AsSpan().SequenceEqual(loaded.Weights));
        Assert.True(model.Bias.AsSpan().SequenceEqual(loaded.Bias));
        Assert.Equal("large", loaded.Name);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_file_stream_is_read_outside_the_stream_and_the_heap_or_mapped(bool map)
    {
        WeightsFile model = Model(1024 * 1024);
        string path = Path.Combine(_dir, "mapped.mgen");
        ModelFile.Save(path, model);
        var options = new ModelSerializerOptions { MemoryMapFiles = map };
        ModelFile.Load<WeightsFile>(path, options); // first use out of the way

        using var stream = new CountingFileStream(path);
        stream.Position = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        WeightsFile loaded = ModelSerializer.Deserialize<WeightsFile>(stream, options);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, stream.Reads); // read through the file's handle in one go, or mapped: not through the stream's buffer
        Assert.Equal(stream.Length, stream.Position); // the stream is left after the model, as a read would leave it
        Assert.True(model.Weights.AsSpan().SequenceEqual(loaded.Weights));
        long arrays = model.Weights.Length * 4L + model.Bias.Length * 8L;
        Assert.InRange(allocated, arrays, arrays + 64 * 1024); // the file's 4.5 MiB are not in the heap
    }

    [Fact]
    public void A_file_that_ends_before_its_measured_length_is_an_error_naming_the_truncation()
    {
        // What a load sees when another process truncates the file between measuring it and reading it.
        WeightsFile model = Model(1024 * 1024);
        string path = Path.Combine(_dir, "shrinking.mgen");
        ModelFile.Save(path, model);
        using var stream = new ShrinkingFileStream(path);
        ModelFormatException e = Assert.Throws<ModelFormatException>(() => ModelSerializer.Deserialize<WeightsFile>(stream));
        Assert.Contains("truncated while it was read", e.Message);
    }

    // Reports the length the file had when opened; the file is then cut to half, as an in-place rewrite does.
    private sealed class ShrinkingFileStream(string path) : FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite)
    {
        private readonly long _measured = new FileInfo(path).Length;
        private bool _cut;

        public override long Length
        {
            get
            {
                if (!_cut)
                {
                    _cut = true;
                    SetLength(_measured / 2);
                }
                return _measured;
            }
        }
    }

    [Fact]
    public void A_file_rewritten_in_place_while_it_loads_gives_a_model_or_an_error_never_a_crash()
    {
        // Another process rewrites the file in place while a service loads it: `cp`, File.WriteAllBytes, torch.save or
        // Serialize(File.Create(path), ...) truncate it first. A load from a memory map then touches pages past the new
        // end, which on Linux is a fatal access violation that ends the process (no exception can catch it). A load
        // must give one of the two models whole, or a ModelFormatException.
        WeightsFile first = Model(2 * 1024 * 1024), second = Model(1024 * 1024);
        second.Name = "second";
        byte[] firstBytes = ModelSerializer.Serialize(first), secondBytes = ModelSerializer.Serialize(second);
        string path = Path.Combine(_dir, "rewritten.mgen");
        File.WriteAllBytes(path, firstBytes);
        using var stop = new System.Threading.CancellationTokenSource();
        var writer = new System.Threading.Thread(() =>
        {
            for (int i = 0; !stop.IsCancellationRequested; i++)
            {
                using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite);
                byte[] bytes = i % 2 == 0 ? secondBytes : firstBytes;
                for (int at = 0; at < bytes.Length; at += 256 * 1024) file.Write(bytes, at, Math.Min(256 * 1024, bytes.Length - at));
            }
        });
        writer.Start();
        int loaded = 0, refused = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            while (clock.ElapsedMilliseconds < 3000)
            {
                try
                {
                    using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                    WeightsFile model = ModelSerializer.Deserialize<WeightsFile>(stream);
                    WeightsFile expected = model.Name == "second" ? second : first;
                    Assert.True(expected.Weights.AsSpan().SequenceEqual(model.Weights));
                    Assert.True(expected.Bias.AsSpan().SequenceEqual(model.Bias));
                    loaded++;
                }
                catch (ModelFormatException)
                {
                    refused++; // read while it was being written: truncated, torn (checksum) or still empty
                }
            }
        }
        finally
        {
            stop.Cancel();
            writer.Join();
        }
        Assert.True(refused > 0, "no load met the file while it was being rewritten");
        Assert.True(loaded + refused > 10);
    }

    private sealed class CountingFileStream(string path) : FileStream(path, FileMode.Open, FileAccess.Read)
    {
        public int Reads { get; private set; }
        public override int Read(byte[] buffer, int offset, int count) { Reads++; return base.Read(buffer, offset, count); }
        public override int Read(Span<byte> buffer) { Reads++; return base.Read(buffer); }
    }

    [Fact]
    public void Saving_streams_the_model_in_bounded_chunks()
    {
        WeightsFile model = Model(4 * 1024 * 1024);
        using var sink = new RecordingStream();
        ModelSerializer.Serialize(sink, model); // first use: pooled buffers and the hasher are created
        sink.Reset();

        long before = GC.GetAllocatedBytesForCurrentThread();
        ModelSerializer.Serialize(sink, model);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(sink.Total > model.Weights.Length * 4L);
        Assert.InRange(sink.LargestWrite, 1, 64 * 1024);   // written as it is produced, 64 KiB at a time
        Assert.InRange(allocated, 0, 16 * 1024);           // no copy of the model's bytes in memory
    }

    [Fact]
    public void A_file_larger_than_one_read_can_hold_is_a_clear_error()
    {
        string path = Path.Combine(_dir, "huge.mgen");
        using (var file = new FileStream(path, FileMode.CreateNew))
            file.SetLength(3L * 1024 * 1024 * 1024); // sparse: takes no disk space
        ModelFormatException limit = Assert.Throws<ModelFormatException>(() => ModelFile.Load<WeightsFile>(path));
        Assert.Contains("MaxInputSize", limit.Message);
        ModelFormatException tooLarge = Assert.Throws<ModelFormatException>(() =>
            ModelFile.Load<WeightsFile>(path, new ModelSerializerOptions { MaxInputSize = long.MaxValue }));
        Assert.Contains("larger than the largest input one read can hold", tooLarge.Message);
    }

    [Fact]
    public void A_model_larger_than_one_read_can_load_is_refused_by_the_writer()
    {
        // 33 references to one 64 MiB row: 2.1 GB of output from 64 MiB of memory. Every reader holds one input in
        // one span, so this file could be written but never loaded.
        float[] row = new float[16 * 1024 * 1024];
        var model = new ShardedWeights { Rows = Enumerable.Repeat(row, 33).ToArray() };
        using var sink = new RecordingStream();
        var options = new ModelSerializerOptions { WriteChecksum = false };
        ModelFormatException e = Assert.Throws<ModelFormatException>(() => ModelSerializer.Serialize(sink, model, options));
        Assert.Contains("more than one read can load", e.Message);
        // What reached the stream lacks the trailer: it is no model file.
        Assert.InRange(sink.Total, 33L * row.Length * 4, 33L * row.Length * 4 + 1024);
        Assert.True(sink.Total + 16 > Array.MaxLength);

        // One row fewer fits, and is written whole.
        sink.Reset();
        model.Rows = Enumerable.Repeat(row, 31).ToArray();
        ModelSerializer.Serialize(sink, model, options);
        Assert.True(sink.Total > 31L * row.Length * 4);
    }

    [Fact]
    public async System.Threading.Tasks.Task Async_writers_refuse_a_model_larger_than_one_read_can_load_and_write_nothing()
    {
        // JSON: 25 references to one 64 MiB byte array are 2.24 GB of base64 text. The async writers build the text
        // in pooled segments before anything reaches the stream, so the refusal leaves the stream untouched.
        byte[] shard = new byte[64 * 1024 * 1024];
        var bytes = new ShardedBytes { Shards = Enumerable.Repeat(shard, 25).ToArray() };
        using var sink = new RecordingStream();
        ModelFormatException json = await Assert.ThrowsAsync<ModelFormatException>(() => ModelJson.SerializeAsync(sink, bytes));
        Assert.Contains("more than one read can load", json.Message);
        Assert.Equal(0, sink.Total);

        // One fewer than the limit allows is written whole (22 × 85 MiB: 1.97 GB).
        bytes.Shards = Enumerable.Repeat(shard, 22).ToArray();
        await ModelJson.SerializeAsync(sink, bytes);
        Assert.True(sink.Total > 22L * shard.Length * 4 / 3);

        // Binary: the same refusal before the first byte (the synchronous stream writer streams, see above).
        sink.Reset();
        float[] row = new float[16 * 1024 * 1024];
        var weights = new ShardedWeights { Rows = Enumerable.Repeat(row, 33).ToArray() };
        ModelFormatException binary = await Assert.ThrowsAsync<ModelFormatException>(
            () => ModelSerializer.SerializeAsync(sink, weights, new ModelSerializerOptions { WriteChecksum = false }));
        Assert.Contains("more than one read can load", binary.Message);
        Assert.Equal(0, sink.Total);
    }

    [Fact]
    public void Writers_to_an_array_refuse_a_model_larger_than_one_array_with_the_same_error()
    {
        // Before: an InvalidOperationException that advised a Stream, whose writer then refused the model anyway.
        float[] row = new float[16 * 1024 * 1024];
        var weights = new ShardedWeights { Rows = Enumerable.Repeat(row, 33).ToArray() };
        var options = new ModelSerializerOptions { WriteChecksum = false };
        ModelFormatException e = Assert.Throws<ModelFormatException>(() => ModelSerializer.Serialize(weights, options));
        Assert.Contains("more than one read can load", e.Message);
    }

    [Fact]
    public void A_saved_file_loads_back_and_a_failed_save_keeps_the_old_file()
    {
        string path = Path.Combine(_dir, "kept.mgen");
        ModelFile.Save(path, Model(1024));
        byte[] old = File.ReadAllBytes(path);
        Assert.Throws<IOException>(() => ModelFile.SaveAtomic(path, stream =>
        {
            stream.Write(new byte[100]);
            throw new IOException("disk pulled");
        }));
        Assert.Equal(old, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(_dir));
        Assert.Equal(Model(1024).Weights, ModelFile.Load<WeightsFile>(path).Weights);
    }

    [Fact]
    public async System.Threading.Tasks.Task A_saved_file_keeps_the_permissions_of_the_file_it_replaces()
    {
        if (OperatingSystem.IsWindows()) return; // Unix modes
        string path = Path.Combine(_dir, "private.mgen");
        ModelFile.Save(path, Model(16));
        const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        File.SetUnixFileMode(path, Private);
        ModelFile.Save(path, Model(32));
        Assert.Equal(Private, File.GetUnixFileMode(path));
        Assert.Equal(32, ModelFile.Load<WeightsFile>(path).Weights.Length);
        File.SetUnixFileMode(path, Private | UnixFileMode.GroupRead);
        await ModelFile.SaveAsync(path, Model(48));
        Assert.Equal(Private | UnixFileMode.GroupRead, File.GetUnixFileMode(path));
        // A new file gets the process's default mode, as any file it creates.
        string fresh = Path.Combine(_dir, "fresh.mgen");
        ModelFile.Save(fresh, Model(16));
        Assert.True(File.GetUnixFileMode(fresh).HasFlag(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    private sealed class RecordingStream : Stream
    {
        public long Total { get; private set; }
        public int LargestWrite { get; private set; }
        public void Reset() => (Total, LargestWrite) = (0, 0);
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Total += buffer.Length;
            LargestWrite = Math.Max(LargestWrite, buffer.Length);
        }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Total;
        public override long Position { get => Total; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
