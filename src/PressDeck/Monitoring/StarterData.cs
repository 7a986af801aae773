using Microsoft.EntityFrameworkCore;
using PressDeck.Connectors.Demo;
using PressDeck.Core.Posts;
using PressDeck.Data;
using PressDeck.Data.Decks;
using PressDeck.Data.Lists;
using PressDeck.Monitoring.Deck;
using PressDeck.Monitoring.Lists;
using DeckEntity = PressDeck.Data.Decks.Deck;

namespace PressDeck.Monitoring;

/// <summary>
/// First start: the office's starter deck (mentions of the office, the trending hashtag, journalists, breaking news) and
/// the starter lists filled from the demo network. Later starts change nothing that exists. Then the lists and every
/// column's query are loaded for matching, before ingest begins.
/// </summary>
internal sealed partial class StarterData(
    IServiceScopeFactory scopeFactory,
    DemoWorld world,
    ListDirectory lists,
    Live.StandingQueries standingQueries,
    ILogger<StarterData> logger) : IHostedService
{
    public const string JournalistsList = "journalists";
    public const string NewsDesksList = "news desks";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopeFactory.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await EnsureListAsync(db, JournalistsList, "Journalists who cover the department", world.Journalists, cancellationToken);
            await EnsureListAsync(db, NewsDesksList, "News organisations' own accounts", world.NewsSites, cancellationToken);
            await EnsureStarterDeckAsync(db, cancellationToken);
        }

        await lists.ReloadAsync(cancellationToken);
        await standingQueries.LoadAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task EnsureListAsync(AppDbContext db, string name, string description, IReadOnlyList<DemoAccount> accounts, CancellationToken cancellationToken)
    {
        var key = ListDirectory.Key(name);
        if (await db.Lists.AnyAsync(l => l.NormalizedName == key, cancellationToken))
        {
            return;
        }

        var list = new AccountList { Name = name, NormalizedName = key, Description = description };
        foreach (var account in accounts)
        {
            list.Members.Add(new ListMember
            {
                Network = Network.Demo,
                Handle = account.Handle.ToLowerInvariant(),
                PersonName = account.Author.DisplayName,
                Note = account.Description,
            });
        }

        db.Lists.Add(list);
        await db.SaveChangesAsync(cancellationToken);
        LogListCreated(name, accounts.Count);
    }

    private async Task EnsureStarterDeckAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Decks.AnyAsync(d => d.IsStarter, cancellationToken))
        {
            return;
        }

        var office = world.OfficeAccount.Handle;
        var mentions = new ColumnForm { Mentioning = office };
        var hashtag = new ColumnForm { Hashtags = world.TrendingHashtag };
        var journalists = new ColumnForm { List = JournalistsList };
        var deck = new DeckEntity
        {
            Name = "Press office deck",
            IsStarter = true,
            Columns =
            [
                new DeckColumn { Position = 0, Name = $"Mentions of @{office}", Kind = "mentions", Query = mentions.ToQuery(), FormJson = mentions.ToJson() },
                new DeckColumn { Position = 1, Name = "#" + world.TrendingHashtag, Kind = "hashtag", Query = hashtag.ToQuery(), FormJson = hashtag.ToJson() },
                new DeckColumn { Position = 2, Name = "Journalists", Kind = "list", Query = journalists.ToQuery(), FormJson = journalists.ToJson() },
                new DeckColumn { Position = 3, Name = "Breaking news", Kind = "news", Query = $"breaking OR list:\"{NewsDesksList}\"" },
            ],
        };
        db.Decks.Add(deck);
        await db.SaveChangesAsync(cancellationToken);
        LogStarterDeck(deck.Columns.Count);
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Created the starter list {ListName} with {Count} accounts")]
    private partial void LogListCreated(string listName, int count);

    [LoggerMessage(EventId = 501, Level = LogLevel.Information, Message = "Created the office's starter deck with {Count} columns")]
    private partial void LogStarterDeck(int count);
}
