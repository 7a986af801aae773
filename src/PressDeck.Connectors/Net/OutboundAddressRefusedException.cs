namespace PressDeck.Connectors.Net;

/// <summary>PressDeck refused to connect because the address is not a public one (SECURITY.md, SSRF).</summary>
public sealed class OutboundAddressRefusedException(string message) : HttpRequestException(message);
