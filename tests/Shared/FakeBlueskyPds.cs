using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PressDeck.Testing;

/// <summary>
/// A Bluesky PDS on 127.0.0.1 answering <c>com.atproto.server.createSession</c> as protocols.md 1.3 describes: the
/// accounts in <see cref="Accounts"/> (handle → app password) sign in; anything else is refused with 401
/// <c>AuthenticationRequired</c>, as a real PDS refuses a wrong password.
/// </summary>
internal sealed class FakeBlueskyPds : IAsyncDisposable
{
    private WebApplication? _app;

    public Uri Url { get; private set; } = null!;

    public ConcurrentDictionary<string, string> Accounts { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every request body received, to check what was sent.</summary>
    public ConcurrentQueue<string> Bodies { get; } = new();

    public static string DidOf(string handle) => "did:plc:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(handle)))[..24];

    public static async Task<FakeBlueskyPds> StartAsync()
    {
        var server = new FakeBlueskyPds();
        (server._app, server.Url) = await LoopbackWebServer.StartAsync(app =>
            app.MapPost("/xrpc/com.atproto.server.createSession", (Func<HttpContext, Task<IResult>>)server.CreateSessionAsync));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task<IResult> CreateSessionAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        Bodies.Enqueue(body);
        using var document = JsonDocument.Parse(body);
        var identifier = document.RootElement.GetProperty("identifier").GetString() ?? "";
        var password = document.RootElement.GetProperty("password").GetString() ?? "";
        if (!Accounts.TryGetValue(identifier, out var expected) || expected != password)
        {
            return Results.Json(new { error = "AuthenticationRequired", message = "Invalid identifier or password" }, statusCode: StatusCodes.Status401Unauthorized);
        }

        return Results.Json(new
        {
            accessJwt = "eyJhbGciOiJFUzI1NksifQ.access." + identifier,
            refreshJwt = "eyJhbGciOiJFUzI1NksifQ.refresh." + identifier,
            handle = identifier.ToLowerInvariant(),
            did = DidOf(identifier.ToLowerInvariant()),
            active = true,
        });
    }
}
