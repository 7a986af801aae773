using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using PressDeck.Core.Posts;

namespace PressDeck.Connectors.Demo;

/// <summary>
/// The simulated press-office world: who posts and what they talk about. Built deterministically from a seed
/// (the same seed gives the same people with the same handles) and immutable afterwards, so it is thread-safe.
/// </summary>
public sealed class DemoWorld
{
    private const int JournalistsPerOutlet = 6;
    private const int BackbenchPoliticians = 28;
    private const int PublicAccounts = 220;

    private readonly FrozenDictionary<string, DemoAccount> _accountsByHandle;

    public DemoWorld(
        int seed,
        string officeHandle = DemoOptions.DefaultOfficeHandle,
        string officeDisplayName = DemoOptions.DefaultOfficeDisplayName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(officeHandle);
        ArgumentException.ThrowIfNullOrWhiteSpace(officeDisplayName);

        Seed = seed;
        Department = officeDisplayName.EndsWith(" Press Office", StringComparison.Ordinal)
            ? officeDisplayName[..^" Press Office".Length]
            : officeDisplayName;
        OfficeAccount = new DemoAccount(
            new Author(officeHandle, officeDisplayName),
            DemoAccountRole.Office,
            "Official news and announcements from the " + Department + ". Media enquiries only.",
            Department,
            "en-GB");

        var builder = new Builder(seed, OfficeAccount);
        Authors = builder.Build();
        Journalists = Authors.Where(account => account.Role == DemoAccountRole.Journalist).ToArray();
        NewsSites = Authors.Where(account => account.Role == DemoAccountRole.NewsSite).ToArray();
        Politicians = Authors.Where(account => account.Role == DemoAccountRole.Politician).ToArray();
        Organisations = Authors.Where(account => account.Role == DemoAccountRole.Organisation).ToArray();
        Public = Authors.Where(account => account.Role == DemoAccountRole.Public).ToArray();
        Ministers = Politicians.Where(account => account.IsGovernment).ToArray();
        _accountsByHandle = Authors.ToFrozenDictionary(account => account.Handle, StringComparer.OrdinalIgnoreCase);
        Topics = DemoTopicCatalog.Topics.Select(content => content.Topic).ToArray();
    }

    public int Seed { get; }

    /// <summary>The department the office speaks for ("Department for Business and Training").</summary>
    public string Department { get; }

    public DemoAccount OfficeAccount { get; }

    /// <summary>Every account, the office's included, in a stable order.</summary>
    public IReadOnlyList<DemoAccount> Authors { get; }

    /// <summary>The journalists, for the starter "journalists" list.</summary>
    public IReadOnlyList<DemoAccount> Journalists { get; }

    public IReadOnlyList<DemoAccount> NewsSites { get; }

    public IReadOnlyList<DemoAccount> Politicians { get; }

    public IReadOnlyList<DemoAccount> Organisations { get; }

    public IReadOnlyList<DemoAccount> Public { get; }

    public IReadOnlyList<DemoTopic> Topics { get; }

    /// <summary>A hashtag the world uses often (without <c>#</c>), for the starter hashtag column.</summary>
    public string TrendingHashtag { get; } = DemoTopicCatalog.TrendingHashtag;

    internal IReadOnlyList<DemoAccount> Ministers { get; }

    /// <summary>Handles compare case-insensitively.</summary>
    public bool TryGetAccount(string handle, [NotNullWhen(true)] out DemoAccount? account)
    {
        ArgumentNullException.ThrowIfNull(handle);
        return _accountsByHandle.TryGetValue(handle.TrimStart('@'), out account);
    }

    private sealed class Builder(int seed, DemoAccount office)
    {
        private readonly DemoRandom _random = DemoRandom.For(seed, DemoRandomStream.World, 0);
        private readonly HashSet<string> _handles = new(StringComparer.OrdinalIgnoreCase) { office.Handle };
        private readonly HashSet<string> _names = new(StringComparer.Ordinal);
        private readonly List<DemoAccount> _accounts = [office];

        public DemoAccount[] Build()
        {
            AddNewsSites();
            AddJournalists();
            AddPoliticians();
            AddOrganisations();
            AddPublic();
            return [.. _accounts];
        }

        private void AddNewsSites()
        {
            foreach (var outlet in DemoPeopleCatalog.Outlets)
            {
                Add(new DemoAccount(new Author(Claim(outlet.Handle), outlet.Name), DemoAccountRole.NewsSite, outlet.Strapline, outlet.Name, outlet.Language)
                {
                    Outlet = outlet,
                });
            }
        }

        private void AddJournalists()
        {
            foreach (var outlet in DemoPeopleCatalog.Outlets)
            {
                var count = outlet.Language == "en-GB" ? JournalistsPerOutlet : JournalistsPerOutlet - 2;
                for (var i = 0; i < count; i++)
                {
                    var (first, last) = outlet.Language switch
                    {
                        "cy" => UniqueName(DemoPeopleCatalog.WelshFirstNames, DemoPeopleCatalog.WelshSurnames),
                        "fr" => UniqueName(DemoPeopleCatalog.FrenchFirstNames, DemoPeopleCatalog.FrenchSurnames),
                        _ => UniqueName(DemoPeopleCatalog.FirstNames, DemoPeopleCatalog.Surnames),
                    };
                    var beat = _random.Pick(outlet.Language switch
                    {
                        "cy" => DemoPeopleCatalog.WelshBeats,
                        "fr" => DemoPeopleCatalog.FrenchBeats,
                        _ => DemoPeopleCatalog.EnglishBeats,
                    });
                    var handle = Claim(_random.Chance(0.8) ? $"{first}_{last}" : $"{first}{last}{outlet.Handle[..3]}");
                    Add(new DemoAccount(new Author(handle, $"{first} {last}"), DemoAccountRole.Journalist, $"{beat}, {outlet.Name}", outlet.Name, outlet.Language)
                    {
                        Outlet = outlet,
                    });
                }
            }
        }

