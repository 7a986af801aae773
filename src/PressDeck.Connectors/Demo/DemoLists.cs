using System.Collections.Concurrent;
using System.Globalization;
using PressDeck.Core.Lists;
using PressDeck.Core.Posts;
using PressDeck.Core.Publishing;

namespace PressDeck.Connectors.Demo;

/// <summary>
/// The demo network's lists, so importing a list and pushing one back can be practised with no account. The office
/// owns two ready-made lists (its political correspondents, and the organisations it deals with); a journalist keeps a
/// public list of the Welsh and French media; lists the office pushes are kept while PressDeck runs.
/// </summary>
public sealed class DemoLists : INetworkLists
{
    /// <summary>Where a demo list can be opened, as its "web address".</summary>
    public const string ListUrlPrefix = DemoPostFactory.PostUrlPrefix + "lists/";

    private readonly DemoWorld _world;
    private readonly ConcurrentDictionary<string, DemoList> _lists = new(StringComparer.Ordinal);
    private int _nextId = 100;

    public DemoLists(DemoWorld world)
    {
        ArgumentNullException.ThrowIfNull(world);
        _world = world;
        var political = world.Journalists.Where(IsPolitical).ToList();
        Add("1", "Political correspondents", "Lobby and political journalists who cover the department.", world.OfficeAccount.Handle, political);
        Add("2", "Organisations we work with", "Charities, unions and industry bodies.", world.OfficeAccount.Handle, world.Organisations);
        var foreignLanguage = world.Journalists.Where(j => j.Language != "en-GB").ToList();
        var keeper = world.Journalists.FirstOrDefault(j => j.Language == "cy") ?? world.Journalists[0];
        Add("3", "Welsh and French media", "The Welsh- and French-language journalists I follow.", keeper.Handle, foreignLanguage);
    }

    public Network Network => Network.Demo;

    public Task<IReadOnlyList<RemoteList>> GetOwnListsAsync(PublishingAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        IReadOnlyList<RemoteList> lists = [.. _lists.Values.Where(l => l.Owner == account.Handle).OrderBy(l => l.Name, StringComparer.CurrentCulture).Select(View)];
        return Task.FromResult(lists);
    }

    public Task<RemoteList?> FindListAsync(PublishingAccount account, string addressOrId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(addressOrId);
        var id = addressOrId.Trim();
        if (id.StartsWith(ListUrlPrefix, StringComparison.OrdinalIgnoreCase))
        {
            id = id[ListUrlPrefix.Length..].TrimEnd('/');
        }

        return Task.FromResult(_lists.TryGetValue(id, out var list) ? View(list) : null);
    }

    public Task<IReadOnlyList<RemoteListMember>> GetMembersAsync(PublishingAccount account, string listId, int max, CancellationToken cancellationToken)
    {
        var list = Existing(listId);
        lock (list.Members)
        {
            IReadOnlyList<RemoteListMember> members = [.. list.Members.Take(max)];
            return Task.FromResult(members);
        }
    }

    public Task<RemoteList> CreateListAsync(PublishingAccount account, string name, string description, bool isPrivate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        return Task.FromResult(View(Add(id, name, description, account.Handle, [])));
    }

    public Task<RemoteListMember?> ResolveAsync(PublishingAccount account, string handle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handle);
        return Task.FromResult(_world.TryGetAccount(handle.Trim().TrimStart('@'), out var found) ? Member(found) : null);
    }

    public Task AddMemberAsync(PublishingAccount account, string listId, RemoteListMember member, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        var list = Owned(account, listId);
        lock (list.Members)
        {
            if (!list.Members.Any(m => m.RemoteId == member.RemoteId))
            {
                list.Members.Add(member);
            }
        }

        return Task.CompletedTask;
    }

    public Task RemoveMemberAsync(PublishingAccount account, string listId, RemoteListMember member, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        var list = Owned(account, listId);
        lock (list.Members)
        {
            list.Members.RemoveAll(m => m.RemoteId == member.RemoteId);
        }

        return Task.CompletedTask;
    }

    private static bool IsPolitical(DemoAccount journalist) =>
        journalist.Description.Contains("olitic", StringComparison.OrdinalIgnoreCase)
        || journalist.Description.Contains("gwleidyddol", StringComparison.OrdinalIgnoreCase)
        || journalist.Description.Contains("Londres", StringComparison.OrdinalIgnoreCase);

    private static RemoteListMember Member(DemoAccount account) => new(account.Handle, account.Handle, account.Author.DisplayName);

    private static RemoteList View(DemoList list)
    {
        int count;
        lock (list.Members)
        {
            count = list.Members.Count;
        }

        return new RemoteList(list.Id, list.Name, list.Description, list.Owner, new Uri(ListUrlPrefix + list.Id), count, IsPrivate: false);
    }

    private DemoList Add(string id, string name, string description, string owner, IEnumerable<DemoAccount> members)
    {
        var list = new DemoList(id, name, description, owner, [.. members.Select(Member)]);
        _lists[id] = list;
        return list;
    }

    private DemoList Existing(string listId) =>
        _lists.TryGetValue(listId, out var list) ? list : throw new NetworkListException($"The demo network has no list {listId}.");

    private DemoList Owned(PublishingAccount account, string listId)
    {
        ArgumentNullException.ThrowIfNull(account);
        var list = Existing(listId);
        return list.Owner == account.Handle ? list : throw new NetworkListException($"Only @{list.Owner} can change the demo list “{list.Name}”.");
    }

    private sealed record DemoList(string Id, string Name, string Description, string Owner, List<RemoteListMember> Members);
}
