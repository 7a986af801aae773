using System.Runtime.CompilerServices;

namespace PressDeck.Connectors.Mastodon;

/// <summary>
/// A Mastodon source's live reading: the stream while the server offers one, and polling of the same timeline from
/// the last status the stream showed once it does not (<see cref="MastodonStreamingUnavailableException"/>). The
/// resume point to store is <see cref="LastStatusId"/>. One reader at a time.
/// </summary>
public sealed class MastodonLiveReader(MastodonStreamClient stream, MastodonTimelinePoller poller)
{
    private volatile bool _polling;

    public MastodonLiveMode Mode => _polling ? MastodonLiveMode.Polling : MastodonLiveMode.Streaming;

    public SourceState State => _polling ? poller.State : stream.State;

    /// <summary>Why streaming was given up, when it was.</summary>
    public string? StreamingUnavailableBecause { get; private set; }

    public string? LastStatusId => MastodonId.Max(stream.LastStatusId, poller.LastStatusId);

    public MastodonStatusIds StatusIds => stream.StatusIds;

    public async IAsyncEnumerable<MastodonStreamEvent> ReadAsync(MastodonTimeline timeline, string? resumeAfterStatusId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        _polling = false;
        await using (var events = stream.ReadAsync(timeline, resumeAfterStatusId, cancellationToken).GetAsyncEnumerator(cancellationToken))
        {
            while (true)
            {
                try
                {
                    if (!await events.MoveNextAsync())
                    {
                        yield break;
                    }
                }
                catch (MastodonStreamingUnavailableException exception)
                {
                    StreamingUnavailableBecause = exception.Message;
                    break;
                }

                yield return events.Current;
            }
        }

        _polling = true;
        await foreach (var polled in poller.ReadAsync(timeline, MastodonId.Max(stream.LastStatusId, resumeAfterStatusId), cancellationToken))
        {
            if (polled is MastodonStatusEvent status)
            {
                stream.StatusIds.Learn(status.Status.Id, status.Status.Post.RemoteId);
            }

            yield return polled;
        }
    }
}
