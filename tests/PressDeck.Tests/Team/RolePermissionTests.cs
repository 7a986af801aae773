using System.Net;
using Microsoft.AspNetCore.Builder;
using PressDeck.Team;
using PressDeck.Testing;

namespace PressDeck.Tests.Team;

public sealed class RolePermissionTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Smoke()
    {
        await using var app = await TestPeople.StartAppAsync();
        var (client, _) = await TestPeople.SignedInAsync(app, Roles.Officer);
        using var _c = client;
        using var deck = await client.Http.GetAsync("", Cancel);
        using var sources = await client.Http.GetAsync("admin/sources", Cancel);
        Assert.Equal(HttpStatusCode.OK, deck.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, sources.StatusCode);
        Assert.Contains("You do not have access", await sources.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }
}
