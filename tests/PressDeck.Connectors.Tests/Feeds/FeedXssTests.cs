using System.Text;
using PressDeck.Connectors.Feeds;
using PressDeck.Core.Posts;

namespace PressDeck.Connectors.Tests.Feeds;

/// <summary>SECURITY.md: script and markup payloads in feeds never survive as markup or as a non-web address in a post.</summary>
[Trait("Issue", "4")]
public sealed class FeedXssTests
{
    private static readonly string[] Payloads =
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<a href=\"javascript:alert(1)\">click</a>",
        "<body onload=alert(1)>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&amp;lt;img src=x onerror=alert(1)&amp;gt;",
        "<object data=\"data:text/html,<script>alert(1)</script>\"></object>",
        "<details open ontoggle=alert(1)>",
        "\"><script>alert(1)</script>",
        "<!--<img src=\"--><img src=x onerror=alert(1)//\">",
    ];

    private static readonly string[] HostileUrls =
    [
        "javascript:alert(1)",
        " JAVASCRIPT:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
    ];

    public static TheoryData<int> Cases => [.. Enumerable.Range(0, Payloads.Length)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_rss_payload_in_every_field_comes_out_as_plain_text_and_web_addresses_only(int index)
    {
        var payload = Payloads[index];
        var url = HostileUrls[index % HostileUrls.Length];
        var rss = $"""
            <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel>
            <title>{Escape(payload)} Desk</title><link>{Escape(url)}</link>
            <item>
              <title>{Escape(payload)}Headline</title>
              <link>{Escape(url)}</link>
              <guid isPermaLink="true">{Escape(url)}</guid>
              <description><![CDATA[Before {payload} after <a href="{url}">x</a>]]></description>
              <enclosure url="{Escape(url)}" type="image/png" length="1"/>
              <media:content url="{Escape(url)}" medium="image"><media:description>{Escape(payload)}</media:description></media:content>
              <media:thumbnail url="https://img.example/ok.jpg"/>
              <media:description>{Escape(payload)} alt</media:description>
            </item>
            <item><title>CDATA trick</title><description><![CDATA[<p>ok]]]]><![CDATA[>{payload}</p>]]></description><link>https://news.example/ok</link></item>
            </channel></rss>
            """;

        var posts = Read(Encoding.UTF8.GetBytes(rss));

        Assert.Equal(2, posts.Count);
        Assert.All(posts, AssertHarmless);
        Assert.Contains("https://img.example/ok.jpg", posts[0].Media.Select(media => media.Url));
        Assert.All(posts[0].Media, media => Assert.StartsWith("https://", media.Url, StringComparison.Ordinal));
        Assert.Equal("https://news.example/ok", posts[1].Url);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Atom_and_json_feed_payloads_are_as_harmless(int index)
    {
        var payload = Payloads[index];
        var url = HostileUrls[index % HostileUrls.Length];
        var atom = $"""
            <feed xmlns="http://www.w3.org/2005/Atom"><title type="html">{Escape(payload)}</title>
            <entry><id>urn:x:{index}</id><title type="html">{Escape(payload)}</title>
            <link rel="alternate" href="{Escape(url)}"/><link rel="enclosure" href="{Escape(url)}" type="video/mp4"/>
            <summary type="html">{Escape(payload)}</summary>
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p onclick="alert(1)">xhtml</p><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/></div></content>
            <updated>2026-11-26T08:00:00Z</updated></entry></feed>
            """;
        var json = System.Text.Json.JsonSerializer.Serialize(new
        {
            version = "https://jsonfeed.org/version/1.1",
            title = payload,
            home_page_url = url,
            items = new[]
            {
                new { id = "1", url, external_url = url, title = payload, content_html = payload, image = url, summary = "words " + payload },
            },
        });

        var posts = Read(Encoding.UTF8.GetBytes(atom)).Concat(Read(Encoding.UTF8.GetBytes(json))).ToList();

        Assert.Equal(2, posts.Count);
        Assert.All(posts, AssertHarmless);
    }

    private static List<Post> Read(byte[] document)
    {
        Assert.True(FeedDocumentParser.TryParse(document, null, out var feed, out var error), error);
        var items = FeedItemReader.Read(feed!, new Uri("https://news.example/feed"), "news-desk", FeedTestData.FetchedAt);
        return [.. items.Select(item => item.Post).OfType<Post>()];
    }

    private static void AssertHarmless(Post post)
    {
        foreach (var text in new[] { post.Text, post.Title ?? string.Empty, post.Author.DisplayName }.Concat(post.Media.Select(media => media.AltText ?? string.Empty)))
        {
            Assert.False(HasTag(text), $"markup survived in \"{text}\"");
            Assert.DoesNotContain("javascript:", text, StringComparison.OrdinalIgnoreCase);
        }

        foreach (var address in post.Links.Concat(post.Media.Select(media => media.Url)).Append(post.Url).OfType<string>())
        {
            Assert.True(address.StartsWith("https://", StringComparison.Ordinal) || address.StartsWith("http://", StringComparison.Ordinal), address);
            Assert.True(Uri.TryCreate(address, UriKind.Absolute, out _), address);
        }
    }

    /// <summary>A '&lt;' that an HTML parser would take as the start of a tag, comment or declaration.</summary>
    private static bool HasTag(string text)
    {
        for (var index = text.IndexOf('<', StringComparison.Ordinal); index >= 0 && index < text.Length - 1; index = text.IndexOf('<', index + 1))
        {
            if (char.IsAsciiLetter(text[index + 1]) || text[index + 1] is '/' or '!' or '?')
            {
                return true;
            }
        }

        return false;
    }

    private static string Escape(string text) => System.Security.SecurityElement.Escape(text);
}