        private void AddPoliticians()
        {
            foreach (var (name, handle, role) in DemoPeopleCatalog.Ministers)
            {
                _names.Add(name);
                Add(new DemoAccount(new Author(Claim(handle), name), DemoAccountRole.Politician, role + ". MP for " + _random.Pick(DemoPeopleCatalog.Constituencies) + ".", "Government", "en-GB")
                {
                    IsGovernment = true,
                });
            }

            foreach (var (name, handle, role) in DemoPeopleCatalog.ShadowMinisters)
            {
                _names.Add(name);
                Add(new DemoAccount(new Author(Claim(handle), name), DemoAccountRole.Politician, role + ". MP for " + _random.Pick(DemoPeopleCatalog.Constituencies) + ".", "Opposition", "en-GB"));
            }

            for (var i = 0; i < BackbenchPoliticians; i++)
            {
                var constituency = DemoPeopleCatalog.Constituencies[i % DemoPeopleCatalog.Constituencies.Length];
                var isWelsh = constituency is "Penrhos a'r Fro" or "Glanrafon";
                var (first, last) = isWelsh
                    ? UniqueName(DemoPeopleCatalog.WelshFirstNames, DemoPeopleCatalog.WelshSurnames)
                    : UniqueName(DemoPeopleCatalog.FirstNames, DemoPeopleCatalog.Surnames);
                var isGovernment = _random.Chance(0.5);
                var description = $"MP for {constituency}. " + (_random.Chance(0.4) ? _random.Pick(DemoPeopleCatalog.Committees) + "." : "Working hard for local people.");
                Add(new DemoAccount(new Author(Claim($"{first}{last}mp"), $"{first} {last} MP"), DemoAccountRole.Politician, description, constituency, isWelsh ? "cy" : "en-GB")
                {
                    IsGovernment = isGovernment,
                });
            }
        }

        private void AddOrganisations()
        {
            foreach (var organisation in DemoPeopleCatalog.Organisations)
            {
                Add(new DemoAccount(new Author(Claim(organisation.Handle), organisation.Name), DemoAccountRole.Organisation, organisation.Description, organisation.Kind, organisation.Language)
                {
                    Organisation = organisation,
                });
            }
        }

        private void AddPublic()
        {
            for (var i = 0; i < PublicAccounts; i++)
            {
                var isWelsh = i % 16 == 0;
                var (first, last) = isWelsh
                    ? UniqueName(DemoPeopleCatalog.WelshFirstNames, DemoPeopleCatalog.WelshSurnames)
                    : UniqueName(DemoPeopleCatalog.FirstNames, DemoPeopleCatalog.Surnames);
                var handle = _random.Next(4) switch
                {
                    0 => $"{first}_{last}",
                    1 => $"{first}{last}{_random.Between(1, 99)}",
                    2 => $"{first}_{_random.Pick(DemoPeopleCatalog.Places)}",
                    _ => $"{_random.Pick(DemoPeopleCatalog.HandleNouns)}{first}",
                };
                var bio = _random.Pick(isWelsh ? DemoPeopleCatalog.WelshPublicBios : DemoPeopleCatalog.PublicBios);
                var displayName = _random.Chance(0.2) ? first : $"{first} {last}";
                Add(new DemoAccount(new Author(Claim(handle), displayName), DemoAccountRole.Public, bio, null, isWelsh ? "cy" : "en-GB"));
            }
        }

        /// <summary>A first and last name not used before, so that no two people share a name.</summary>
        private (string First, string Last) UniqueName(string[] firstNames, string[] surnames)
        {
            while (true)
            {
                var first = _random.Pick(firstNames);
                var last = _random.Pick(surnames);
                if (_names.Add($"{first} {last}") || _names.Count >= firstNames.Length * surnames.Length)
                {
                    return (first, last);
                }
            }
        }

        private void Add(DemoAccount account) => _accounts.Add(account);

        /// <summary>Turns a wish into a free handle: ASCII letters, digits and <c>_</c>, lower case, unique.</summary>
        private string Claim(string wish)
        {
            var handle = ToHandle(wish);
            var candidate = handle;
            for (var suffix = 2; !_handles.Add(candidate); suffix++)
            {
                candidate = handle + suffix.ToString(CultureInfo.InvariantCulture);
            }

            return candidate;
        }

        private static string ToHandle(string wish)
        {
            var builder = new StringBuilder(wish.Length);
            foreach (var character in wish.Normalize(NormalizationForm.FormD))
            {
                if (char.IsAsciiLetterOrDigit(character) || character == '_')
                {
                    builder.Append(char.ToLowerInvariant(character));
                }
            }

            return builder.ToString();
        }
    }
}
