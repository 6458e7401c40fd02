using System;
using System.IO;
using System.Linq;
using SharpFuzz;

namespace ModelGen.Fuzz;

/// <summary>
/// ModelGen.Fuzz TARGET                 run TARGET under afl-fuzz (input on stdin; see fuzz/run.sh)
/// ModelGen.Fuzz seed DIR               write the seed corpus of every target to DIR/TARGET/
/// ModelGen.Fuzz replay TARGET PATH...  run files (or every file in folders) through TARGET, outside afl-fuzz, and
///                                      print each one that crashes with its exception; exit 1 if any does
/// </summary>
internal static class Program
{
    // Not Targets.All: touching Targets runs its static initializer, which calls instrumented code (see Main).
    private static readonly string[] TargetNames = ["binary", "binary2", "json", "dictionary", "inspect", "inspect2"];

    private static int Main(string[] args)
    {
        if (args.Length == 2 && args[0] == "seed") return Seed(args[1]);
        if (args.Length >= 3 && args[0] == "replay" && Find(args[1]) is { } replayed) return Replay(replayed, args.Skip(2));
        if (args.Length == 1 && TargetNames.Contains(args[0]))
        {
            // Nothing instrumented may run before the fork server has mapped AFL's shared memory (SharpFuzz's trace
            // calls would write through a null map), so the target (and the models' static state) is created in the
            // action, which runs in the fuzzed child process.
            string name = args[0];
            Target? target = null;
            Fuzzer.OutOfProcess.Run(stream =>
            {
                target ??= Find(name)!;
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                target.Run(buffer.ToArray());
            });
            return 0;
        }
        Console.Error.WriteLine("usage: ModelGen.Fuzz TARGET | seed DIR | replay TARGET PATH...");
        foreach (Target t in Targets.All) Console.Error.WriteLine($"  {t.Name,-11} {t.Description}");
        return 2;
    }

    private static Target? Find(string name) => Targets.All.FirstOrDefault(t => t.Name == name);

    private static int Seed(string directory)
    {
        foreach (Target t in Targets.All)
        {
            string folder = Path.Combine(directory, t.Name);
            Directory.CreateDirectory(folder);
            int n = 0;
            foreach (byte[] seed in t.Seeds())
            {
                t.Run(seed); // every seed must pass its own target
                File.WriteAllBytes(Path.Combine(folder, $"seed-{n++:D3}"), seed);
            }
            Console.WriteLine($"{t.Name}: {n} seeds in {folder}");
        }
        return 0;
    }

    private static int Replay(Target target, System.Collections.Generic.IEnumerable<string> paths)
    {
        int runs = 0, crashes = 0;
        foreach (string path in paths)
        {
            string[] files = Directory.Exists(path)
                ? Directory.GetFiles(path).Where(f => !Path.GetFileName(f).StartsWith("README", StringComparison.Ordinal)).OrderBy(f => f, StringComparer.Ordinal).ToArray()
                : [path];
            foreach (string file in files)
            {
                runs++;
                try
                {
                    target.Run(File.ReadAllBytes(file));
                }
                catch (Exception e)
                {
                    crashes++;
                    Console.WriteLine($"CRASH {file}: {e.GetType().FullName}: {e.Message}");
                    Console.WriteLine(e.StackTrace);
                }
            }
        }
        Console.WriteLine($"{target.Name}: {runs} inputs replayed, {crashes} crashed");
        return crashes == 0 ? 0 : 1;
    }
}
