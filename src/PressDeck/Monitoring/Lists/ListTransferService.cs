using Microsoft.EntityFrameworkCore;
using PressDeck.Audit;
using PressDeck.Contacts;
using PressDeck.Core.Lists;
using PressDeck.Core.Posts;
using PressDeck.Core.Publishing;
using PressDeck.Data;
using PressDeck.Data.Contacts;
using PressDeck.Data.Lists;
using PressDeck.Publishing;
using PressDeck.Team;

namespace PressDeck.Monitoring.Lists;

/// <summary>
/// Importing a network's list into PressDeck (joined to the contacts directory by handle), and the opt-in push of a
/// PressDeck list back to a network. Importing needs <see cref="Permissions.EditLists"/>; choosing to push, or stopping,
/// needs <see cref="Permissions.PushLists"/>, and the person must accept the warning of what becomes public. Every
/// change is audited.
/// </summary>
public sealed class ListTransferService(
    AppDbContext db,
    NetworkListDirectory networks,
    PublishingAccounts accounts,
    ListDirectory directory,
    PermissionGate gate,
    AuditLog auditLog,
    ListPushSignal signal,
    TimeProvider time)
{
    /// <summary>The most members read from one network list.</summary>
    public const int MaxMembers = 5000;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>The office accounts whose lists can be read or that can own a pushed list: the demo office, then the connected accounts.</summary>
    public async Task<IReadOnlyList<ListAccountChoice>> AccountsAsync(CancellationToken cancellationToken)
    {
        await gate.DemandAsync(Permissions.ViewLists, "list accounts");
        var connected = await db.ConnectedAccounts.AsNoTracking().OrderBy(a => a.Network).ThenBy(a => a.Handle)
            .Select(a => new { a.Id, a.Network, a.Handle }).ToListAsync(cancellationToken);
        var choices = new List<ListAccountChoice>();
        if (networks.For(Network.Demo) is not null)
        {
            choices.Add(new ListAccountChoice(Network.Demo, null, accounts.DemoOffice.Handle));
        }

        choices.AddRange(connected.Where(a => networks.For(a.Network) is not null).Select(a => new ListAccountChoice(a.Network, a.Id, a.Handle)));
        return choices;
    }

    /// <summary>The lists the account owns on its network, or why they could not be read.</summary>
    public async Task<(IReadOnlyList<RemoteList> Lists, string? Problem)> OwnListsAsync(ListAccountChoice choice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(choice);
        await gate.DemandAsync(Permissions.EditLists, "read lists of " + choice.Label);
        var (account, network, problem) = await ResolveAsync(choice, cancellationToken);
        if (problem is not null)
        {
            return ([], problem);
        }

        try
        {
            return (await network!.GetOwnListsAsync(account!, cancellationToken), null);
        }
        catch (Exception exception) when (exception is NetworkListException or HttpRequestException)
        {
            return ([], exception.Message);
        }
    }

    /// <summary>The list at a pasted address (anyone's public list on Bluesky, X and the demo network), or why not.</summary>
    public async Task<(RemoteList? List, string? Problem)> FindAsync(ListAccountChoice choice, string address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(choice);
        await gate.DemandAsync(Permissions.EditLists, "find list " + address);
        if (string.IsNullOrWhiteSpace(address))
        {
            return (null, "Paste the list's address.");
        }

        var (account, network, problem) = await ResolveAsync(choice, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }

        try
        {
            return await network!.FindListAsync(account!, address.Trim(), cancellationToken) is { } list
                ? (list, null)
                : (null, $"That is not the address of a {choice.Network} list that {choice.Label} can read.");
        }
        catch (Exception exception) when (exception is NetworkListException or HttpRequestException)
        {
            return (null, exception.Message);
        }
    }

    /// <summary>
    /// Reads the network list's members and puts them on a PressDeck list: <paramref name="intoListId"/>, or a new list
    /// called <paramref name="newListName"/>. Members found in Contacts are joined to them; with
    /// <paramref name="addToContacts"/>, a contact is created for each member who has none. All in one transaction.
    /// </summary>
    public async Task<ListImportResult> ImportAsync(
        ListAccountChoice choice,
        RemoteList remote,
        int? intoListId,
        string? newListName,
        bool addToContacts,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(choice);
        ArgumentNullException.ThrowIfNull(remote);
        var person = await gate.DemandAsync(Permissions.EditLists, "import list " + remote.Name);
        if (addToContacts)
        {
            await gate.DemandAsync(Permissions.EditContacts, "add contacts from list " + remote.Name);
        }

        var (members, problem) = await ReadMembersAsync(choice, remote.Id, cancellationToken);
        if (problem is not null)
        {
            return ListImportResult.Failed(problem);
        }

        AccountList? list;
        if (intoListId is { } id)
        {
            list = await db.Lists.FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
            if (list is null)
            {
                return ListImportResult.Failed("That PressDeck list was deleted; choose another.");
            }
        }
        else
        {
            var name = (newListName ?? remote.Name).Trim();
            if (name.Length == 0 || name.Length > 100 || name.Contains('"', StringComparison.Ordinal))
            {
                return ListImportResult.Failed("Give the new list a name of up to 100 characters, without quotation marks.");
            }

            var key = ListDirectory.Key(name);
            if (await db.Lists.AnyAsync(l => l.NormalizedName == key, cancellationToken))
            {
                return ListImportResult.Failed($"There is already a list called “{name}”; choose it, or give the new list another name.");
            }

            list = new AccountList { Name = name, NormalizedName = key, Description = Cut(remote.Description, 500) };
            db.Lists.Add(list);
        }

        list.SourceNetwork = choice.Network;
        list.SourceListId = remote.Id;
        list.SourceDescription = Cut($"“{remote.Name}” by @{remote.OwnerHandle} on {choice.Network}", 500);
        list.SourceUrl = remote.Url?.ToString();
        list.SourceAccountId = choice.ConnectedAccountId;
        list.ImportedAt = Now;
        var result = await AddMembersAsync(list, choice.Network, members, addToContacts, cancellationToken);
        await directory.ReloadAsync(cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.ListImported, "list " + list.Name,
            $"from {list.SourceDescription}: {result.Summary}");
        return result;
    }

    /// <summary>Reads the list it was imported from again: new members are added; those no longer there are reported and kept.</summary>
    public async Task<ListImportResult> RefreshAsync(int listId, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.EditLists, $"refresh list {listId}");
        var list = await db.Lists.FirstOrDefaultAsync(l => l.Id == listId, cancellationToken);
        if (list?.SourceNetwork is not { } sourceNetwork || list.SourceListId is null)
        {
            return ListImportResult.Failed("This list was not imported from a network.");
        }

        var handle = list.SourceAccountId is { } accountId
            ? await db.ConnectedAccounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => a.Handle).FirstOrDefaultAsync(cancellationToken)
            : accounts.DemoOffice.Handle;
        if (handle is null)
        {
            return ListImportResult.Failed("The account the list was read with was removed from PressDeck; import it again with another account.");
        }

        var (members, problem) = await ReadMembersAsync(new ListAccountChoice(sourceNetwork, list.SourceAccountId, handle), list.SourceListId, cancellationToken);
        if (problem is not null)
        {
            return ListImportResult.Failed(problem);
        }

        list.ImportedAt = Now;
        var result = await AddMembersAsync(list, sourceNetwork, members, addToContacts: false, cancellationToken);
        await directory.ReloadAsync(cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.ListImported, "list " + list.Name, $"refreshed from {list.SourceDescription}: {result.Summary}");
        return result;
    }

    /// <summary>The list's pushes, one per network.</summary>
    public async Task<IReadOnlyList<ListPushView>> PushesAsync(int listId, CancellationToken cancellationToken)
    {
        await gate.DemandAsync(Permissions.ViewLists, $"list {listId}");
        return await db.ListPushes.AsNoTracking().Where(p => p.ListId == listId).OrderBy(p => p.Network)
            .Select(p => new ListPushView(p.Id, p.Network, p.AccountHandle, p.IsPrivate, p.RemoteUrl, p.EnabledByName, p.EnabledAt, p.LastPushedAt, p.LastOutcome, p.LastPushFailed, p.DueAt != null))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Opts the list in to being pushed to the account's network. <paramref name="acceptedWarning"/> must be the warning
    /// <see cref="ListPushWarnings.For"/> gives for it, word for word: it is kept with the choice. The first push runs
    /// at once in the background. Returns an error message instead when it cannot be done.
    /// </summary>
    public async Task<string?> StartPushAsync(int listId, ListAccountChoice choice, bool isPrivate, string acceptedWarning, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(choice);
        var person = await gate.DemandAsync(Permissions.PushLists, $"push list {listId} to {choice.Label}");
        var list = await db.Lists.AsNoTracking().FirstOrDefaultAsync(l => l.Id == listId, cancellationToken);
        if (list is null)
        {
            return "The list was deleted.";
        }

        isPrivate = isPrivate && choice.Network == Network.X;
        var warning = ListPushWarnings.For(choice.Network, list.Name, choice.Handle, isPrivate);
        if (!string.Equals(acceptedWarning, warning, StringComparison.Ordinal))
        {
            return "Read and accept the warning of what becomes public before pushing the list.";
        }

        var (_, _, problem) = await ResolveAsync(choice, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (await db.ListPushes.AnyAsync(p => p.ListId == listId && p.Network == choice.Network, cancellationToken))
        {
            return $"“{list.Name}” is already pushed to {choice.Network}; stop that first to use another account.";
        }

        db.ListPushes.Add(new ListPush
        {
            ListId = listId,
            Network = choice.Network,
            ConnectedAccountId = choice.ConnectedAccountId,
            AccountHandle = choice.Handle,
            IsPrivate = isPrivate,
            AcceptedWarning = warning,
            EnabledByUserId = person.Id,
            EnabledByName = person.Name,
            EnabledAt = Now,
            DueAt = Now,
        });
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.ListPushStarted, "list " + list.Name, $"to {choice.Label}; accepted: {warning}");
        signal.Wake();
        return null;
    }

    /// <summary>Pushes the list again now (after a failure, or to check it).</summary>
    public async Task PushNowAsync(int pushId, CancellationToken cancellationToken)
    {
        await gate.DemandAsync(Permissions.PushLists, $"list push {pushId}");
        await db.ListPushes.Where(p => p.Id == pushId).ExecuteUpdateAsync(s => s.SetProperty(p => p.DueAt, Now).SetProperty(p => p.FailedAttempts, 0), cancellationToken);
        signal.Wake();
    }

    /// <summary>Stops pushing the list to the network. The list stays on the network as it is (and Mastodon's follows too).</summary>
    public async Task StopPushAsync(int pushId, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.PushLists, $"list push {pushId}");
        var push = await db.ListPushes.Include(p => p.List).FirstOrDefaultAsync(p => p.Id == pushId, cancellationToken);
        if (push is null)
        {
            return;
        }

        db.ListPushes.Remove(push);
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.ListPushStopped, "list " + push.List!.Name,
            $"stopped pushing to @{push.AccountHandle} on {push.Network}; the list there was left as it is{(push.RemoteUrl is null ? "" : " (" + push.RemoteUrl + ")")}");
    }

    private async Task<ListImportResult> AddMembersAsync(
        AccountList list,
        Network network,
        IReadOnlyList<RemoteListMember> members,
        bool addToContacts,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var incoming = members
            .Select(m => m with { Handle = m.Handle.Trim().TrimStart('@').ToLowerInvariant() })
            .Where(m => m.Handle.Length is > 0 and <= ContactHandle.HandleLength)
            .DistinctBy(m => m.Handle, StringComparer.Ordinal)
            .ToList();
        var onList = list.Id == 0
            ? []
            : await db.ListMembers.Where(m => m.ListId == list.Id && m.Network == network).Select(m => m.Handle).ToListAsync(cancellationToken);
        var onListSet = onList.ToHashSet(StringComparer.Ordinal);
        var handles = incoming.Select(m => m.Handle).ToList();
        var contacts = await db.ContactHandles.AsNoTracking().Where(h => h.Network == network && handles.Contains(h.Handle))
            .Select(h => new { h.Handle, h.Contact!.Name }).ToDictionaryAsync(h => h.Handle, h => h.Name, StringComparer.Ordinal, cancellationToken);
        var created = 0;
        foreach (var member in incoming.Where(m => addToContacts && !contacts.ContainsKey(m.Handle)))
        {
            var name = Cut(string.IsNullOrWhiteSpace(member.DisplayName) ? member.Handle : member.DisplayName.Trim(), Contact.NameLength);
            var contact = new Contact
            {
                Name = name,
                Notes = Cut($"Added from the list {list.SourceDescription}.", Contact.NotesLength),
                CreatedAt = Now,
                UpdatedAt = Now,
                Handles = [new ContactHandle { Network = network, Handle = member.Handle }],
            };
            contact.SearchText = ContactService.SearchTextOf(contact);
            db.Contacts.Add(contact);
            contacts[member.Handle] = name;
            created++;
        }

        var added = 0;
        foreach (var member in incoming.Where(m => !onListSet.Contains(m.Handle)))
        {
            var personName = contacts.TryGetValue(member.Handle, out var contactName) ? contactName
                : string.IsNullOrWhiteSpace(member.DisplayName) ? member.Handle : member.DisplayName.Trim();
            list.Members.Add(new ListMember { Network = network, Handle = member.Handle, PersonName = Cut(personName, 200) });
            added++;
        }

        await db.SaveChangesAsync(cancellationToken);
        await MarkPushesDueAsync(db, list.Id, Now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var incomingSet = handles.ToHashSet(StringComparer.Ordinal);
        return new ListImportResult(
            list.Id,
            added,
            incoming.Count - added,
            created,
            incoming.Count(m => contacts.ContainsKey(m.Handle)),
            onList.Where(h => !incomingSet.Contains(h)).Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>Marks every push of the list due, after its members changed.</summary>
    internal static Task<int> MarkPushesDueAsync(AppDbContext db, int listId, DateTime now, CancellationToken cancellationToken) =>
        db.ListPushes.Where(p => p.ListId == listId).ExecuteUpdateAsync(s => s.SetProperty(p => p.DueAt, now).SetProperty(p => p.FailedAttempts, 0), cancellationToken);

    /// <summary>The network list's members, up to <see cref="MaxMembers"/>, or why they could not be read.</summary>
    private async Task<(IReadOnlyList<RemoteListMember> Members, string? Problem)> ReadMembersAsync(ListAccountChoice choice, string remoteListId, CancellationToken cancellationToken)
    {
        var (account, network, problem) = await ResolveAsync(choice, cancellationToken);
        if (problem is not null)
        {
            return ([], problem);
        }

        try
        {
            return (await network!.GetMembersAsync(account!, remoteListId, MaxMembers, cancellationToken), null);
        }
        catch (Exception exception) when (exception is NetworkListException or HttpRequestException)
        {
            return ([], exception.Message);
        }
    }

    private async Task<(PublishingAccount? Account, INetworkLists? Network, string? Problem)> ResolveAsync(ListAccountChoice choice, CancellationToken cancellationToken)
    {
        if (networks.For(choice.Network) is not { } network)
        {
            return (null, null, $"PressDeck cannot read or write {choice.Network} lists.");
        }

        var (account, problem) = await accounts.ResolveAsync(db, choice.Network, choice.ConnectedAccountId, cancellationToken);
        return account is null ? (null, null, problem) : (account, network, null);
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
