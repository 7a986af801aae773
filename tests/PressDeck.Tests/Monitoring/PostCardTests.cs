using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor.Services;
using PressDeck.Core.Posts;
using PressDeck.Monitoring.Deck;

namespace PressDeck.Tests.Monitoring;

/// <summary>Issue 4: every post shows a link that opens it on its own network, and only ever a web link.</summary>
public sealed class PostCardTests
{
    public static TheoryData<Network, string, string> Originals => new()
    {
        { Network.Bluesky, "https://bsky.app/profile/reporter.bsky.social/post/3mptbyoeyc22k", "Open on Bluesky" },
        { Network.Mastodon, "https://mastodon.social/@Gargron/115108425488441315", "Open on mastodon.social" },
        { Network.X, "https://x.com/XDevelopers/status/1228393702244134912", "Open on X" },
        { Network.Rss, "https://www.theverge.com/2026/7/4/steel-plant", "Read on theverge.com" },
    };

    [Theory]
    [MemberData(nameof(Originals))]
    [Trait("Issue", "4")]
    public async Task Every_post_links_to_itself_on_its_own_network(Network network, string url, string label)
    {
        var html = await RenderAsync(Post(network, url));

        Assert.Contains($"href=\"{url}\"", html, StringComparison.Ordinal);
        Assert.Contains(label, html, StringComparison.Ordinal);
        Assert.Contains("rel=\"noopener noreferrer nofollow\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("javascript:alert(document.cookie)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("/relative/path")]
    [Trait("Issue", "4")]
    public async Task A_post_address_that_is_not_a_web_address_gets_no_link(string url)
    {
        var html = await RenderAsync(Post(Network.Rss, url));

        Assert.DoesNotContain("post-original", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:text", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/demo-media/high-street.svg", true)]
    [InlineData("https://cdn.example.org/photo.jpg", true)]
    [InlineData("/demo-media/../account/logout", false)]
    [InlineData("/other/photo.jpg", false)]
    [InlineData("javascript:alert(1)", false)]
    [Trait("Issue", "4")]
    public async Task Images_show_from_web_addresses_and_the_demo_networks_own_media_only(string url, bool shown)
    {
        var html = await RenderAsync(Post(Network.Demo, "https://demo.example/p/1") with { Media = [new MediaItem(MediaType.Image, url, "A high street")] });

        Assert.Equal(shown, html.Contains($"src=\"{url}\"", StringComparison.Ordinal));
        Assert.Equal(!shown, html.Contains("Image not available", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Issue", "4")]
    public async Task An_edited_post_says_so()
    {
        var html = await RenderAsync(Post(Network.Mastodon, "https://mastodon.social/@a/1") with { EditedAt = new DateTime(2026, 11, 26, 9, 30, 0, DateTimeKind.Utc) });

        Assert.Contains("Edited", html, StringComparison.Ordinal);
        Assert.Contains("Edited 26 November 2026, 09:30 UTC", html, StringComparison.Ordinal);
    }

    private static Post Post(Network network, string url) => new()
    {
        Network = network,
        RemoteId = "r1",
        Author = new Author("reporter", "A Reporter"),
        Text = "Steel plant to close",
        CreatedAt = new DateTime(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc),
        Url = url,
    };

    private static async Task<string> RenderAsync(Post post)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddMudServices();
        await using var provider = services.BuildServiceProvider();
        await using var renderer = new HtmlRenderer(provider, NullLoggerFactory.Instance);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(PostCard.Post)] = post, [nameof(PostCard.Now)] = post.CreatedAt.AddMinutes(5) });
            var output = await renderer.RenderComponentAsync<PostCard>(parameters);
            return output.ToHtmlString();
        });
    }
}
