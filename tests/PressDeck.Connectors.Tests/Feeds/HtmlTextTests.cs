using PressDeck.Connectors.Html;

namespace PressDeck.Connectors.Tests.Feeds;

[Trait("Issue", "4")]
public sealed class HtmlTextTests
{
    [Theory]
    [InlineData("<p>One</p><p>Two</p>", "One\n\nTwo")]
    [InlineData("Line<br>break<br/>again", "Line\nbreak\nagain")]
    [InlineData("  lots   of\n\t whitespace  ", "lots of whitespace")]
    [InlineData("Tom &amp; Jerry &eacute;t&eacute; &#8217; &#x2014;", "Tom & Jerry été ’ —")]
    [InlineData("<div>Block</div>inline <b>bold</b> <i>it</i>", "Block\ninline bold it")]
    [InlineData("Before<script>alert(1)</script><style>p{}</style><!-- note -->After", "BeforeAfter")]
    [InlineData("<ul><li>a</li><li>b</li></ul>text", "a\nb\n\ntext")]
    [InlineData("x < y and y > z", "x < y and y > z")]
    [InlineData("&lt;p&gt;escaped twice&lt;/p&gt;", "escaped twice")]
    [InlineData("bell\u0007 and nul\u0000 gone", "bell and nul gone")]
    [InlineData("", "")]
    public void Html_becomes_plain_text(string html, string text) =>
        Assert.Equal(text, HtmlText.ToPlainText(html));

    [Fact]
    public void Anchor_links_are_resolved_and_only_http_and_https_are_kept()
    {
        var result = HtmlText.Convert(
            """<a href="/a">a</a> <a href="https://ons.gov.uk/b">b</a> <a href="javascript:alert(1)">c</a> <a href="data:text/html,x">d</a> <a href="//cdn.example/e">e</a> <a href="mailto:press@gov.uk">f</a>""",
            new Uri("https://www.gov.uk/news/feed"));

        Assert.Equal("a b c d e f", result.Text);
        Assert.Equal(["https://www.gov.uk/a", "https://ons.gov.uk/b", "https://cdn.example/e"], result.Links);
    }

    [Theory]
    [InlineData("https://www.gov.uk/x", null, "https://www.gov.uk/x")]
    [InlineData(" http://example.org/a b ", null, "http://example.org/a%20b")]
    [InlineData("/relative", "https://news.example/feed.xml", "https://news.example/relative")]
    [InlineData("/relative", null, null)]
    [InlineData("javascript:alert(1)", "https://news.example/", null)]
    [InlineData("JaVaScRiPt:alert(1)", null, null)]
    [InlineData("vbscript:msgbox", null, null)]
    [InlineData("data:image/svg+xml,<svg onload=alert(1)>", null, null)]
    [InlineData("file:///etc/passwd", null, null)]
    [InlineData("https://user:secret@example.org/", null, null)]
    public void Only_absolute_http_addresses_pass(string candidate, string? baseUrl, string? expected) =>
        Assert.Equal(expected, HtmlText.SafeHttpUrl(candidate, baseUrl is null ? null : new Uri(baseUrl)));
}
