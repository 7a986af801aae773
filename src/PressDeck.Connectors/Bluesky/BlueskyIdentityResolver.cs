using PressDeck.Core.Posts;

namespace PressDeck.Connectors.Bluesky;

/// <summary>
/// Completes posts read from Jetstream from the AppView: fetches the text of reposted posts
/// (<c>app.bsky.feed.getPosts</c>), and turns DIDs into handles and names (<c>app.bsky.actor.getProfiles</c>), in
/// batches of <see cref="BlueskyAppViewClient.MaxPerCall"/>, keeping profiles in <see cref="IBlueskyHandles"/>. When
/// the AppView fails, posts stay as Jetstream gave them (DIDs still match <c>from:</c>) and lookups pause for
/// <see cref="PauseAfterFailure"/>. One caller at a time.
/// </summary>
public sealed class BlueskyIdentityResolver(BlueskyAppViewClient client, IBlueskyHandles handles, TimeProvider time)
{
    public static readonly TimeSpan PauseAfterFailure = TimeSpan.FromSeconds(30);

    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    /// <summary>Why the last lookup failed, or null when it did not.</summary>
    public string? LastFailure { get; private set; }

    /// <summary>The reposted posts at <paramref name="subjects"/>, by AT-URI; those the AppView does not return are missing.</summary>
    public async Task<IReadOnlyDictionary<string, Post>> FetchOriginalsAsync(IEnumerable<AtUri> subjects, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        var originals = new Dictionary<string, Post>(StringComparer.Ordinal);
        var wanted = subjects.DistinctBy(subject => subject.ToString()).ToList();
        if (wanted.Count == 0 || time.GetUtcNow() < _pausedUntil)
        {
            return originals;
        }

        foreach (var batch in wanted.Chunk(BlueskyAppViewClient.MaxPerCall))
        {
            if (!await TryAsync(async () =>
            {
                foreach (var (post, _) in await client.GetPostsAsync(batch, handles, cancellationToken))
                {
                    originals[post.RemoteId] = post;
                }
            }, cancellationToken))
            {
                break;
            }
        }

        return originals;
    }

    /// <summary>
    /// A repost with the original's words, entities, media and languages (section 7 of QUERY-LANGUAGE.md: a repost is
    /// matched on the original's content and the reposter's identity).
    /// </summary>
    public static Post WithOriginal(Post repost, Post original)
    {
        ArgumentNullException.ThrowIfNull(repost);
        ArgumentNullException.ThrowIfNull(original);
        return repost with
        {
            Text = original.Text,
            Languages = original.Languages,
            Links = original.Links,
            Media = original.Media,
            Hashtags = original.Hashtags,
            Mentions = original.Mentions,
            RepostOfHandle = original.Author.Handle,
            Url = original.Url,
        };
    }

    /// <summary>Looks up every DID in <paramref name="posts"/> that has no known profile.</summary>
    public async Task ResolveAsync(IEnumerable<Post> posts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(posts);
        if (time.GetUtcNow() < _pausedUntil)
        {
            return;
        }

        var unknown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var post in posts)
        {
            AddIfUnknown(unknown, post.Author.Handle);
            AddIfUnknown(unknown, post.ReplyToHandle);
            AddIfUnknown(unknown, post.RepostOfHandle);
            foreach (var mention in post.Mentions)
            {
                AddIfUnknown(unknown, mention);
            }
        }

        foreach (var batch in unknown.Chunk(BlueskyAppViewClient.MaxPerCall))
        {
            if (!await TryAsync(async () =>
            {
                foreach (var profile in await client.GetProfilesAsync(batch, cancellationToken))
                {
                    handles.Learn(profile);
                }
            }, cancellationToken))
            {
                return;
            }
        }
    }

    /// <summary>Runs one AppView call; on failure records why, pauses lookups, and returns false.</summary>
    private async Task<bool> TryAsync(Func<Task> call, CancellationToken cancellationToken)
    {
        try
        {
            await call();
            LastFailure = null;
            return true;
        }
        catch (Exception exception) when (exception is HttpRequestException or System.Text.Json.JsonException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LastFailure = exception is OperationCanceledException ? "the AppView did not answer in time" : exception.Message;
            _pausedUntil = time.GetUtcNow() + PauseAfterFailure;
            return false;
        }
    }

    /// <summary>The post with every DID that has a known profile replaced by its handle (and the author's name and avatar).</summary>
    public Post Rewrite(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        var author = post.Author;
        if (IsDid(author.Handle) && handles.FindProfile(author.Handle) is { } profile)
        {
            author = new Author(profile.Handle, profile.DisplayName ?? profile.Handle, profile.AvatarUrl);
        }

        return post with
        {
            Author = author,
            ReplyToHandle = HandleOf(post.ReplyToHandle),
            RepostOfHandle = HandleOf(post.RepostOfHandle),
            Mentions = post.Mentions.Any(IsDid) ? [.. post.Mentions.Select(mention => HandleOf(mention)!)] : post.Mentions,
        };
    }

    private string? HandleOf(string? value) => value is not null && IsDid(value) ? handles.Find(value) ?? value : value;

    private void AddIfUnknown(HashSet<string> unknown, string? value)
    {
        if (value is not null && IsDid(value) && handles.FindProfile(value) is null && value.Length <= 2048)
        {
            unknown.Add(value);
        }
    }

    private static bool IsDid(string value) => value.StartsWith("did:", StringComparison.Ordinal);
}
