using System;
using System.IO;
using Xunit;

namespace ModelGen.Tests;

/// <summary><see cref="ModelFile"/> saves through a temporary file and a rename: a failed save leaves the old model.</summary>
public sealed class AtomicSaveTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("modelgen-save-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string[] Files() => Directory.GetFiles(_folder);

    /// <summary>A stream that passes writes through until <paramref name="limit"/> bytes, then fails like a full disk
    /// or a killed process would.</summary>
    private sealed class FailingStream(Stream inner, long limit) : Stream
    {
        public long Written { get; private set; }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            int allowed = (int)Math.Min(buffer.Length, limit - Written);
            inner.Write(buffer[..allowed]);
            Written += allowed;
            if (allowed < buffer.Length) throw new IOException($"write failed after {Written} bytes");
        }
    }

    private static Network Big(string name) => new()
    {
        Name = name,
        Layers = [new Layer(256, 512, new float[256 * 512], new float[512])], // about 512 KiB: several 64 KiB chunks
    };

    [Fact]
    public void Save_replaces_the_file_and_leaves_no_temporary_file()
    {
        string path = Path.Combine(_folder, "model.mgen");
        ModelFile.Save(path, Samples.NetworkSample());
        Deep.Equal(Samples.NetworkSample(), ModelFile.Load<Network>(path));
        Network second = Big("second");
        ModelFile.Save(path, second);
        Deep.Equal(second, ModelFile.Load<Network>(path));
        Assert.Equal([path], Files());
    }

    [Fact]
    public void A_reader_that_opened_the_old_file_keeps_reading_it_while_a_save_replaces_it()
    {
        string path = Path.Combine(_folder, "model.mgen");
        ModelFile.Save(path, Big("old"));
        using (var open = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            ModelFile.Save(path, Samples.NetworkSample());
            // The rename swapped the directory entry; the open handle still sees the whole old file, never a mix.
            Assert.Equal("old", ModelSerializer.Deserialize<Network>(open).Name);
        }
        Assert.Equal("mlp", ModelFile.Load<Network>(path).Name);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(0.999)]
    public void A_write_killed_midway_leaves_the_old_model_intact_and_no_temporary_file(double fraction)
    {
        string path = Path.Combine(_folder, "model.mgen");
        Network old = Samples.NetworkSample();
        ModelFile.Save(path, old);
        byte[] before = File.ReadAllBytes(path);

        Network replacement = Big("replacement");
        long total = ModelSerializer.Serialize(replacement).Length;
        long limit = (long)(total * fraction);
        FailingStream? failing = null;
        var e = Assert.Throws<IOException>(() => ModelFile.SaveAtomic(path, stream =>
        {
            failing = new FailingStream(stream, limit);
            ModelSerializer.Serialize(failing, replacement);
        }));
        Assert.Contains("write failed", e.Message);
        Assert.Equal(limit, failing!.Written); // the temporary file really received part of the model

        Assert.Equal(before, File.ReadAllBytes(path));
        Deep.Equal(old, ModelFile.Load<Network>(path));
        Assert.Equal([path], Files());
    }

    [Fact]
    public void A_failed_first_save_creates_nothing()
    {
        string path = Path.Combine(_folder, "new.mgen");
        Assert.Throws<InvalidOperationException>(() => ModelFile.SaveAtomic(path, stream =>
        {
            stream.Write(new byte[1000]);
            throw new InvalidOperationException("killed");
        }));
        Assert.Empty(Files());
    }
}
