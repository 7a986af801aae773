using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace PressDeck.Testing;

/// <summary>
/// Runs the real <c>pressdeck</c> program as a separate process, as a person would with <c>dotnet run</c>: on a free
/// loopback port, with its own data folder, reading the set-up link and listening address from what it prints.
/// </summary>
public sealed partial class PressDeckServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly Lock _gate = new();

    private PressDeckServer(Process process, string dataFolder)
    {
        _process = process;
        DataFolder = dataFolder;
    }

    public string DataFolder { get; }

    public string BaseUrl { get; private set; } = "";

    public string? SetupLink { get; private set; }

    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToList();
            }
        }
    }

    public static string NewDataFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "pressdeck-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static async Task<PressDeckServer> StartAsync(string? dataFolder = null, double postsPerSecond = 5, int backfill = 200, CancellationToken cancellationToken = default, params string[] extraArguments)
    {
        dataFolder ??= NewDataFolder();
        var program = ProgramPath();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = dataFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(program);
        start.ArgumentList.Add("--Kestrel:Endpoints:Http:Url=http://127.0.0.1:0");
        start.ArgumentList.Add($"--Storage:DataFolder={dataFolder}");
        start.ArgumentList.Add("--Demo:PostsPerSecond=" + postsPerSecond.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--Demo:BackfillCount=" + backfill.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information");
        foreach (var argument in extraArguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start pressdeck.");
        var server = new PressDeckServer(process, dataFolder);
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) => server.OnLine(e.Data, listening);
        process.ErrorDataReceived += (_, e) => server.OnLine(e.Data, listening);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var exited = process.WaitForExitAsync(timeout.Token);
        var first = await Task.WhenAny(listening.Task, exited);
        if (first != listening.Task)
        {
            throw new InvalidOperationException("pressdeck did not start:\n" + string.Join('\n', server.Output));
        }

        server.BaseUrl = (await listening.Task).TrimEnd('/');
        return server;
    }

    /// <summary>Waits until the one-time set-up link has been printed.</summary>
    public async Task<string> WaitForSetupLinkAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (SetupLink is null)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException("No set-up link was printed:\n" + string.Join('\n', Output));
            }

            await Task.Delay(50, cancellationToken);
        }

        return SetupLink;
    }

    /// <summary>Stops the program the way Ctrl+C would (SIGTERM) and waits for it to finish.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    private void OnLine(string? line, TaskCompletionSource<string> listening)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _output.Add(line);
        }

        var address = ListeningPattern().Match(line);
        if (address.Success)
        {
            listening.TrySetResult(address.Groups[1].Value);
        }

        var setup = SetupPattern().Match(line);
        if (setup.Success)
        {
            SetupLink = setup.Value;
        }
    }

    /// <summary>The program built beside the tests: src/PressDeck/bin/{Configuration}/net10.0/pressdeck.dll.</summary>
    private static string ProgramPath()
    {
        var configuration = typeof(PressDeckServer).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PressDeck.slnx")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new InvalidOperationException("Could not find the repository root (PressDeck.slnx) above " + AppContext.BaseDirectory);
        }

        var path = Path.Combine(directory.FullName, "src", "PressDeck", "bin", configuration, "net10.0", "pressdeck.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build src/PressDeck first.", path);
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningPattern();

    [GeneratedRegex(@"http://\S+/setup\?token=[0-9a-f]+")]
    private static partial Regex SetupPattern();
}
