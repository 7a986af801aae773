using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PressDeck.Core.Lists;
using PressDeck.Core.Posts;
using PressDeck.Core.Publishing;

namespace PressDeck.Connectors.X;

/// <summary>
/// Lists on X (protocols.md 3.8) with the office account's OAuth 2.0 user token (<see cref="PublishingAccount.Secret"/>,
/// which needs <c>list.read</c>, <c>list.write</c> and <c>users.read</c>; <see cref="PublishingAccount.RemoteAccountId"/>
/// is the account's user id). The account's own lists, and anyone's public list by its address, can be read; lists
/// are created on the account and members put on or taken off them. Handles are X usernames in lower case, as the
/// archive compares them. X answers "not found" either with 404 or with a 200 whose <c>errors[]</c> say
/// <c>resource-not-found</c>; both are null here. Thread-safe; holds no state between calls.
/// </summary>
public sealed class XLists : INetworkLists
{
    /// <summary>The longest list name X takes, in characters (protocols.md 3.8).</summary>
    public const int MaxNameLength = 25;

    /// <summary>The longest list description X takes, in characters; a longer one is cut (see <see cref="CreateListAsync"/>).</summary>
    public const int MaxDescriptionLength = 100;

    /// <summary>The most lists <see cref="GetOwnListsAsync"/> reads.</summary>
    public const int MaxLists = 1000;

    /// <summary>The most results one page of X's list endpoints holds.</summary>
    private const int PageSize = 100;

    private const string ListFields = "list.fields=created_at,description,member_count,owner_id,private";

    private readonly XRequestSender _sender;

    public XLists(HttpClient http, IOptions<XOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _sender = new XRequestSender(http, options.Value, time);
    }

    public Network Network => Network.X;

    /// <summary><c>GET /2/users/:id/owned_lists</c>, 100 a page, following <c>meta.next_token</c>.</summary>
    public async Task<IReadOnlyList<RemoteList>> GetOwnListsAsync(PublishingAccount account, CancellationToken cancellationToken)
    {
        CheckAccount(account);
        var userId = UserId(account);
        var doing = $"reading the lists of @{OwnerHandle(account)}";
        var lists = new List<RemoteList>();
        string? next = null;
        do
        {
            var path = $"/2/users/{userId}/owned_lists?{ListFields}&max_results={PageSize.ToString(CultureInfo.InvariantCulture)}" + Token(next);
            using var document = await GetAsync(account, path, doing, cancellationToken);
            var root = document.RootElement;
            if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in data.EnumerateArray())
                {
                    if (lists.Count < MaxLists && ReadList(item, _ => OwnerHandle(account)) is { } list)
                    {
                        lists.Add(list);
                    }
                }
            }

