using System.Net;
using System.Net.Sockets;

namespace PressDeck.Connectors.Net;

/// <summary>
/// Which addresses PressDeck may connect to for addresses that people type in. Only public unicast addresses pass:
/// loopback, private, carrier-grade NAT, link-local (where cloud metadata lives), multicast, documentation and
/// reserved ranges are refused, also when reached through IPv4-mapped, NAT64 or 6to4 IPv6 forms.
/// </summary>
public static class OutboundAddressPolicy
{
    /// <summary>The cloud-metadata endpoints (AWS, GCP, Azure, Oracle; AWS's IPv6 one), refused even when allowed by name.</summary>
    private static readonly IPAddress[] MetadataAddresses =
    [
        IPAddress.Parse("169.254.169.254"),
        IPAddress.Parse("169.254.170.2"),
        IPAddress.Parse("fd00:ec2::254"),
    ];

    private static readonly (IPAddress Network, int PrefixLength)[] RefusedIPv4 =
    [
        (IPAddress.Parse("0.0.0.0"), 8),        // "this network"
        (IPAddress.Parse("10.0.0.0"), 8),       // private
        (IPAddress.Parse("100.64.0.0"), 10),    // carrier-grade NAT
        (IPAddress.Parse("127.0.0.0"), 8),      // loopback
        (IPAddress.Parse("169.254.0.0"), 16),   // link-local, cloud metadata
        (IPAddress.Parse("172.16.0.0"), 12),    // private
        (IPAddress.Parse("192.0.0.0"), 24),     // IETF protocol assignments
        (IPAddress.Parse("192.0.2.0"), 24),     // documentation
        (IPAddress.Parse("192.88.99.0"), 24),   // 6to4 relay anycast
        (IPAddress.Parse("192.168.0.0"), 16),   // private
        (IPAddress.Parse("198.18.0.0"), 15),    // benchmarking
        (IPAddress.Parse("198.51.100.0"), 24),  // documentation
        (IPAddress.Parse("203.0.113.0"), 24),   // documentation
        (IPAddress.Parse("224.0.0.0"), 4),      // multicast
        (IPAddress.Parse("240.0.0.0"), 4),      // reserved, broadcast
    ];

    private static readonly (IPAddress Network, int PrefixLength)[] RefusedIPv6 =
    [
        (IPAddress.Parse("::"), 128),           // unspecified
        (IPAddress.Parse("::1"), 128),          // loopback
        (IPAddress.Parse("100::"), 64),         // discard
        (IPAddress.Parse("2001:db8::"), 32),    // documentation
        (IPAddress.Parse("fc00::"), 7),         // unique local (private)
        (IPAddress.Parse("fe80::"), 10),        // link-local
        (IPAddress.Parse("fec0::"), 10),        // site-local (deprecated)
        (IPAddress.Parse("ff00::"), 8),         // multicast
    ];

    /// <summary>True for a public unicast address that PressDeck may reach without an operator's allowance.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && EmbeddedIPv4(address) is { } embedded)
        {
            return IsPublic(embedded);
        }

        var ranges = address.AddressFamily == AddressFamily.InterNetwork ? RefusedIPv4 : RefusedIPv6;
        return !ranges.Any(range => IsInRange(address, range.Network, range.PrefixLength));
    }

    /// <summary>True for a cloud-metadata endpoint, which no setting makes reachable.</summary>
    public static bool IsMetadata(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var plain = address.AddressFamily == AddressFamily.InterNetworkV6 && EmbeddedIPv4(address) is { } embedded ? embedded : address;
        return MetadataAddresses.Any(plain.Equals);
    }

    /// <summary>
    /// Checks an address that someone typed in before it is saved: absolute, http or https (or ws/wss where
    /// <paramref name="allowWebSockets"/>), no user name or password in it, and not an address literal that is refused.
    /// Host names are checked again after resolution, at every connection. Hosts in <paramref name="allowedPrivateHosts"/>
    /// (<see cref="OutboundHttpOptions.AllowedPrivateHosts"/>) pass. Returns the reason, or null when fine.
    /// </summary>
    public static string? CheckTypedUrl(string? text, bool allowWebSockets = false, IEnumerable<string>? allowedPrivateHosts = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "Enter an address starting with https://.";
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri))
        {
            return $"\"{text.Trim()}\" is not a web address. Enter one starting with https://.";
        }

        var schemes = allowWebSockets ? new[] { "https", "http", "wss", "ws" } : ["https", "http"];
        if (!schemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase))
        {
            return $"Only {string.Join(" and ", schemes.Select(scheme => scheme + "://"))} addresses can be used, not {uri.Scheme}://.";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "Leave the user name and password out of the address; enter credentials in their own fields.";
        }

        if (IPAddress.TryParse(uri.IdnHost, out var literal) && !IsPublic(literal)
            && (IsMetadata(literal) || !IsAllowedPrivateHost(uri.IdnHost, uri.Port, allowedPrivateHosts ?? [])))
        {
            return $"{uri.Host} is a private, local or reserved address, which PressDeck does not connect to.";
        }

        return null;
    }

    /// <summary>True when the operator allowed <paramref name="host"/> (as <c>host</c> or <c>host:port</c>) to be private.</summary>
    public static bool IsAllowedPrivateHost(string host, int port, IEnumerable<string> allowedPrivateHosts)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(allowedPrivateHosts);
        var bare = host.Trim('[', ']');
        var portText = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return allowedPrivateHosts.Any(entry =>
            string.Equals(entry, bare, StringComparison.OrdinalIgnoreCase)
            || string.Equals(entry, bare + ":" + portText, StringComparison.OrdinalIgnoreCase)
            || string.Equals(entry, "[" + bare + "]:" + portText, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The IPv4 address inside an IPv4-mapped (::ffff:0:0/96), IPv4-compatible, NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address.</summary>
    private static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        if (bytes[0] == 0x20 && bytes[1] == 0x02)
        {
            return new IPAddress(bytes.Slice(2, 4));
        }

        var nat64 = bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xff && bytes[3] == 0x9b && bytes[4..12].IndexOfAnyExcept((byte)0) < 0;
        var compatible = bytes[..12].IndexOfAnyExcept((byte)0) < 0 && bytes[12..].IndexOfAnyExcept((byte)0) >= 0
            && !(bytes[12..15].IndexOfAnyExcept((byte)0) < 0 && bytes[15] <= 1); // :: and ::1 are IPv6's own
        return nat64 || compatible ? new IPAddress(bytes[12..]) : null;
    }

    private static bool IsInRange(IPAddress address, IPAddress network, int prefixLength)
    {
        Span<byte> candidate = stackalloc byte[16];
        Span<byte> prefix = stackalloc byte[16];
        address.TryWriteBytes(candidate, out var length);
        network.TryWriteBytes(prefix, out _);
        var wholeBytes = prefixLength / 8;
        if (!candidate[..wholeBytes].SequenceEqual(prefix[..wholeBytes]))
        {
            return false;
        }

        var remainingBits = prefixLength % 8;
        if (remainingBits == 0 || wholeBytes >= length)
        {
            return true;
        }

        var mask = (byte)(0xFF << (8 - remainingBits));
        return (candidate[wholeBytes] & mask) == (prefix[wholeBytes] & mask);
    }
}
