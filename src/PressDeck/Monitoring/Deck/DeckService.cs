using Microsoft.EntityFrameworkCore;
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
public sealed class DeckService(AppDbContext db, StandingQueries standingQueries, ListDirectory lists, ColumnBackfill backfill, PermissionGate gate)
{
    /// <summary>The person's deck; the first time, a copy of the office's starter deck.</summary>
    public async Task<DeckView> GetOrCreateDeckAsync(string userId, CancellationToken cancellationToken)
    {
        await gate.DemandOwnAsync(userId, Permissions.ViewDeck, "deck");
        var deck = await db.Decks.Include(d => d.Columns).FirstOrDefaultAsync(d => d.OwnerUserId == userId, cancellationToken);
        if (deck is null)
        {
            var starter = await db.Decks.AsNoTracking().Include(d => d.Columns).FirstOrDefaultAsync(d => d.IsStarter, cancellationToken);
            deck = new DeckEntity { Name = "My deck", OwnerUserId = userId };
            foreach (var column in starter?.Columns.OrderBy(c => c.Position) ?? Enumerable.Empty<DeckColumn>())
            {
                deck.Columns.Add(new DeckColumn
                {
                    Name = column.Name,
                    Query = column.Query,
                    Kind = column.Kind,
                    Position = column.Position,
                    Width = column.Width,
                    FormJson = column.FormJson,
                });
            }

            db.Decks.Add(deck);
            await db.SaveChangesAsync(cancellationToken);
            foreach (var column in deck.Columns)
            {
                RegisterQuery(column);
            }
        }

        return ToView(deck);
    }

    public async Task<ColumnSaveResult> AddColumnAsync(string userId, ColumnDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await gate.DemandOwnAsync(userId, Permissions.EditDeck, "add column " + draft.Name);
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
        if (RegisterQuery(column) is { } query)
        {
            backfill.Request(query);
        }

        return new ColumnSaveResult(ToView(column), null);
    }

    public async Task<ColumnSaveResult> UpdateColumnAsync(string userId, int columnId, ColumnDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await gate.DemandOwnAsync(userId, Permissions.EditDeck, $"column {columnId}");
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
        if (RegisterQuery(column) is { } query && changed)
        {
            backfill.Request(query);
        }

        return new ColumnSaveResult(ToView(column), null);
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

    private QueryNode? RegisterQuery(DeckColumn column)
    {
        var parsed = QueryParser.Parse(column.Query, lists);
        if (parsed.Query is not null)
        {
            standingQueries.Set(column.Id, parsed.Query);
        }

        return parsed.Query;
    }

    private static DeckView ToView(DeckEntity deck) =>
        new(deck.Id, deck.Name, deck.Columns.OrderBy(c => c.Position).Select(ToView).ToList());

    private static ColumnView ToView(DeckColumn column) =>
        new(column.Id, column.Name, column.Query, column.Kind, column.Width, column.IsCollapsed, column.FormJson);
}
