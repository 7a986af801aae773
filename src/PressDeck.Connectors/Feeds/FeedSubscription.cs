namespace PressDeck.Connectors.Feeds;

/// <summary>
/// A feed PressDeck follows: the address an admin typed in (checked with <see cref="Net.OutboundAddressPolicy.CheckTypedUrl"/>
/// before it is saved), the feed's handle (<see cref="FeedHandle"/>) and how often to poll it. The poller never polls
/// more often than <see cref="FeedPollerOptions.MinimumInterval"/>, nor than the feed's <c>ttl</c> or <c>Cache-Control: max-age</c> allow.
/// </summary>
public sealed record FeedSubscription(Uri Url, string Handle, TimeSpan Interval);
