using Microsoft.EntityFrameworkCore;
using PressDeck.Audit;
using PressDeck.Core.Query;
using PressDeck.Data;
using PressDeck.Data.Decks;
using PressDeck.Monitoring.Backfill;
using PressDeck.Monitoring.Lists;
using PressDeck.Monitoring.Live;
using PressDeck.Team;
using DeckEntity = PressDeck.Data.Decks.Deck;

namespace PressDeck.Monitoring.Deck;

/// <summary>
/// A person's deck and its columns. Every change to a column's query is parsed first (an invalid query saves nothing)
/// and then handed to the standing queries, so the live column follows at once. Only the deck's owner may act on it:
/// opening and arranging it needs <see cref="Permissions.ViewDeck"/>, changing its columns <see cref="Permissions.EditDeck"/>.
/// </summary>
public sealed class DeckService(AppDbContext db, StandingQueries standingQueries, ListDirectory lists, ColumnBackfill backfill, PermissionGate gate, AuditLog auditLog)
{
    /// <summary>The person's deck; the first time, a copy of the office's starter deck.</summary>
    public async Task<DeckView> GetOrCreateDeckAsync(string userId, CancellationToken cancellationToken)
    {
        var person = await gate.DemandOwnAsync(userId, Permissions.ViewDeck, "deck");
        var deck = await db.Decks.Include(d => d.Columns).FirstOrDefaultAsync(d => d.OwnerUserId == userId, cancellationToken);
        if (deck is null)
        {
            var starter = await db.Decks.AsNoTracking().Include(d => d.Columns).FirstOrDefaultAsync(d => d.IsStarter, cancellationToken);
            deck = new DeckEntity { Name = "My deck", OwnerUserId = userId };
            deck.Columns.AddRange((starter?.Columns ?? []).OrderBy(c => c.Position).Select(CopyOf));

            db.Decks.Add(deck);
            await db.SaveChangesAsync(cancellationToken);
        }

        // Every time, so a changed role (a trainee made an officer, or back) applies to the live columns at once.
        foreach (var column in deck.Columns)
        {
            RegisterQuery(column, person.SandboxOnly);
        }

        return ToView(deck, person.SandboxOnly);
    }

    public async Task<ColumnSaveResult> AddColumnAsync(string userId, ColumnDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var person = await gate.DemandOwnAsync(userId, Permissions.EditDeck, "add column " + draft.Name);
        var parsed = Validate(draft);
        if (parsed.Error is not null)
        {
            return parsed;
        }

        var deck = await db.Decks.Include(d => d.Columns).FirstAsync(d => d.OwnerUserId == userId, cancellationToken);
        var column = new DeckColumn
        {
            Name = draft.Name.Trim(),
            Query = draft.Query.Trim(),
            Kind = draft.Kind,
            FormJson = draft.FormJson,
            Position = deck.Columns.Count == 0 ? 0 : deck.Columns.Max(c => c.Position) + 1,
        };
        deck.Columns.Add(column);
        await db.SaveChangesAsync(cancellationToken);
        if (RegisterQuery(column, person.SandboxOnly) is { } query)
        {
            backfill.Request(query);
        }

        return new ColumnSaveResult(ToView(column, person.SandboxOnly), null);
    }

    public async Task<ColumnSaveResult> UpdateColumnAsync(string userId, int columnId, ColumnDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var person = await gate.DemandOwnAsync(userId, Permissions.EditDeck, $"column {columnId}");
        var parsed = Validate(draft);
        if (parsed.Error is not null)
        {
            return parsed;
        }

        var column = await FindColumnAsync(userId, columnId, cancellationToken);
        var changed = column.Query != draft.Query.Trim();
        column.Name = draft.Name.Trim();
        column.Query = draft.Query.Trim();
        column.Kind = draft.Kind;
        column.FormJson = draft.FormJson;
        await db.SaveChangesAsync(cancellationToken);
        if (RegisterQuery(column, person.SandboxOnly) is { } query && changed)
        {
            backfill.Request(query);
        }

        return new ColumnSaveResult(ToView(column, person.SandboxOnly), null);
    }

