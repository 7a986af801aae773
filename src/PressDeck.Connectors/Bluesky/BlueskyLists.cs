using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PressDeck.Connectors.Net;
using PressDeck.Core.Lists;
using PressDeck.Core.Posts;
using PressDeck.Core.Publishing;

namespace PressDeck.Connectors.Bluesky;

/// <summary>
/// Bluesky lists (protocols.md 1.10, "Lists"), asked of the account's own server with its app password, as
/// <see cref="BlueskyPublisher"/> does: the server answers <c>app.bsky.graph.getLists</c> and <c>getList</c> for the AppView
/// (with its words and rate-limit headers when it refuses), and writes the records. A list is an <c>app.bsky.graph.list</c>
/// record (always public) and each member an <c>app.bsky.graph.listitem</c> record in the list owner's repository, so only
/// the account's own lists can be written to, and only curation lists: adding to a moderation list would mute or block.
/// Give it an <see cref="HttpClient"/> built on <see cref="OutboundHttp.CreateHandler"/> (servers are typed in). Thread-safe.
/// </summary>
/// <remarks>
/// Membership is read from the AppView, which indexes new records within a second or so: adding a member twice in that
/// second can leave two listitems, which the AppView shows as one.
/// </remarks>
public sealed partial class BlueskyLists(
    HttpClient http, TimeProvider time, ILogger<BlueskyLists> logger, BlueskyPublishingOptions? options = null, IBlueskyHandles? handles = null)
    : INetworkLists
{
    /// <summary>The longest list name the lexicon allows, in UTF-8 bytes (atproto's <c>maxLength</c> counts bytes).</summary>
    public const int MaxNameBytes = 64;

    /// <summary>The longest list description the lexicon allows, in graphemes (and 3,000 UTF-8 bytes).</summary>
    public const int MaxDescriptionGraphemes = 300;

    /// <summary>The most lists <see cref="GetOwnListsAsync"/> returns.</summary>
    public const int MaxOwnLists = 1_000;

    public const string CurationPurpose = "app.bsky.graph.defs#curatelist";

    private const int MaxDescriptionBytes = 3_000;

    /// <summary>The largest page <c>getList</c> and <c>getLists</c> give.</summary>
    private const int PageSize = 100;

    /// <summary>Longest answer read from the server (a page of 100 profile views with their descriptions is well under this).</summary>
    private const int MaxResponseBytes = 4 * 1024 * 1024;

    private readonly BlueskyPublishingOptions _options = options ?? new BlueskyPublishingOptions();
    private readonly BlueskyPublishingSessions _sessions = new(new BlueskySessionClient(http, time));

    public Network Network => Network.Bluesky;

    public async Task<IReadOnlyList<RemoteList>> GetOwnListsAsync(PublishingAccount account, CancellationToken cancellationToken)
    {
        CheckAccount(account);
        const string method = "app.bsky.graph.getLists";
        var doing = $"reading the lists of @{HandleOf(account)}";
        var lists = new List<RemoteList>();
        string? cursor = null;
        do
        {
            var query = new StringBuilder("limit=").Append(PageSize.ToString(CultureInfo.InvariantCulture)).Append("&purposes=curatelist");
            if (cursor is not null)
            {
                query.Append("&cursor=").Append(Uri.EscapeDataString(cursor));
            }

            var (answer, _) = await CallAsync(account, session => Get(account, method, $"actor={Uri.EscapeDataString(session.Did)}&{query}"), doing, cancellationToken);
            if (!answer.IsSuccess)
            {
                throw Failure(answer, doing);
            }

            var (page, next) = ReadJson(answer, doing, root =>
            {
                var found = new List<RemoteList>();
                if (root.TryGetProperty("lists", out var views) && views.ValueKind == JsonValueKind.Array)
                {
                    // A server that does not know the purposes filter sends every list; moderation lists are not wanted.
                    found.AddRange(views.EnumerateArray().Where(view => Text(view, "purpose") == CurationPurpose).Select(ReadListView).OfType<RemoteList>());
                }

                return (found, Text(root, "cursor"));
            });
            lists.AddRange(page.Take(MaxOwnLists - lists.Count));

            // A server that keeps answering with the same cursor would otherwise be asked forever.
            cursor = next is { Length: > 0 } && next != cursor ? next : null;
        }
        while (cursor is not null && lists.Count < MaxOwnLists);

        return lists;
    }

    public async Task<RemoteList?> FindListAsync(PublishingAccount account, string addressOrId, CancellationToken cancellationToken)
    {
        CheckAccount(account);
        ArgumentNullException.ThrowIfNull(addressOrId);
        if (!TryParseListAddress(addressOrId, out var address))
        {
            return null;
        }

        var uri = await WithDidAsync(account, address, cancellationToken);
        if (uri is null)
        {
            return null;
        }

        var page = await FindListPageAsync(account, uri, 1, null, $"reading the list {uri}", cancellationToken);
        return page?.List;
    }

    public async Task<IReadOnlyList<RemoteListMember>> GetMembersAsync(PublishingAccount account, string listId, int max, CancellationToken cancellationToken)
    {
        CheckAccount(account);
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var uri = await ListUriAsync(account, listId, cancellationToken);
        var doing = $"reading the members of the list {uri}";
        var members = new List<RemoteListMember>();
        string? cursor = null;
        while (members.Count < max)
        {
            var page = await GetListPageAsync(account, uri, Math.Min(PageSize, max - members.Count), cursor, doing, cancellationToken);
            foreach (var item in page.Items.Take(max - members.Count))
            {
                members.Add(new RemoteListMember(item.Subject.Did, HandleOf(item.Subject), item.Subject.DisplayName ?? HandleOf(item.Subject), item.Uri));
            }

            if (page.Items.Count == 0 || page.Cursor is not { Length: > 0 } next || next == cursor)
            {
                break;
            }

            cursor = next;
        }

        return members;
    }

    public async Task<RemoteList> CreateListAsync(PublishingAccount account, string name, string description, bool isPrivate, CancellationToken cancellationToken)
    {
        CheckAccount(account);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(description);
        var trimmedName = name.Trim();
        var trimmedDescription = description.Trim();
        CheckList(trimmedName, trimmedDescription);

        // isPrivate is not sent: every Bluesky list is public.
        var record = new JsonObject
        {
            ["$type"] = AtUri.ListCollection,
            ["purpose"] = CurationPurpose,
            ["name"] = trimmedName,
        };
        if (trimmedDescription.Length > 0)
        {
            record["description"] = trimmedDescription;
        }

        record["createdAt"] = BlueskyPostRecord.CreatedAt(time.GetUtcNow().UtcDateTime);
        var doing = $"creating the list \"{trimmedName}\"";
        var (created, session) = await CreateRecordAsync(account, AtUri.ListCollection, record, doing, cancellationToken);
        var id = created.ToString();
        LogListCreated(id);
        return new RemoteList(id, trimmedName, trimmedDescription, session.Handle, WebUrl(session.Handle, created), 0, IsPrivate: false);
    }

    public async Task<RemoteListMember?> ResolveAsync(PublishingAccount account, string handle, CancellationToken cancellationToken)
    {
        CheckAccount(account);
        ArgumentNullException.ThrowIfNull(handle);
        if (BlueskyHandle.Normalise(handle) is not { } normal)
        {
            return null;
        }

        if (await ResolveHandleAsync(account, normal, cancellationToken) is not { } did)
        {
            return null;
        }

        // Only a name already known: asking for each profile would double the requests of pushing a whole list.
        var name = handles?.FindProfile(did)?.DisplayName;
        return new RemoteListMember(did, normal, name ?? normal);
    }

    public async Task AddMemberAsync(PublishingAccount account, string listId, RemoteListMember member, CancellationToken cancellationToken)
    {
        CheckAccount(account);
        ArgumentNullException.ThrowIfNull(member);
        var uri = await OwnListUriAsync(account, listId, "add to", cancellationToken);
        var did = await DidOfAsync(account, member, cancellationToken)
            ?? throw new NetworkListException($"@{member.Handle} is not a Bluesky account (the handle does not resolve), so it cannot be added to the list {uri}.");
        var doing = $"adding @{member.Handle} to the list {uri}";
        var (existing, purpose) = await FindMembershipAsync(account, uri, did, handle: null, doing, cancellationToken);
        if (purpose != CurationPurpose)
        {
            throw new NetworkListException($"The list {uri} is a {PurposeName(purpose)}, not a curation list; PressDeck only adds accounts to curation lists.");
        }

        if (existing is not null)
        {
            return;
        }

        var record = new JsonObject
        {
            ["$type"] = AtUri.ListItemCollection,
            ["subject"] = did,
            ["list"] = uri.ToString(),
            ["createdAt"] = BlueskyPostRecord.CreatedAt(time.GetUtcNow().UtcDateTime),
        };
        var (created, _) = await CreateRecordAsync(account, AtUri.ListItemCollection, record, doing, cancellationToken);
        var (listUri, itemUri) = (uri.ToString(), created.ToString());
        LogMemberAdded(did, listUri, itemUri);
    }

    public async Task RemoveMemberAsync(PublishingAccount account, string listId, RemoteListMember member, CancellationToken cancellationToken)
    {
        CheckAccount(account);
        ArgumentNullException.ThrowIfNull(member);
        var uri = await OwnListUriAsync(account, listId, "remove from", cancellationToken);
        var doing = $"removing @{member.Handle} from the list {uri}";
        AtUri? item;
        if (member.MembershipId is { } membershipId)
        {
            if (!AtUri.TryParse(membershipId.Trim(), out item) || item.Collection != AtUri.ListItemCollection || item.Authority != uri.Authority)
            {
                throw new NetworkListException($"\"{membershipId}\" is not a membership (listitem) record of the list {uri}, so @{member.Handle} cannot be removed with it.");
            }
        }
        else
        {
            var did = member.RemoteId.StartsWith("did:", StringComparison.Ordinal) ? member.RemoteId : null;
            (item, _) = await FindMembershipAsync(account, uri, did, BlueskyHandle.Normalise(member.Handle), doing, cancellationToken);
            if (item is null)
            {
                return;
            }
        }

        const string method = "com.atproto.repo.deleteRecord";
        var (answer, _) = await CallAsync(
            account,
            session => Post(account, method, new JsonObject { ["repo"] = session.Did, ["collection"] = AtUri.ListItemCollection, ["rkey"] = item.RecordKey }),
            doing,
            cancellationToken);

        // Deleting a record that is not there succeeds (protocols.md 1.9); a server that says so anyway is agreed with.
        if (!answer.IsSuccess && !IsRecordNotFound(answer))
        {
            throw Failure(answer, doing);
        }

        var (listUri, itemUri) = (uri.ToString(), item.ToString());
        LogMemberRemoved(member.RemoteId, listUri, itemUri);
    }

    /// <summary>
    /// A list address as people paste it: <c>at://AUTHORITY/app.bsky.graph.list/RKEY</c>, or
    /// <c>https://bsky.app/profile/AUTHORITY/lists/RKEY</c> (with or without <c>https://</c>), the authority a DID or a handle.
    /// </summary>
    public static bool TryParseListAddress(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out AtUri? uri)
    {
        uri = null;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return false;
        }

        if (AtUri.TryParse(trimmed, out var parsed))
        {
            uri = parsed.Collection == AtUri.ListCollection ? parsed with { Authority = NormalAuthority(parsed.Authority) } : null;
            return uri is not null;
        }

        if (trimmed.StartsWith("bsky.app/", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("www.bsky.app/", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = "https://" + trimmed;
        }

        if (Uri.TryCreate(trimmed, UriKind.Absolute, out var address)
            && address.Scheme == Uri.UriSchemeHttps
            && address.Host is "bsky.app" or "www.bsky.app"
            && address.AbsolutePath.Trim('/').Split('/') is ["profile", var authority, "lists", var key]
            && AtUri.TryParse($"at://{Uri.UnescapeDataString(authority)}/{AtUri.ListCollection}/{key}", out var fromAddress))
        {
            uri = fromAddress with { Authority = NormalAuthority(fromAddress.Authority) };
            return true;
        }

        return false;
    }

    /// <summary>A handle in lower case, as handles compare; a DID exactly as it is.</summary>
    private static string NormalAuthority(string authority) =>
        authority.StartsWith("did:", StringComparison.Ordinal) ? authority : authority.ToLowerInvariant();

    private static void CheckAccount(PublishingAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (account.Network != Network.Bluesky)
        {
            throw new ArgumentException($"{account} is not a Bluesky account.", nameof(account));
        }
    }

    /// <summary>What the list lexicon would refuse, refused before anything is sent, in words a person can act on.</summary>
    private static void CheckList(string name, string description)
    {
        if (name.Length == 0)
        {
            throw new NetworkListException("A Bluesky list needs a name.");
        }

        var nameBytes = Encoding.UTF8.GetByteCount(name);
        if (nameBytes > MaxNameBytes)
        {
            throw new NetworkListException(
                $"\"{name}\" is too long for a Bluesky list name: Bluesky allows {MaxNameBytes} bytes (letters outside plain English count as two or more), and it is {nameBytes.ToString(CultureInfo.InvariantCulture)}.");
        }

        var graphemes = new StringInfo(description).LengthInTextElements;
        if (graphemes > MaxDescriptionGraphemes || Encoding.UTF8.GetByteCount(description) > MaxDescriptionBytes)
        {
            throw new NetworkListException(
                $"The description is too long for a Bluesky list: Bluesky allows {MaxDescriptionGraphemes} characters, and it is {graphemes.ToString(CultureInfo.InvariantCulture)}.");
        }
    }

    private static string HandleOf(PublishingAccount account) => account.Handle.Trim().TrimStart('@').ToLowerInvariant();

    /// <summary>The handle a member is known by; the DID when the account has no working handle, so that no two members share one.</summary>
    private static string HandleOf(BlueskyProfile profile) => profile.Handle == "handle.invalid" ? profile.Did : profile.Handle;

    private static Uri WebUrl(string ownerHandleOrDid, AtUri list) =>
        new($"https://bsky.app/profile/{ownerHandleOrDid}/lists/{list.RecordKey}");

    private static string PurposeName(string? purpose) => purpose switch
    {
        "app.bsky.graph.defs#modlist" => "moderation list (its members are muted or blocked)",
        "app.bsky.graph.defs#referencelist" => "reference list (a starter pack's)",
        _ => $"list of purpose \"{purpose}\"",
    };

    /// <summary>The list's AT-URI from <paramref name="listId"/> (its AT-URI or bsky.app address), with the owner's DID.</summary>
    private async Task<AtUri> ListUriAsync(PublishingAccount account, string listId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listId);
        if (!TryParseListAddress(listId, out var address))
        {
            throw new NetworkListException($"\"{listId}\" is not the address of a Bluesky list (at://…/app.bsky.graph.list/… or https://bsky.app/profile/…/lists/…).");
        }

        return await WithDidAsync(account, address, cancellationToken)
            ?? throw new NetworkListException($"The owner of the list {address} (@{address.Authority}) is not on Bluesky: the handle does not resolve.");
    }

    /// <summary>The list, which must be the account's own: a list's members are records in its owner's repository.</summary>
    private async Task<AtUri> OwnListUriAsync(PublishingAccount account, string listId, string change, CancellationToken cancellationToken)
    {
        var uri = await ListUriAsync(account, listId, cancellationToken);
        var session = await SignInAsync(account, stale: null, canRefresh: false, $"changing the list {uri}", cancellationToken);
        return uri.Authority == session.Did
            ? uri
            : throw new NetworkListException($"The list {uri} is not a list of @{session.Handle}, so PressDeck cannot {change} it: only its owner can.");
    }

    /// <summary>The address with its authority as a DID (a handle resolved), or null when the handle does not resolve.</summary>
    private async Task<AtUri?> WithDidAsync(PublishingAccount account, AtUri address, CancellationToken cancellationToken) =>
        address.Authority.StartsWith("did:", StringComparison.Ordinal)
            ? address
            : await ResolveHandleAsync(account, address.Authority, cancellationToken) is { } did ? address with { Authority = did } : null;

    private async Task<string?> DidOfAsync(PublishingAccount account, RemoteListMember member, CancellationToken cancellationToken) =>
        member.RemoteId.StartsWith("did:", StringComparison.Ordinal)
            ? member.RemoteId
            : BlueskyHandle.Normalise(member.Handle) is { } handle ? await ResolveHandleAsync(account, handle, cancellationToken) : null;

    /// <summary>
    /// The DID of a handle (<c>com.atproto.identity.resolveHandle</c>, which needs no session), or null when the server
    /// says it does not resolve.
    /// </summary>
    private async Task<string?> ResolveHandleAsync(PublishingAccount account, string handle, CancellationToken cancellationToken)
    {
        const string method = "com.atproto.identity.resolveHandle";
        var doing = $"resolving the handle @{handle}";
        var answer = await SendAsync(() => Get(account, method, "handle=" + Uri.EscapeDataString(handle)), account, doing, cancellationToken);
        if (answer.IsSuccess)
        {
            var did = ReadJson(answer, doing, root => Text(root, "did"));
            if (did is null || !did.StartsWith("did:", StringComparison.Ordinal))
            {
                return null;
            }

            handles?.Learn(did, handle);
            return did;
        }

        // HandleNotFound (400; older servers say InvalidRequest "Unable to resolve handle"), or a server without the
        // method (404, 501): the handle does not resolve.
        return (int)answer.Status is 400 or 404 or 501 ? null : throw Failure(answer, doing);
    }

    /// <summary>
    /// The listitem that puts <paramref name="did"/> (or, without a DID, <paramref name="handle"/>) on the list, paging
    /// through the whole list, and the list's purpose. Throws when the list does not exist.
    /// </summary>
    private async Task<(AtUri? Item, string Purpose)> FindMembershipAsync(
        PublishingAccount account, AtUri list, string? did, string? handle, string doing, CancellationToken cancellationToken)
    {
        string? cursor = null;
        string? purpose = null;
        while (true)
        {
            var page = await GetListPageAsync(account, list, PageSize, cursor, doing, cancellationToken);
            purpose ??= page.Purpose;
            var found = page.Items.FirstOrDefault(item => (did is not null && item.Subject.Did == did) || (handle is not null && item.Subject.Handle == handle));
            if (found is not null && AtUri.TryParse(found.Uri, out var item))
            {
                return (item, purpose);
            }

            if (page.Items.Count == 0 || page.Cursor is not { Length: > 0 } next || next == cursor)
            {
                return (null, purpose);
            }

            cursor = next;
        }
    }

    /// <summary>
    /// One page of <c>app.bsky.graph.getList</c>, like <see cref="FindListPageAsync"/>, but a list that is not there is a
    /// <see cref="NetworkListException"/> with Bluesky's words.
    /// </summary>
    private async Task<ListPage> GetListPageAsync(PublishingAccount account, AtUri list, int limit, string? cursor, string doing, CancellationToken cancellationToken) =>
        // Never null: with isMissingAnError a missing list is thrown instead.
        (await FindListPageAsync(account, list, limit, cursor, doing, cancellationToken, isMissingAnError: true))!;

    /// <summary>One page of <c>app.bsky.graph.getList</c>: the list and up to <paramref name="limit"/> members; null when there is no such list.</summary>
    private async Task<ListPage?> FindListPageAsync(
        PublishingAccount account, AtUri list, int limit, string? cursor, string doing, CancellationToken cancellationToken, bool isMissingAnError = false)
    {
        const string method = "app.bsky.graph.getList";
        var query = $"list={Uri.EscapeDataString(list.ToString())}&limit={Math.Clamp(limit, 1, PageSize).ToString(CultureInfo.InvariantCulture)}";
        if (cursor is not null)
        {
            query += "&cursor=" + Uri.EscapeDataString(cursor);
        }

        var (answer, _) = await CallAsync(account, _ => Get(account, method, query), doing, cancellationToken);
        if (IsUnknownList(answer))
        {
            return isMissingAnError
                ? throw new NetworkListException($"Bluesky has no list at {list} (it was deleted, or the address is wrong) while {doing} ({Detail(answer)}).")
                : null;
        }

        if (!answer.IsSuccess)
        {
            throw Failure(answer, doing);
        }

        return ReadJson(answer, doing, root =>
        {
            if (!root.TryGetProperty("list", out var view) || ReadListView(view) is not { } remote)
            {
                throw new NetworkListException($"Bluesky answered without the list while {doing}.");
            }

            var items = new List<ListItem>();
            if (root.TryGetProperty("items", out var elements) && elements.ValueKind == JsonValueKind.Array)
            {
                foreach (var element in elements.EnumerateArray())
                {
                    if (element.ValueKind == JsonValueKind.Object && Text(element, "uri") is { } uri && AtUri.TryParse(uri, out _)
                        && element.TryGetProperty("subject", out var subject) && BlueskyAppViewClient.ReadProfile(subject) is { } profile)
                    {
                        handles?.Learn(profile);
                        items.Add(new ListItem(uri, profile));
                    }
                }
            }

            return new ListPage(remote, Text(view, "purpose") ?? "", items, Text(root, "cursor"));
        });
    }

    /// <summary>
    /// A list the AppView does not have: <c>UnknownList</c> (getListFeed's name for it), <c>NotFound</c>, or the AppView's
    /// plain <c>InvalidRequest</c> "List not found".
    /// </summary>
    private static bool IsUnknownList(XrpcAnswer answer) =>
        answer.Status is HttpStatusCode.BadRequest or HttpStatusCode.NotFound
        && (answer.Error is "UnknownList" or "NotFound" or "RecordNotFound"
            || (answer.Error is "InvalidRequest" && answer.Message is { } message && message.Contains("not found", StringComparison.OrdinalIgnoreCase)));

    /// <summary>A <c>listView</c> as a <see cref="RemoteList"/>; null when it lacks what a list must have.</summary>
    private static RemoteList? ReadListView(JsonElement view)
    {
        if (view.ValueKind != JsonValueKind.Object
            || !AtUri.TryParse(Text(view, "uri"), out var uri) || uri.Collection != AtUri.ListCollection
            || Text(view, "name") is not { } name
            || !view.TryGetProperty("creator", out var creator) || BlueskyAppViewClient.ReadProfile(creator) is not { } owner)
        {
            return null;
        }

        int? count = view.TryGetProperty("listItemCount", out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= 0
            ? number
            : null;
        var ownerHandle = HandleOf(owner);
        return new RemoteList(uri.ToString(), name, Text(view, "description") ?? "", ownerHandle, WebUrl(ownerHandle, uri), count, IsPrivate: false);
    }

    /// <summary><c>com.atproto.repo.createRecord</c> in the account's repository, the key left to the server; the record's AT-URI.</summary>
    private async Task<(AtUri Uri, BlueskySession Session)> CreateRecordAsync(
        PublishingAccount account, string collection, JsonObject record, string doing, CancellationToken cancellationToken)
    {
        const string method = "com.atproto.repo.createRecord";
        var (answer, session) = await CallAsync(
            account,
            session => Post(account, method, new JsonObject { ["repo"] = session.Did, ["collection"] = collection, ["record"] = record.DeepClone() }),
            doing,
            cancellationToken);
        if (!answer.IsSuccess)
        {
            throw Failure(answer, doing);
        }

        var created = ReadJson(answer, doing, root => AtUri.TryParse(Text(root, "uri"), out var uri) && uri.Collection == collection ? uri : null);
        return created is null
            ? throw new NetworkListException($"Bluesky answered without the new record's address while {doing}; it may have been made, so look at the list on Bluesky before trying again.")
            : (created, session);
    }

    private static bool IsRecordNotFound(XrpcAnswer answer) =>
        answer.Status == HttpStatusCode.NotFound || (answer.Status == HttpStatusCode.BadRequest && answer.Error is "RecordNotFound");

    /// <summary>
    /// Sends an authenticated XRPC request with the account's session; when the server says the access token expired
    /// (<c>ExpiredToken</c>) the session is refreshed, when it refuses the token the account signs in again, and the
    /// request is sent once more: it was refused before anything happened, so sending it again is safe.
    /// </summary>
    private async Task<(XrpcAnswer Answer, BlueskySession Session)> CallAsync(
        PublishingAccount account, Func<BlueskySession, HttpRequestMessage> build, string doing, CancellationToken cancellationToken)
    {
        var session = await SignInAsync(account, stale: null, canRefresh: false, doing, cancellationToken);
        var answer = await SendAsync(() => Authorized(build(session), session), account, doing, cancellationToken);
        var isExpired = answer.Error == "ExpiredToken" && (int)answer.Status is 400 or 401;
        var isRefused = answer.Error == "InvalidToken" || answer.Status == HttpStatusCode.Unauthorized;
        if (isExpired || isRefused)
        {
            LogSessionRenewed(account.Handle, isExpired ? "refreshed" : "signed in again");
            session = await SignInAsync(account, session, canRefresh: isExpired, doing, cancellationToken);
            answer = await SendAsync(() => Authorized(build(session), session), account, doing, cancellationToken);
        }

        return (answer, session);
    }

    /// <summary>The account's session (or a renewed one instead of <paramref name="stale"/>), with sign-in failures as <see cref="NetworkListException"/>.</summary>
    private async Task<BlueskySession> SignInAsync(PublishingAccount account, BlueskySession? stale, bool canRefresh, string doing, CancellationToken cancellationToken)
    {
        var handle = HandleOf(account);
        try
        {
            return stale is null
                ? await _sessions.GetAsync(account, cancellationToken)
                : await _sessions.RenewAsync(account, stale, canRefresh, cancellationToken);
        }
        catch (XrpcException exception)
        {
            var refused = exception.Error is "AuthenticationRequired" or "AuthenticationFailed" || exception.StatusCode == HttpStatusCode.Unauthorized;
            var words = refused
                ? $"Bluesky refused the app password for @{handle} while {doing} ({exception.Message}). Create a new app password in Bluesky's settings and connect the account again."
                : $"Signing in to Bluesky as @{handle} failed while {doing}: {exception.Message}.";
            throw new NetworkListException(words, exception) { RetryAfter = exception.RetryAfter };
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NetworkListException($"{account.Server.IdnHost} did not answer in time while signing in as @{handle} ({doing}).", exception);
        }
        catch (HttpRequestException exception) when (HttpAnswers.AddressRefusal(exception) is { } refusal)
        {
            throw new NetworkListException($"PressDeck does not connect to {account.Server.IdnHost}: {refusal.Message}", exception);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            throw new NetworkListException($"Signing in to Bluesky as @{handle} failed while {doing} ({Reason(exception)}).", exception);
        }
    }

    private static HttpRequestMessage Authorized(HttpRequestMessage request, BlueskySession session)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessJwt);
        return request;
    }

    private static Uri Address(PublishingAccount account, string method) =>
        new(new Uri(account.Server.GetLeftPart(UriPartial.Authority) + "/"), "/xrpc/" + method);

    private static HttpRequestMessage Get(PublishingAccount account, string method, string query) =>
        new(HttpMethod.Get, new Uri(Address(account, method) + "?" + query));

    private static HttpRequestMessage Post(PublishingAccount account, string method, JsonObject body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToJsonString()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(HttpMethod.Post, Address(account, method)) { Content = content };
    }

    /// <summary>
    /// Sends one request within <see cref="BlueskyPublishingOptions.RequestTimeout"/> and reads the whole answer, with
    /// XRPC's <c>{error, message}</c> when it is one. A request that fails on the way is a <see cref="NetworkListException"/>.
    /// </summary>
    private async Task<XrpcAnswer> SendAsync(Func<HttpRequestMessage> build, PublishingAccount account, string doing, CancellationToken cancellationToken)
    {
        var host = account.Server.IdnHost;
        using var request = build();
        var isWrite = request.Method == HttpMethod.Post;
        var afterSending = isWrite ? " The change may have been made; look at the list on Bluesky before trying again." : "";

        // Real time, as HttpClient.Timeout: a guard on the network, not one of PressDeck's own waits.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        linked.CancelAfter(_options.RequestTimeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var body = await HttpAnswers.ReadAtMostAsync(response, MaxResponseBytes, "The answer", linked.Token);
            var (error, message) = response.IsSuccessStatusCode ? (null, null) : BlueskyPublisher.ReadError(body);
            return new XrpcAnswer(response.StatusCode, body, error, message, RetryDelay.Requested(response, time.GetUtcNow()));
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            var seconds = _options.RequestTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
            throw new NetworkListException($"{host} did not answer within {seconds} s while {doing}.{afterSending}", exception);
        }
        catch (HttpRequestException exception) when (HttpAnswers.AddressRefusal(exception) is { } refusal)
        {
            throw new NetworkListException($"PressDeck does not connect to {host}: {refusal.Message}", exception);
        }
        catch (HttpRequestException exception) when (HttpAnswers.IsBeforeSending(exception))
        {
            throw new NetworkListException($"{host} could not be reached while {doing} ({Reason(exception)}); nothing was sent.", exception);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            throw new NetworkListException($"The connection to {host} broke while {doing} ({Reason(exception)}).{afterSending}", exception);
        }
    }

    /// <summary>The most specific words for a network failure ("Connection refused").</summary>
    private static string Reason(Exception exception) =>
        (exception.InnerException is null or JsonException ? exception.Message : exception.GetBaseException().Message).Trim().TrimEnd('.');

    private static T ReadJson<T>(XrpcAnswer answer, string doing, Func<JsonElement, T> read)
    {
        try
        {
            using var document = JsonDocument.Parse(answer.Body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? read(document.RootElement)
                : throw new JsonException("The answer is not a JSON object.");
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            throw new NetworkListException($"Bluesky answered with something that is not the JSON expected while {doing}.", exception);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>
    /// A refused or failed XRPC answer as a <see cref="NetworkListException"/>, in Bluesky's own words (protocols.md 1.2),
    /// with the wait it asked for when it was a rate limit or an outage.
    /// </summary>
    private static NetworkListException Failure(XrpcAnswer answer, string doing)
    {
        var detail = Detail(answer);
        var message = (int)answer.Status switch
        {
            429 => $"Bluesky asked PressDeck to slow down while {doing} ({detail}).",
            >= 500 => $"Bluesky failed while {doing} ({detail}).",
            401 => $"Bluesky refused the account's session while {doing} ({detail}): the app password was refused or revoked. Connect the account again.",
            403 => $"Bluesky does not let this account do this ({doing}) ({detail}).",
            _ => $"Bluesky refused {doing} ({detail}).",
        };
        return new NetworkListException(message) { RetryAfter = answer.RetryAfter };
    }

    /// <summary>The status, XRPC error name and Bluesky's message: <c>400 UnknownList: List not found</c>.</summary>
    private static string Detail(XrpcAnswer answer)
    {
        var code = ((int)answer.Status).ToString(CultureInfo.InvariantCulture);
        var name = answer.Error ?? answer.Status.ToString();
        return answer.Message is { } words && words != name ? $"{code} {name}: {words}" : $"{code} {name}";
    }

    private sealed record XrpcAnswer(HttpStatusCode Status, byte[] Body, string? Error, string? Message, TimeSpan? RetryAfter)
    {
        public bool IsSuccess => (int)Status is >= 200 and <= 299;
    }

    /// <summary>One page of a list: the list, its purpose, its members with their listitem URIs, and the next page's cursor.</summary>
    private sealed record ListPage(RemoteList List, string Purpose, IReadOnlyList<ListItem> Items, string? Cursor);

    private sealed record ListItem(string Uri, BlueskyProfile Subject);

    [LoggerMessage(EventId = 4161, Level = LogLevel.Information, Message = "Created the Bluesky list {ListUri}")]
    private partial void LogListCreated(string listUri);

    [LoggerMessage(EventId = 4162, Level = LogLevel.Information, Message = "Added {Did} to the Bluesky list {ListUri} ({ItemUri})")]
    private partial void LogMemberAdded(string did, string listUri, string itemUri);

    [LoggerMessage(EventId = 4163, Level = LogLevel.Information, Message = "Removed {RemoteId} from the Bluesky list {ListUri} ({ItemUri})")]
    private partial void LogMemberRemoved(string remoteId, string listUri, string itemUri);

    [LoggerMessage(EventId = 4164, Level = LogLevel.Debug, Message = "The Bluesky session of {Handle} was refused; {Action}")]
    private partial void LogSessionRenewed(string handle, string action);
}
