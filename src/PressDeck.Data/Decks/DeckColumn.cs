namespace PressDeck.Data.Decks;

/// <summary>A live column: a standing query in the language of QUERY-LANGUAGE.md, shown in a deck.</summary>
public sealed class DeckColumn
{
    public int Id { get; set; }

    public int DeckId { get; set; }

    public Deck? Deck { get; set; }

    /// <summary>Order within the deck, from 0.</summary>
    public int Position { get; set; }

    public string Name { get; set; } = "";

    public string Query { get; set; } = "";

    /// <summary>What the column shows: <c>mentions</c>, <c>hashtag</c>, <c>list</c>, <c>news</c> or <c>search</c>; chooses the header icon.</summary>
    public string Kind { get; set; } = "search";

    public ColumnWidth Width { get; set; } = ColumnWidth.Normal;

    public bool IsCollapsed { get; set; }

    /// <summary>The simple fields (JSON) the query was written from, so the editor can show them again; null for hand-written queries.</summary>
    public string? FormJson { get; set; }

    /// <summary>Offered to the whole team: anyone can add a copy of this column to their own deck.</summary>
    public bool SharedWithTeam { get; set; }

    /// <summary>The name of the person who shared it, shown beside the shared column.</summary>
    public string? SharedBy { get; set; }
}