    public async Task RenameColumnAsync(string userId, int columnId, string name, CancellationToken cancellationToken)
    {
        await gate.DemandOwnAsync(userId, Permissions.EditDeck, $"column {columnId}");
        var column = await FindColumnAsync(userId, columnId, cancellationToken);
        column.Name = string.IsNullOrWhiteSpace(name) ? column.Name : name.Trim();
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task SetLayoutAsync(string userId, int columnId, ColumnWidth width, bool collapsed, CancellationToken cancellationToken)
    {
        await gate.DemandOwnAsync(userId, Permissions.ViewDeck, $"column {columnId}");
        var column = await FindColumnAsync(userId, columnId, cancellationToken);
        column.Width = width;
        column.IsCollapsed = collapsed;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Moves a column to <paramref name="newIndex"/> (0-based) and renumbers the rest.</summary>
    public async Task MoveColumnAsync(string userId, int columnId, int newIndex, CancellationToken cancellationToken)
    {
        await gate.DemandOwnAsync(userId, Permissions.ViewDeck, $"column {columnId}");
        var deck = await db.Decks.Include(d => d.Columns).FirstAsync(d => d.OwnerUserId == userId, cancellationToken);
        var ordered = deck.Columns.OrderBy(c => c.Position).ToList();
        var column = ordered.FirstOrDefault(c => c.Id == columnId) ?? throw new KeyNotFoundException($"Column {columnId} is not in this deck.");
        ordered.Remove(column);
        ordered.Insert(Math.Clamp(newIndex, 0, ordered.Count), column);
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Position = i;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task RemoveColumnAsync(string userId, int columnId, CancellationToken cancellationToken)
    {
        await gate.DemandOwnAsync(userId, Permissions.EditDeck, $"column {columnId}");
        var column = await FindColumnAsync(userId, columnId, cancellationToken);
        db.Columns.Remove(column);
        await db.SaveChangesAsync(cancellationToken);
        standingQueries.Remove(columnId);
    }

    /// <summary>Offers one of the person's columns to the whole team (or takes the offer back); audited.</summary>
    public async Task ShareColumnAsync(string userId, int columnId, bool shared, CancellationToken cancellationToken)
    {
        var person = await gate.DemandOwnAsync(userId, Permissions.ShareColumns, $"share column {columnId}");
        var column = await FindColumnAsync(userId, columnId, cancellationToken);
        if (column.SharedWithTeam == shared)
        {
            return;
        }

        column.SharedWithTeam = shared;
        column.SharedBy = shared ? person.Name : null;
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.ColumnShared, $"column {column.Name}", shared ? "shared with the team" : "no longer shared");
    }

    /// <summary>The columns colleagues share with the team, except the person's own.</summary>
    public async Task<IReadOnlyList<SharedColumnView>> SharedColumnsAsync(string userId, CancellationToken cancellationToken)
    {
        await gate.DemandOwnAsync(userId, Permissions.ViewDeck, "shared columns");
        return await db.Columns.AsNoTracking()
            .Where(c => c.SharedWithTeam && c.Deck!.OwnerUserId != userId)
            .OrderBy(c => c.Name)
            .Select(c => new SharedColumnView(c.Id, c.Name, c.Query, c.SharedBy ?? ""))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Adds a copy of a column a colleague shares to the person's own deck.</summary>
    public async Task<ColumnSaveResult> AddSharedColumnAsync(string userId, int sharedColumnId, CancellationToken cancellationToken)
    {
        var shared = await db.Columns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == sharedColumnId && c.SharedWithTeam, cancellationToken);
        return shared is null
            ? new ColumnSaveResult(null, new QueryError("That column is no longer shared.", 1))
            : await AddColumnAsync(userId, new ColumnDraft(shared.Name, shared.Query, shared.Kind, shared.FormJson), cancellationToken);
    }

    /// <summary>The columns of the office's standard deck, which every new person starts with.</summary>
    public async Task<IReadOnlyList<ColumnView>> OfficeDeckAsync(CancellationToken cancellationToken)
    {
        await gate.DemandAsync(Permissions.ManageOfficeDeck, "office deck");
        var starter = await db.Decks.AsNoTracking().Include(d => d.Columns).FirstOrDefaultAsync(d => d.IsStarter, cancellationToken);
        return starter is null ? [] : ToView(starter, sandboxOnly: false).Columns;
    }

    /// <summary>
    /// Makes the admin's own columns the office's standard deck: people who open PressDeck for the first time from now on
    /// start with copies of them (existing decks are not changed). Audited.
    /// </summary>
    public async Task<int> UseAsOfficeDeckAsync(string userId, CancellationToken cancellationToken)
    {
        var person = await gate.DemandOwnAsync(userId, Permissions.ManageOfficeDeck, "office deck");
        var mine = await db.Decks.AsNoTracking().Include(d => d.Columns).FirstOrDefaultAsync(d => d.OwnerUserId == userId, cancellationToken);
        if (mine is null || mine.Columns.Count == 0)
        {
            return 0;
        }

        var starter = await db.Decks.Include(d => d.Columns).FirstOrDefaultAsync(d => d.IsStarter, cancellationToken);
        if (starter is null)
        {
            starter = new DeckEntity { Name = "Office deck", IsStarter = true };
            db.Decks.Add(starter);
        }

        foreach (var old in starter.Columns)
        {
            standingQueries.Remove(old.Id);
        }

        starter.Columns.Clear();
        starter.Columns.AddRange(mine.Columns.OrderBy(c => c.Position).Select(CopyOf));

        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.OfficeDeckChanged, "the office's standard deck",
            $"{starter.Columns.Count} columns: " + string.Join(", ", starter.Columns.Select(c => c.Name)));
        return starter.Columns.Count;
    }

    /// <summary>Parses a column's query; the result carries the error (message and position) when it is not valid.</summary>
    public ColumnSaveResult Validate(ColumnDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (string.IsNullOrWhiteSpace(draft.Name))
        {
            return new ColumnSaveResult(null, new QueryError("Give the column a name.", 1));
        }

        var parsed = QueryParser.Parse(draft.Query, lists);
        return parsed.Error is not null ? new ColumnSaveResult(null, parsed.Error) : new ColumnSaveResult(null, null);
    }

    private async Task<DeckColumn> FindColumnAsync(string userId, int columnId, CancellationToken cancellationToken) =>
        await db.Columns.FirstOrDefaultAsync(c => c.Id == columnId && c.Deck!.OwnerUserId == userId, cancellationToken)
        ?? throw new KeyNotFoundException($"Column {columnId} is not in this person's deck.");

    private QueryNode? RegisterQuery(DeckColumn column, bool sandboxOnly)
    {
        var parsed = QueryParser.Parse(column.Query, lists);
        if (parsed.Query is null)
        {
            return null;
        }

        var query = sandboxOnly ? Sandbox.Restrict(parsed.Query) : parsed.Query;
        standingQueries.Set(column.Id, query);
        return query;
    }

    /// <summary>A new column like <paramref name="column"/> (same query, place and layout), for another deck.</summary>
    private static DeckColumn CopyOf(DeckColumn column) => new()
    {
        Name = column.Name,
        Query = column.Query,
        Kind = column.Kind,
        Position = column.Position,
        Width = column.Width,
        FormJson = column.FormJson,
    };

    private static DeckView ToView(DeckEntity deck, bool sandboxOnly) =>
        new(deck.Id, deck.Name, deck.Columns.OrderBy(c => c.Position).Select(c => ToView(c, sandboxOnly)).ToList());

    private static ColumnView ToView(DeckColumn column, bool sandboxOnly) =>
        new(column.Id, column.Name, column.Query, column.Kind, column.Width, column.IsCollapsed, column.FormJson, sandboxOnly, column.SharedWithTeam);
}
