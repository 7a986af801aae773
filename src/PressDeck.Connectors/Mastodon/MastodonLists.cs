using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using PressDeck.Connectors.Net;
using PressDeck.Core.Lists;
using PressDeck.Core.Posts;
using PressDeck.Core.Publishing;

namespace PressDeck.Connectors.Mastodon;

/// <summary>
/// The office account's own lists on its Mastodon server (protocols.md 2.5), with the account's access token
/// (<see cref="PublishingAccount.Secret"/>) on <see cref="PublishingAccount.Server"/>. Reads go through
/// <see cref="MastodonApiClient"/>; writes are sent here. Mastodon lists are seen only by their owner, so every list is
/// private, and they have no description (one given to <see cref="CreateListAsync"/> is not sent). Give it an
/// <see cref="HttpClient"/> built on <see cref="OutboundHttp.CreateHandler"/> (server addresses are typed in).
/// Thread-safe; holds no state between calls.
/// </summary>
/// <remarks>
/// Members' handles are the archive's (<see cref="MastodonStatusReader"/>): <c>user@instance</c>, a local account's
/// completed with the server's host, here lower case, so a list's members match the authors of archived posts.
/// Mastodon puts on a list only accounts the owner follows: <see cref="AddMemberAsync"/> follows first, and
/// <see cref="RemoveMemberAsync"/> leaves the follow, since the office may follow the account for other reasons.
/// </remarks>
public sealed partial class MastodonLists(HttpClient http, TimeProvider time, ILogger<MastodonLists> logger, MastodonPublishingOptions? options = null)
    : INetworkLists
{
    /// <summary>The most lists <see cref="GetOwnListsAsync"/> returns (the contract's cap; Mastodon allows far fewer per account).</summary>
    public const int MaxLists = 1000;

    /// <summary>An answer larger than this is refused (a list or a relationship is well under a kilobyte).</summary>
    private const int MaxResponseBytes = 1024 * 1024;

    private readonly MastodonPublishingOptions _options = options ?? new MastodonPublishingOptions();

    public Network Network => Network.Mastodon;

    public async Task<IReadOnlyList<RemoteList>> GetOwnListsAsync(PublishingAccount account, CancellationToken cancellationToken)
    {
        CheckAccount(account);
        var lists = await ReadAsync(account, client => client.GetListsAsync(cancellationToken));
        return [.. lists.Take(MaxLists).Select(list => Remote(account, list, memberCount: null))];
    }

    /// <summary>
    /// A list id, or the address the web app shows for one of the account's lists (<c>https://SERVER/lists/ID</c>, also
    /// <c>/web/lists/ID</c>) on the account's own server: lists of other accounts cannot be read on Mastodon.
    /// </summary>
    public async Task<RemoteList?> FindListAsync(PublishingAccount account, string addressOrId, CancellationToken cancellationToken)
    {
        CheckAccount(account);
        ArgumentNullException.ThrowIfNull(addressOrId);
        if (ListIdIn(account, addressOrId.Trim()) is not { } id)
        {
            return null;
        }

        var list = await ReadAsync(account, client => client.GetListAsync(id, cancellationToken));
        return list is null ? null : Remote(account, list, memberCount: null);
    }

    public async Task<IReadOnlyList<RemoteListMember>> GetMembersAsync(PublishingAccount account, string listId, int max, CancellationToken cancellationToken)
    {
        CheckAccount(account);
        var id = CheckedId(listId, nameof(listId));
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var accounts = await ReadAsync(account, client => client.GetListAccountsAsync(id, max, cancellationToken));
        return [.. accounts.Select(Member)];
    }

    /// <summary>
    /// <c>POST /api/v1/lists</c> with <c>replies_policy=list</c> (replies to members of the list are shown) and
    /// <c>exclusive=false</c> (members' posts stay in the home timeline). <paramref name="description"/> and
    /// <paramref name="isPrivate"/> have no Mastodon counterpart: the list is the owner's alone.
    /// </summary>
    public async Task<RemoteList> CreateListAsync(PublishingAccount account, string name, string description, bool isPrivate, CancellationToken cancellationToken)
    {
        CheckAccount(account);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var host = HostOf(account);
        var doing = $"creating the list \"{MastodonStatusReader.Shorten(name.Trim())}\"";
        KeyValuePair<string, string>[] fields = [new("title", name.Trim()), new("replies_policy", "list"), new("exclusive", "false")];
        var answer = await SendAsync(account, HttpMethod.Post, "/api/v1/lists", fields, doing, cancellationToken);
        if (answer.Status != HttpStatusCode.OK)
        {
            throw Failure(host, answer, doing);
        }

        var created = ReadList(answer.Body)
            ?? throw new NetworkListException($"{host} answered {doing} with something that is not a list; the list may have been created, so look at the account's lists before trying again.");
        LogCreated(host, created.Id);
        return Remote(account, created, memberCount: 0);
    }

    public async Task<RemoteListMember?> ResolveAsync(PublishingAccount account, string handle, CancellationToken cancellationToken)
    {
        CheckAccount(account);
        ArgumentException.ThrowIfNullOrWhiteSpace(handle);
        var found = await ReadAsync(account, client => client.LookupAccountAsync(handle, cancellationToken));
        return found is null ? null : Member(found);
    }

    /// <summary>
    /// <c>POST /api/v1/accounts/:id/follow</c>, then <c>POST /api/v1/lists/:id/accounts</c>. A 422 from the list (Mastodon's
    /// "Account has already been taken", in the account's language) counts as success when
    /// <c>/api/v1/accounts/:id/lists</c> shows the account on the list, which does not depend on the wording.
    /// </summary>
    public async Task AddMemberAsync(PublishingAccount account, string listId, RemoteListMember member, CancellationToken cancellationToken)
    {
        CheckAccount(account);
        var id = CheckedId(listId, nameof(listId));
        ArgumentNullException.ThrowIfNull(member);
        var memberId = CheckedId(member.RemoteId, nameof(member));
        var host = HostOf(account);
        var who = "@" + member.Handle;

        var following = $"following {who} so that it can be put on list {id}";
        var followed = await SendAsync(account, HttpMethod.Post, $"/api/v1/accounts/{memberId}/follow", [], following, cancellationToken);
        if (followed.Status != HttpStatusCode.OK)
        {
            throw Failure(host, followed, following);
        }

        var adding = $"putting {who} on list {id}";
        var added = await SendAsync(account, HttpMethod.Post, $"/api/v1/lists/{id}/accounts", [new("account_ids[]", memberId)], adding, cancellationToken);
        if (added.Status == HttpStatusCode.OK)
        {
            LogAdded(host, id, memberId);
            return;
        }

        if (added.Status == HttpStatusCode.UnprocessableEntity)
        {
            var holding = await ReadAsync(account, client => client.GetListsHoldingAsync(memberId, cancellationToken));
            if (holding.Any(list => list.Id == id))
            {
                return;
            }
        }

        throw Failure(host, added, adding);
    }

    /// <summary><c>DELETE /api/v1/lists/:id/accounts</c>, which Mastodon answers 200 whether or not the account was on the list.</summary>
    public async Task RemoveMemberAsync(PublishingAccount account, string listId, RemoteListMember member, CancellationToken cancellationToken)
    {
        CheckAccount(account);
        var id = CheckedId(listId, nameof(listId));
        ArgumentNullException.ThrowIfNull(member);
        var memberId = CheckedId(member.RemoteId, nameof(member));
        var host = HostOf(account);
        var doing = $"taking @{member.Handle} off list {id}";
        var answer = await SendAsync(account, HttpMethod.Delete, $"/api/v1/lists/{id}/accounts", [new("account_ids[]", memberId)], doing, cancellationToken);
        if (answer.Status != HttpStatusCode.OK)
        {
            throw Failure(host, answer, doing);
        }

        LogRemoved(host, id, memberId);
    }

    private static void CheckAccount(PublishingAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (account.Network != Network.Mastodon)
        {
            throw new ArgumentException($"{account} is not a Mastodon account.", nameof(account));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(account.Secret, nameof(account));
    }

    private static string CheckedId(string id, string parameter) =>
        MastodonId.IsValid(id) ? id : throw new ArgumentException($"\"{id}\" is not a Mastodon id.", parameter);

    /// <summary>Where the archive's handles of local accounts point, as <see cref="MastodonPublisher"/> and the sources complete them.</summary>
    private static string HostOf(PublishingAccount account) => account.Server.IdnHost.ToLowerInvariant();

    private static Uri Origin(PublishingAccount account) => new(account.Server.GetLeftPart(UriPartial.Authority) + "/");

    /// <summary>The list id in <paramref name="text"/>: an id, or a list address on the account's own server; null for anything else.</summary>
    private static string? ListIdIn(PublishingAccount account, string text)
    {
        if (MastodonId.IsValid(text))
        {
            return text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var address) || address.Scheme is not ("https" or "http")
            || !string.Equals(address.IdnHost, account.Server.IdnHost, StringComparison.OrdinalIgnoreCase) || address.Port != account.Server.Port)
        {
            return null;
        }

        var id = address.AbsolutePath.Trim('/').Split('/') switch
        {
            ["lists", var listId] => listId,
            ["web", "lists", var listId] => listId,
            _ => null,
        };
        return MastodonId.IsValid(id) ? id : null;
    }

    private static RemoteList Remote(PublishingAccount account, MastodonList list, int? memberCount) =>
        new(list.Id, list.Title, "", OwnerHandle(account), new Uri(Origin(account), "lists/" + list.Id), memberCount, IsPrivate: true);

    private static string OwnerHandle(PublishingAccount account) =>
        (MastodonStatusReader.Handle(account.Handle, HostOf(account)) ?? account.Handle.Trim().TrimStart('@')).ToLowerInvariant();

    private static RemoteListMember Member(MastodonAccount account) => new(account.Id, account.Handle.ToLowerInvariant(), account.DisplayName);

    private static MastodonList? ReadList(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return MastodonStatusReader.String(document.RootElement, "id") is { } id && MastodonId.IsValid(id)
                ? new MastodonList(id, MastodonStatusReader.String(document.RootElement, "title") ?? "list")
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A read through <see cref="MastodonApiClient"/> with the account's token; its failures become <see cref="NetworkListException"/>.</summary>
    private async Task<T> ReadAsync<T>(PublishingAccount account, Func<MastodonApiClient, Task<T>> read)
    {
        var server = new MastodonServerOptions { BaseUrl = account.Server, AccessToken = account.Secret, RequestTimeout = _options.RequestTimeout };
        try
        {
            return await read(new MastodonApiClient(http, server, time));
        }
        catch (MastodonApiException exception)
        {
            throw new NetworkListException(exception.Message, exception) { RetryAfter = exception.RetryAfter };
        }
    }

    /// <summary>One form-encoded request with the account's token within <see cref="MastodonPublishingOptions.RequestTimeout"/>; a request that fails on the way throws.</summary>
    private async Task<MastodonAnswer> SendAsync(
        PublishingAccount account, HttpMethod method, string path, IReadOnlyList<KeyValuePair<string, string>> fields, string doing, CancellationToken cancellationToken)
    {
        var host = HostOf(account);
        using var request = new HttpRequestMessage(method, new Uri(Origin(account), path)) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", account.Secret);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        // Real time, as HttpClient.Timeout: a guard on the network.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        linked.CancelAfter(_options.RequestTimeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var body = await HttpAnswers.ReadAtMostAsync(response, MaxResponseBytes, "The answer", linked.Token);
            return new MastodonAnswer(response.StatusCode, body, RetryDelay.Requested(response, time.GetUtcNow()));
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            var seconds = _options.RequestTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
            throw new NetworkListException($"{host} did not answer within {seconds} s while {doing}.", exception);
        }
        catch (HttpRequestException exception) when (HttpAnswers.AddressRefusal(exception) is { } refusal)
        {
            throw new NetworkListException($"PressDeck does not connect to {host}: {refusal.Message}", exception);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            throw new NetworkListException($"{host} could not be reached while {doing} ({exception.GetBaseException().Message.Trim().TrimEnd('.')}).", exception);
        }
    }

    /// <summary>A refused answer in words, with Mastodon's own <c>{"error": …}</c> text and the wait a rate limit asked for.</summary>
    private static NetworkListException Failure(string host, MastodonAnswer answer, string doing) =>
        new(MastodonApiClient.Explain(answer.Status, MastodonApiClient.ErrorText(answer.Body), host, doing)) { RetryAfter = answer.RetryAfter };

    private sealed record MastodonAnswer(HttpStatusCode Status, byte[] Body, TimeSpan? RetryAfter);

    [LoggerMessage(EventId = 4261, Level = LogLevel.Information, Message = "Created list {ListId} on {Host}")]
    private partial void LogCreated(string host, string listId);

    [LoggerMessage(EventId = 4262, Level = LogLevel.Information, Message = "Put account {AccountId} on list {ListId} on {Host}")]
    private partial void LogAdded(string host, string listId, string accountId);

    [LoggerMessage(EventId = 4263, Level = LogLevel.Information, Message = "Took account {AccountId} off list {ListId} on {Host}")]
    private partial void LogRemoved(string host, string listId, string accountId);
}
