using System.Net;
using PressDeck.Connectors.Net;

namespace PressDeck.Connectors.Tests.Net;

[Trait("Issue", "4")]
public sealed class OutboundAddressPolicyTests
{
    [Theory]
    [InlineData("93.184.216.34", true)]
    [InlineData("8.8.8.8", true)]
    [InlineData("2606:4700:4700::1111", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("127.255.255.254", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("172.16.5.4", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("192.168.1.1", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("::1", false)]
    [InlineData("::", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00:ec2::254", false)]
    [InlineData("fc00::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("::ffff:169.254.169.254", false)]
    [InlineData("::ffff:8.8.8.8", true)]
    [InlineData("64:ff9b::a00:1", false)]
    [InlineData("64:ff9b::7f00:1", false)]
    [InlineData("64:ff9b::808:808", true)]
    [InlineData("2002:7f00:1::", false)]
    [InlineData("2002:a9fe:a9fe::", false)]
    [InlineData("::127.0.0.1", false)]
    public void Only_public_unicast_addresses_are_public_also_inside_ipv6_forms(string address, bool isPublic) =>
        Assert.Equal(isPublic, OutboundAddressPolicy.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("169.254.169.254", true)]
    [InlineData("::ffff:169.254.169.254", true)]
    [InlineData("64:ff9b::a9fe:a9fe", true)]
    [InlineData("fd00:ec2::254", true)]
    [InlineData("169.254.170.2", true)]
    [InlineData("169.254.1.1", false)]
    [InlineData("10.0.0.1", false)]
    public void Cloud_metadata_endpoints_are_known_in_every_form(string address, bool isMetadata) =>
        Assert.Equal(isMetadata, OutboundAddressPolicy.IsMetadata(IPAddress.Parse(address)));

    [Theory]
    [InlineData("https://feeds.bbci.co.uk/news/rss.xml", false, null)]
    [InlineData("  http://example.org/feed  ", false, null)]
    [InlineData("wss://mastodon.social/api/v1/streaming", true, null)]
    [InlineData(null, false, "Enter an address starting with https://.")]
    [InlineData("", false, "Enter an address starting with https://.")]
    [InlineData("feeds.bbci.co.uk/news", false, "\"feeds.bbci.co.uk/news\" is not a web address. Enter one starting with https://.")]
    [InlineData("ftp://example.org/feed", false, "Only https:// and http:// addresses can be used, not ftp://.")]
    [InlineData("javascript:alert(1)", false, "Only https:// and http:// addresses can be used, not javascript://.")]
    [InlineData("file:///etc/passwd", false, "Only https:// and http:// addresses can be used, not file://.")]
    [InlineData("wss://mastodon.social/", false, "Only https:// and http:// addresses can be used, not wss://.")]
    [InlineData("https://admin:secret@example.org/", false, "Leave the user name and password out of the address; enter credentials in their own fields.")]
    [InlineData("http://127.0.0.1:8080/feed", false, "127.0.0.1 is a private, local or reserved address, which PressDeck does not connect to.")]
    [InlineData("http://169.254.169.254/latest/meta-data/", false, "169.254.169.254 is a private, local or reserved address, which PressDeck does not connect to.")]
    [InlineData("http://10.0.0.1/", false, "10.0.0.1 is a private, local or reserved address, which PressDeck does not connect to.")]
    [InlineData("http://[::1]/", false, "[::1] is a private, local or reserved address, which PressDeck does not connect to.")]
    [InlineData("http://[::ffff:127.0.0.1]/", false, "[::ffff:127.0.0.1] is a private, local or reserved address, which PressDeck does not connect to.")]
    [InlineData("http://2130706433/", false, "127.0.0.1 is a private, local or reserved address, which PressDeck does not connect to.")]
    [InlineData("http://0x7f.1/", false, "127.0.0.1 is a private, local or reserved address, which PressDeck does not connect to.")]
    public void Typed_addresses_are_checked_before_they_are_saved(string? text, bool allowWebSockets, string? reason) =>
        Assert.Equal(reason, OutboundAddressPolicy.CheckTypedUrl(text, allowWebSockets));
}