            next = NextToken(root);
        }
        while (next is not null && lists.Count < MaxLists);

        return lists;
    }

    /// <summary>
    /// A list by its address (<c>https://x.com/i/lists/ID</c>, also on <c>twitter.com</c>, <c>www.</c> and <c>mobile.</c>)
    /// or its id (<c>GET /2/lists/:id</c> with its owner expanded); anyone's public list, and the account's own private ones.
    /// </summary>
    public async Task<RemoteList?> FindListAsync(PublishingAccount account, string addressOrId, CancellationToken cancellationToken)
    {
        CheckAccount(account);
        ArgumentNullException.ThrowIfNull(addressOrId);
        if (ListIdIn(addressOrId.Trim()) is not { } id)
        {
            return null;
        }

        var path = $"/2/lists/{id}?{ListFields}&expansions=owner_id&user.fields=username";
        using var document = await GetOrNotFoundAsync(account, path, $"reading list {id}", cancellationToken);
        if (document is null || !document.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var owners = Users(document.RootElement, "includes");
        return ReadList(data, ownerId => ownerId == account.RemoteAccountId
            ? OwnerHandle(account)
            : owners.FirstOrDefault(user => user.Id == ownerId)?.Username.ToLowerInvariant() ?? "");
    }

    /// <summary><c>GET /2/lists/:id/members</c>, 100 a page, following <c>meta.next_token</c> with <c>pagination_token</c>.</summary>
    public async Task<IReadOnlyList<RemoteListMember>> GetMembersAsync(PublishingAccount account, string listId, int max, CancellationToken cancellationToken)
    {
        CheckAccount(account);
        var id = CheckedId(listId, nameof(listId));
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var members = new List<RemoteListMember>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? next = null;
        do
        {
            var path = $"/2/lists/{id}/members?max_results={PageSize.ToString(CultureInfo.InvariantCulture)}&user.fields=username" + Token(next);
            using var document = await GetAsync(account, path, $"reading the members of list {id}", cancellationToken);
            foreach (var user in Users(document.RootElement, null))
            {
                if (members.Count < max && seen.Add(user.Id))
                {
                    members.Add(Member(user));
                }
            }

            next = NextToken(document.RootElement);
        }
        while (next is not null && members.Count < max);

        return members;
    }

    /// <summary>
    /// <c>POST /2/lists</c>. A name of more than <see cref="MaxNameLength"/> characters is refused before anything is
    /// sent, since the name is how people find the list; a description of more than <see cref="MaxDescriptionLength"/>
    /// is cut to that length (ending in <c>…</c>).
    /// </summary>
    public async Task<RemoteList> CreateListAsync(PublishingAccount account, string name, string description, bool isPrivate, CancellationToken cancellationToken)
    {
        CheckAccount(account);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(description);
        var title = name.Trim();
        var length = title.EnumerateRunes().Count();
        if (length is 0 or > MaxNameLength)
        {
            throw new NetworkListException(length == 0
                ? "X needs a name for the list."
                : $"The name \"{title}\" is {length.ToString(CultureInfo.InvariantCulture)} characters long; X takes list names of at most {MaxNameLength.ToString(CultureInfo.InvariantCulture)} characters, so the list was not created. Choose a shorter name for it on X.");
        }

        var about = Cut(description.Trim(), MaxDescriptionLength);
        var doing = $"creating the list \"{title}\"";
        var body = new { name = title, description = about, @private = isPrivate };
        using var document = await SendAsync(account, HttpMethod.Post, "/2/lists", body, doing, cancellationToken);
        if (!document.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
            || String(data, "id") is not { } id || !XTweetReader.IsId(id))
        {
            throw new NetworkListException($"X answered {doing} without the new list's id; the list may have been created, so look at the account's lists on X before trying again.");
        }

        return new RemoteList(id, String(data, "name") ?? title, about, OwnerHandle(account), WebAddress(id), 0, isPrivate);
    }

    /// <summary><c>GET /2/users/by/username/:username</c>; null when X has no such account (or it is suspended).</summary>
    public async Task<RemoteListMember?> ResolveAsync(PublishingAccount account, string handle, CancellationToken cancellationToken)
    {
        CheckAccount(account);
        ArgumentException.ThrowIfNullOrWhiteSpace(handle);
        var username = handle.Trim().TrimStart('@');
        if (!XTweetReader.IsUsername(username))
        {
            return null;
        }

        using var document = await GetOrNotFoundAsync(account, $"/2/users/by/username/{username}", $"looking up @{username}", cancellationToken);
        return document is not null && document.RootElement.TryGetProperty("data", out var data) && ReadUser(data) is { } user ? Member(user) : null;
    }

    /// <summary><c>POST /2/lists/:id/members</c> with <c>{"user_id": …}</c>; X answers <c>is_member: true</c> for one already on it.</summary>
    public async Task AddMemberAsync(PublishingAccount account, string listId, RemoteListMember member, CancellationToken cancellationToken)
    {
        CheckAccount(account);
        var id = CheckedId(listId, nameof(listId));
        ArgumentNullException.ThrowIfNull(member);
        var userId = CheckedId(member.RemoteId, nameof(member));
        using var document = await SendAsync(account, HttpMethod.Post, $"/2/lists/{id}/members", new { user_id = userId }, $"putting @{member.Handle} on list {id}", cancellationToken);
    }

    /// <summary><c>DELETE /2/lists/:id/members/:user_id</c>; X answers <c>is_member: false</c> whether or not the account was on it.</summary>
    public async Task RemoveMemberAsync(PublishingAccount account, string listId, RemoteListMember member, CancellationToken cancellationToken)
    {
        CheckAccount(account);
        var id = CheckedId(listId, nameof(listId));
        ArgumentNullException.ThrowIfNull(member);
        var userId = CheckedId(member.RemoteId, nameof(member));
        using var document = await SendAsync(account, HttpMethod.Delete, $"/2/lists/{id}/members/{userId}", null, $"taking @{member.Handle} off list {id}", cancellationToken);
    }

    /// <summary>The web address of a list.</summary>
    public static Uri WebAddress(string listId) => new("https://x.com/i/lists/" + listId);

    private static void CheckAccount(PublishingAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (account.Network != Network.X)
        {
            throw new ArgumentException($"{account} is not an X account.", nameof(account));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(account.Secret, nameof(account));
    }

    private static string UserId(PublishingAccount account) =>
        XTweetReader.IsId(account.RemoteAccountId) ? account.RemoteAccountId : throw new ArgumentException($"The X account's id '{account.RemoteAccountId}' is not an X user id.", nameof(account));

    private static string CheckedId(string id, string parameter) =>
        XTweetReader.IsId(id) ? id : throw new ArgumentException($"'{id}' is not an X id.", parameter);

    private static string OwnerHandle(PublishingAccount account) => account.Handle.Trim().TrimStart('@').ToLowerInvariant();

    private static string Token(string? next) => next is null ? "" : "&pagination_token=" + Uri.EscapeDataString(next);

    /// <summary>The list id in a list's id or web address; null for anything else.</summary>
    private static string? ListIdIn(string text)
    {
        if (XTweetReader.IsId(text))
        {
            return text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var address) || address.Scheme is not ("https" or "http")
            || address.Host.ToLowerInvariant() is not ("x.com" or "www.x.com" or "mobile.x.com" or "twitter.com" or "www.twitter.com" or "mobile.twitter.com"))
        {
            return null;
        }

        // The web app also shows /i/lists/ID/members and /i/lists/ID/followers.
        var id = address.AbsolutePath.Trim('/').Split('/') switch
        {
            ["i", "lists", var listId, ..] => listId,
            _ => null,
        };
        return XTweetReader.IsId(id) ? id : null;
    }

    /// <summary><paramref name="text"/> when it is at most <paramref name="max"/> characters long, else cut between characters to fit with a closing <c>…</c>.</summary>
    private static string Cut(string text, int max)
    {
        if (text.EnumerateRunes().Count() <= max)
        {
            return text;
        }

        var kept = new StringBuilder();
        var count = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext() && count + elements.GetTextElement().EnumerateRunes().Count() <= max - 1)
        {
            kept.Append(elements.GetTextElement());
            count += elements.GetTextElement().EnumerateRunes().Count();
        }

        return kept.ToString().TrimEnd() + "…";
    }

    private static RemoteList? ReadList(JsonElement item, Func<string?, string> ownerHandle)
    {
        if (item.ValueKind != JsonValueKind.Object || String(item, "id") is not { } id || !XTweetReader.IsId(id))
        {
            return null;
        }

        int? members = item.TryGetProperty("member_count", out var count) && count.ValueKind == JsonValueKind.Number && count.TryGetInt32(out var number) && number >= 0 ? number : null;
        var isPrivate = item.TryGetProperty("private", out var flag) && flag.ValueKind == JsonValueKind.True;
        return new RemoteList(id, String(item, "name") ?? id, String(item, "description") ?? "", ownerHandle(String(item, "owner_id")), WebAddress(id), members, isPrivate);
    }

    /// <summary>The users in <c>data</c> (<paramref name="under"/> null) or in <c>includes.users</c>; entries without an id and username are skipped.</summary>
    private static List<XUser> Users(JsonElement root, string? under)
    {
        var parent = root;
        if (under is not null && (!root.TryGetProperty(under, out parent) || parent.ValueKind != JsonValueKind.Object))
        {
            return [];
        }

        var users = new List<XUser>();
        if (parent.TryGetProperty(under is null ? "data" : "users", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            users.AddRange(array.EnumerateArray().Select(ReadUser).OfType<XUser>());
        }

        return users;
    }

    private static XUser? ReadUser(JsonElement user) =>
        user.ValueKind == JsonValueKind.Object && String(user, "id") is { } id && XTweetReader.IsId(id) && String(user, "username") is { } username && XTweetReader.IsUsername(username)
            ? new XUser(id, username, String(user, "name") ?? username)
            : null;

    private static RemoteListMember Member(XUser user) =>
        new(user.Id, user.Username.ToLowerInvariant(), string.IsNullOrWhiteSpace(user.Name) ? user.Username : user.Name);

    private static string? NextToken(JsonElement root) =>
        root.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object && String(meta, "next_token") is { Length: > 0 } token ? token : null;

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private Task<JsonDocument> GetAsync(PublishingAccount account, string path, string doing, CancellationToken cancellationToken) =>
        SendAsync(account, HttpMethod.Get, path, null, doing, cancellationToken);

    /// <summary>A read whose "not found" (404, or a 200 with only <c>resource-not-found</c> problems) is null rather than a failure.</summary>
    private async Task<JsonDocument?> GetOrNotFoundAsync(PublishingAccount account, string path, string doing, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await GetAsync(account, path, doing, cancellationToken);
        }
        catch (NetworkListException exception) when (exception.InnerException is XApiException { StatusCode: HttpStatusCode.NotFound })
        {
            return null;
        }

        if (document.RootElement.TryGetProperty("data", out _))
        {
            return document;
        }

        var problems = XProblem.ReadAll(document.RootElement);
        document.Dispose();
        if (problems.Count > 0 && problems.All(problem => problem.Type is "resource-not-found" or "resource-unavailable"))
        {
            return null;
        }

        throw new NetworkListException(problems.Count == 0
            ? $"X answered {doing} with neither data nor a problem."
            : $"X refused {doing}: {string.Join("; ", problems.Select(problem => problem.Describe()))}");
    }

    /// <summary>
    /// One request with the account's user token through <see cref="XRequestSender"/>; X's refusal (with its problems and
    /// the wait a rate limit asked for) and a failure to reach X become <see cref="NetworkListException"/>.
    /// </summary>
    private async Task<JsonDocument> SendAsync(PublishingAccount account, HttpMethod method, string pathAndQuery, object? body, string doing, CancellationToken cancellationToken)
    {
        byte[] answer;
        try
        {
            answer = await _sender.SendAsync($"X (while {doing})", method, pathAndQuery, body, new XBearerToken(account.Secret), cancellationToken);
        }
        catch (XApiException exception)
        {
            throw new NetworkListException(exception.Message, exception) { RetryAfter = exception.RetryAfter };
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw new NetworkListException($"X could not be reached while {doing} ({exception.GetBaseException().Message.Trim().TrimEnd('.')}).", exception);
        }

        try
        {
            return JsonDocument.Parse(answer, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException exception)
        {
            throw new NetworkListException($"X answered {doing} with something that is not JSON.", exception);
        }
    }
}
