using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PressDeck.Data.Identity;

namespace PressDeck.Team;

/// <summary>
/// Once the server listens, and only while no account exists, prints the one-time set-up link to the console (and the log)
/// so the first person can create the admin account.
/// </summary>
internal sealed partial class SetupLinkAnnouncer(
    IServer server,
    IHostApplicationLifetime lifetime,
    IServiceScopeFactory scopeFactory,
    SetupToken setupToken,
    ILogger<SetupLinkAnnouncer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = AnnounceAsync(lifetime.ApplicationStopping));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The link printed at this start, if one was.</summary>
    internal string? LastLink { get; private set; }

    /// <summary>The set-up link for this server, or null once an account exists.</summary>
    internal async Task<string?> CreateLinkAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.Users.AnyAsync(cancellationToken))
        {
            return null;
        }

        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5080";
        address = address.Replace("://[::]", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://+", "://localhost", StringComparison.Ordinal);
        return $"{address.TrimEnd('/')}/setup?token={setupToken.Issue()}";
    }

    private async Task AnnounceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var link = await CreateLinkAsync(cancellationToken);
            if (link is null)
            {
                return;
            }

            LastLink = link;
            Console.WriteLine();
            Console.WriteLine("  PressDeck is running. No account exists yet: create the admin account here (this link works once):");
            Console.WriteLine($"  {link}");
            Console.WriteLine();
            LogSetupLink();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception exception) when (exception is InvalidOperationException or DbUpdateException or IOException)
        {
            LogSetupFailed(exception);
        }
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Printed the one-time set-up link to the console")]
    private partial void LogSetupLink();

    [LoggerMessage(EventId = 201, Level = LogLevel.Error, Message = "Could not prepare the set-up link")]
    private partial void LogSetupFailed(Exception exception);
}
