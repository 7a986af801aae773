using System.Text;
using PressDeck.Cli;

namespace PressDeck.Tests.Cli;

/// <summary>A temporary folder of input files for a verb, and a way to run the verb in-process on it.</summary>
internal sealed class CliFolder : IDisposable
{
    public CliFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pressdeck-cli-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string name, string content) => Write(name, Encoding.UTF8.GetBytes(content));

    public string Write(string name, byte[] content)
    {
        var path = System.IO.Path.Combine(Path, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public string WriteLines(string name, params string[] lines) => Write(name, string.Concat(lines.Select(line => line + "\n")));

    public static async Task<CliRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await PressDeckCli.RunAsync(args, output, error, TestContext.Current.CancellationToken);

        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
