using System.Text;
using PressDeck.Connectors.Demo;

namespace PressDeck.Connectors.Tests.Demo;

[Trait("Issue", "2")]
public sealed class DemoMediaTests
{
    [Fact]
    public void Serves_each_image_as_static_svg()
    {
        Assert.True(DemoMedia.Names.Count >= 8);
        Assert.All(DemoMedia.Names, name =>
        {
            Assert.True(DemoMedia.TryGet(name, out var content, out var contentType));
            var svg = Encoding.UTF8.GetString(content);
            Assert.Equal("image/svg+xml", contentType);
            Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"", svg, StringComparison.Ordinal);
            Assert.Contains("<title>", svg, StringComparison.Ordinal);
            Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("href", svg, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public void Serves_the_factory_visit_image_by_name()
    {
        Assert.True(DemoMedia.TryGet("factory-visit-1.svg", out var content, out _));
        Assert.NotEmpty(content);
        Assert.Equal("/demo-media/factory-visit-1.svg", DemoMedia.UrlFor("factory-visit-1.svg"));
    }

    [Theory]
    [InlineData("missing.svg")]
    [InlineData("../DemoMedia.cs")]
    [InlineData("")]
    public void Refuses_unknown_names(string name)
    {
        Assert.False(DemoMedia.TryGet(name, out var content, out var contentType));
        Assert.Null(content);
        Assert.Null(contentType);
    }

    [Fact]
    public void A_caller_cannot_change_what_the_next_caller_gets()
    {
        DemoMedia.TryGet("chart-rising.svg", out var first, out _);
        first![0] = (byte)'X';

        DemoMedia.TryGet("chart-rising.svg", out var second, out _);

        Assert.Equal((byte)'<', second![0]);
    }
}
