using PressDeck.Core.Posts;

namespace PressDeck.Contacts;

/// <summary>One handle as typed: a leading <c>@</c>, surrounding spaces and capitals are allowed.</summary>
public sealed record ContactHandleForm(Network Network, string Handle);
