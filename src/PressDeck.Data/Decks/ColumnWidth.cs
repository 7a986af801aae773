namespace PressDeck.Data.Decks;

public enum ColumnWidth
{
    Narrow,
    Normal,
    Wide,
}
