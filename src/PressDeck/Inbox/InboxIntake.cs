using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PressDeck.Accounts;
using PressDeck.Connectors.Demo;
using PressDeck.Core.Posts;
using PressDeck.Data;
using PressDeck.Data.Archive;
using PressDeck.Data.Inbox;
using PressDeck.Data.Publishing;
using PressDeck.Monitoring.Lists;

namespace PressDeck.Inbox;

/// <summary>
/// Puts what is written to the office into the inbox as posts are committed to the archive: every mention of, reply to
/// and quote of one of the office's accounts (connected accounts, and the demo network's office), whether the network
/// sent it as the account's notification or it came in any other stream. Each post lands once (the inbox's key is the
/// network and the post's id), assigned to nobody unless a routing rule sends it to an officer; the office's own posts,
/// reposts and posts older than <see cref="InboxOptions.MaxAgeOnArrival"/> are not questions to answer.
/// </summary>
public sealed partial class InboxIntake(
    IServiceScopeFactory scopeFactory,
    ConnectedAccountDirectory accountDirectory,
    DemoWorld demoWorld,
    IOptions<DemoOptions> demoOptions,
    IOptions<InboxOptions> options,
    ListDirectory lists,
    InboxRouting routing,
    InboxEvents events,
    InboxMessenger messenger,
    TimeProvider time,
    ILogger<InboxIntake> logger)
{
    private volatile IReadOnlyList<OfficeAccount>? _offices;
    private bool _subscribed;

    /// <summary>Considers the committed posts (new or already archived: a post first seen in a column may come again as a notification).</summary>
    public async Task TakeAsync(IReadOnlyList<ArchiveEntry> entries, IReadOnlyDictionary<PostKey, string> addressedTo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(addressedTo);
        if (entries.Count == 0)
        {
            return;
        }

        var offices = _offices ?? await LoadOfficesAsync(cancellationToken);
        var byNetwork = offices.ToLookup(o => o.Network);
        var now = time.GetUtcNow().UtcDateTime;
        var oldest = now - options.Value.MaxAgeOnArrival;
        var found = new List<(ArchiveEntry Entry, OfficeAccount Office)>();
        var quotes = new List<ArchiveEntry>();
        foreach (var entry in entries)
        {
            var post = entry.Post;
            if (post.IsRepost || post.Network == Network.Rss || post.CreatedAt < oldest)
            {
                continue;
            }

            var onNetwork = byNetwork[post.Network];
            if (onNetwork.Any(o => o.Owns(post.Author.Handle)))
            {
                continue;
            }

            addressedTo.TryGetValue(new PostKey(post.Network, post.RemoteId), out var notified);
            var office = notified is not null
                ? onNetwork.FirstOrDefault(o => o.Owns(notified)) ?? new OfficeAccount(post.Network, notified, "", "")
                : onNetwork.FirstOrDefault(o => (post.IsReply && post.ReplyToHandle is { } to && o.Owns(to)) || entry.Analysis.Mentions.Any(o.Owns) || o.AuthoredUri(post.QuoteOfId));
            if (office is not null)
            {
                found.Add((entry, office));
            }
            else if (post.IsQuote && onNetwork.Any())
            {
                quotes.Add(entry);
            }
        }

        if (quotes.Count > 0)
        {
            found.AddRange(await QuotesOfOfficeAsync(quotes, offices, cancellationToken));
        }

        if (found.Count > 0)
        {
            await AddAsync(found, now, cancellationToken);
        }
    }

    /// <summary>The quotes whose quoted post is one the office published or one of its accounts wrote.</summary>
    private async Task<IReadOnlyList<(ArchiveEntry, OfficeAccount)>> QuotesOfOfficeAsync(List<ArchiveEntry> quotes, IReadOnlyList<OfficeAccount> offices, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var found = new List<(ArchiveEntry, OfficeAccount)>();
        foreach (var group in quotes.GroupBy(q => q.Post.Network))
        {
            var network = group.Key;
            var ids = group.Select(q => q.Post.QuoteOfId!).Distinct(StringComparer.Ordinal).ToList();
            var handles = offices.Where(o => o.Network == network).Select(o => o.Handle).ToList();
            var authors = await db.Posts.AsNoTracking().Where(p => p.Network == network && ids.Contains(p.RemoteId) && handles.Contains(p.AuthorHandle))
                .Select(p => new { p.RemoteId, p.AuthorHandle }).ToListAsync(cancellationToken);
            var published = await db.DraftTargets.AsNoTracking().Where(t => t.Network == network && t.State == TargetState.Published && t.RemoteId != null && ids.Contains(t.RemoteId))
                .Select(t => new { RemoteId = t.RemoteId!, Handle = t.AccountHandle }).ToListAsync(cancellationToken);
            var byId = authors.Select(a => (a.RemoteId, Handle: a.AuthorHandle)).Concat(published.Select(p => (p.RemoteId, p.Handle)))
                .GroupBy(a => a.RemoteId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Handle, StringComparer.Ordinal);
            foreach (var quote in group)
            {
                if (byId.TryGetValue(quote.Post.QuoteOfId!, out var handle))
                {
                    found.Add((quote, offices.FirstOrDefault(o => o.Network == network && o.Owns(handle)) ?? new OfficeAccount(network, handle, "", "")));
                }
            }
        }

        return found;
    }

    private async Task AddAsync(List<(ArchiveEntry Entry, OfficeAccount Office)> found, DateTime now, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var settings = await db.InboxSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken) ?? new InboxSettings();
        var known = new HashSet<(Network, string)>();
        foreach (var group in found.GroupBy(f => f.Entry.Post.Network))
        {
            var ids = group.Select(f => f.Entry.Post.RemoteId).ToList();
            var network = (Network?)group.Key;
            foreach (var id in await db.InboxItems.AsNoTracking().Where(i => i.Network == network && ids.Contains(i.RemoteId!)).Select(i => i.RemoteId!).ToListAsync(cancellationToken))
            {
                known.Add((group.Key, id));
            }
        }

        var added = new List<(InboxItem Item, InboxRule? Rule)>();
        foreach (var (entry, office) in found)
        {
            var post = entry.Post;
            if (!known.Add((post.Network, post.RemoteId)))
            {
                continue;
            }

            var item = new InboxItem
            {
                Kind = post.IsQuote && !post.IsReply ? InboxItemKind.Quote : post.IsReply ? InboxItemKind.Reply : InboxItemKind.Mention,
                Network = post.Network,
                RemoteId = post.RemoteId,
                OfficeHandle = office.Handle,
                FromHandle = post.Author.Handle,
                FromName = post.Author.DisplayName,
                Text = post.Text,
                Url = post.Url,
                AskedAt = post.CreatedAt < now ? post.CreatedAt : now,
                ArrivedAt = now,
                Status = InboxStatus.New,
                ListNames = string.Join(", ", lists.Names.Where(name => lists.Contains(name, post.Author.Handle)).Order(StringComparer.CurrentCultureIgnoreCase)),
                UpdatedAt = now,
            };
            if (item.AskedAt < now - TimeSpan.FromMinutes(settings.ResponseTargetMinutes))
            {
                // Already past the target when it arrived (PressDeck was stopped, or a backfill): no "about to be missed" warning.
                item.TargetWarningSentAt = now;
            }

            item.Log.Add(new InboxLogEntry { Kind = InboxLogKind.Event, At = now, ByName = "PressDeck", Text = $"Arrived: {KindWords(item.Kind)} @{office.Handle} on {post.Network}." });
            var rule = await routing.RouteAsync(entry.Analysis, cancellationToken);
            if (rule is not null)
            {
                await InboxRoutes.ApplyAsync(db, item, rule, now, cancellationToken);
            }

            db.InboxItems.Add(item);
            added.Add((item, rule));
        }

        if (added.Count == 0)
        {
            return;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Another node took some of the same posts in between: keep the ones that are still new, one at a time.
            LogRaced(exception.Message);
            db.ChangeTracker.Clear();
            var kept = new List<(InboxItem, InboxRule?)>();
            foreach (var (item, rule) in added)
            {
                if (await db.InboxItems.AnyAsync(i => i.Network == item.Network && i.RemoteId == item.RemoteId, cancellationToken))
                {
                    continue;
                }

                db.InboxItems.Add(item);
                await db.SaveChangesAsync(cancellationToken);
                kept.Add((item, rule));
            }

            added = kept;
        }

        foreach (var (item, rule) in added)
        {
            LogArrived(item.Id, item.Network, item.Kind);
            events.NotifyItemChanged(item.Id);
            if (rule is not null)
            {
                await messenger.RoutedAsync(item, rule, cancellationToken);
            }
        }
    }

    internal static string KindWords(InboxItemKind kind) => kind switch
    {
        InboxItemKind.Reply => "a reply to",
        InboxItemKind.Quote => "a quote of",
        InboxItemKind.Phone => "a phone call to",
        InboxItemKind.Email => "an email to",
        _ => "a mention of",
    };

    private async Task<IReadOnlyList<OfficeAccount>> LoadOfficesAsync(CancellationToken cancellationToken)
    {
        if (!_subscribed)
        {
            _subscribed = true;
            accountDirectory.Changed += () => _offices = null;
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var connected = await db.ConnectedAccounts.AsNoTracking().Select(a => new { a.Network, a.Handle, a.RemoteAccountId, a.ServerUrl }).ToListAsync(cancellationToken);
        var offices = connected.Select(a => new OfficeAccount(a.Network, a.Handle, a.RemoteAccountId, Uri.TryCreate(a.ServerUrl, UriKind.Absolute, out var server) ? server.Host : "")).ToList();
        if (demoOptions.Value.Enabled)
        {
            offices.Add(new OfficeAccount(Network.Demo, demoWorld.OfficeAccount.Handle, demoWorld.OfficeAccount.Handle, ""));
        }

        _offices = offices;
        return offices;
    }

    [LoggerMessage(EventId = 4702, Level = LogLevel.Debug, Message = "Inbox item {ItemId} arrived from {Network} ({Kind})")]
    private partial void LogArrived(int itemId, Network? network, InboxItemKind kind);

    [LoggerMessage(EventId = 4703, Level = LogLevel.Information, Message = "Inbox items raced with another node; adding them one by one: {Problem}")]
    private partial void LogRaced(string problem);

    /// <summary>One of the office's accounts: its handle, its id on the network (a Bluesky DID) and its server's host (Mastodon).</summary>
    private sealed record OfficeAccount(Network Network, string Handle, string RemoteAccountId, string ServerHost)
    {
        /// <summary>Whether <paramref name="handle"/> (as a post or mention gives it) is this account; a Mastodon handle may carry the server.</summary>
        public bool Owns(string handle)
        {
            var bare = handle.TrimStart('@');
            return string.Equals(bare, Handle, StringComparison.OrdinalIgnoreCase)
                || (Network == Network.Mastodon && ServerHost.Length > 0 && string.Equals(bare, $"{Handle}@{ServerHost}", StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>Whether the post id (a Bluesky at-uri) is in this account's own repository.</summary>
        public bool AuthoredUri(string? remoteId) =>
            remoteId is not null && Network == Network.Bluesky && RemoteAccountId.Length > 0 && remoteId.StartsWith($"at://{RemoteAccountId}/", StringComparison.Ordinal);
    }
}
