namespace PressDeck.Data.Decks;

/// <summary>
/// A set of columns. The office's starter deck has no owner; each person gets their own copy of it the first time
/// they open the deck, and changes they make stay in their copy.
/// </summary>
public sealed class Deck
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public string? OwnerUserId { get; set; }

    public bool IsStarter { get; set; }

    public List<DeckColumn> Columns { get; set; } = [];
}
