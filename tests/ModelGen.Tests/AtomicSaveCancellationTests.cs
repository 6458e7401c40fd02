using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace ModelGen.Tests;

/// <summary>A canceled asynchronous atomic save installs nothing: the file at the path keeps its old bytes and no
/// temporary file is left next to it (ModelFile.SaveAtomicAsync's contract: "was canceled; nothing was replaced").
/// Until this sweep, no test canceled an atomic save.</summary>
public sealed class AtomicSaveCancellationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("modelgen-cancel-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string SavedGood(out byte[] bytes)
    {
        string path = Path.Combine(_folder, "good.mgen");
        ModelFile.Save(path, Samples.NetworkSample());
        bytes = File.ReadAllBytes(path);
        return path;
    }

    // The token canceled before the call: the callback never runs (it would write a file only to throw it away), and
    // nothing is created or replaced.
    [Fact]
    public async Task A_save_with_a_token_canceled_before_the_call_never_runs_its_callback_and_keeps_the_old_file()
    {
        string path = SavedGood(out byte[] before);
        byte[] download = ModelSerializer.Serialize(new Network { Name = "downloaded" });
        using var canceled = new CancellationTokenSource();
        canceled.Cancel();
        bool ran = false;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ModelFile.SaveAtomicAsync<Network>(path, (stream, token) =>
        {
            ran = true;
            stream.Write(download); // a callback that does not look at the token
            return Task.CompletedTask;
        }, canceled.Token));
        Assert.False(ran);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ModelFile.SaveAsync(path, new Network { Name = "new" }, null, canceled.Token));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    // Canceled while the callback ran, after it wrote a whole, valid file and returned without looking at the token:
    // the save still throws, and the valid file it wrote is not installed.
    [Fact]
    public async Task A_save_canceled_while_its_callback_ran_does_not_install_what_the_callback_wrote()
    {
        string path = SavedGood(out byte[] before);
        byte[] download = ModelSerializer.Serialize(new Network { Name = "downloaded" });
        using var cancel = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ModelFile.SaveAtomicAsync<Network>(path, (stream, token) =>
        {
            stream.Write(download);
            cancel.Cancel();
            return Task.CompletedTask;
        }, cancel.Token));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
        // The same download, not canceled, is installed: what was refused above was the cancellation, not the file.
        await ModelFile.SaveAtomicAsync<Network>(path, (stream, token) => stream.WriteAsync(download, token).AsTask());
        Assert.Equal(download, File.ReadAllBytes(path));
    }
}
