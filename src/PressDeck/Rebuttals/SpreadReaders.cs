using PressDeck.Connectors.Demo;
using PressDeck.Core.Posts;

namespace PressDeck.Rebuttals;

/// <summary>How far a post has spread, as its network counts it.</summary>
public sealed record SpreadReading(int Reposts, int Quotes, int Replies);

/// <summary>Reads a post's spread on one network. Each read is one request, so the tracker keeps within the network's limits.</summary>
public interface ISpreadReader
{
    Network Network { get; }

    /// <summary>The counts now, or null when the network cannot say (the post is gone, or the network is not reachable).</summary>
    Task<SpreadReading?> ReadAsync(string remoteId, DateTime postedAt, bool isOfficeResponse, CancellationToken cancellationToken);
}

/// <summary>The demo network simulates the spread (<see cref="DemoSpread"/>), so the whole RESIST flow can be practised.</summary>
public sealed class DemoSpreadReader(TimeProvider time) : ISpreadReader
{
    public Network Network => Network.Demo;

    public Task<SpreadReading?> ReadAsync(string remoteId, DateTime postedAt, bool isOfficeResponse, CancellationToken cancellationToken)
    {
        var (reposts, quotes, replies) = DemoSpread.At(remoteId, time.GetUtcNow().UtcDateTime - postedAt, isOfficeResponse);
        return Task.FromResult<SpreadReading?>(new SpreadReading(reposts, quotes, replies));
    }
}
